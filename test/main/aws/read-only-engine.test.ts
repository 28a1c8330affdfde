// The read-only guarantee, proved with Ariadne's own engine: the shipped least-privilege policy
// allows every operation the pull makes, and no action whose access level writes or manages
// permissions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPolicySet, compilePolicySet, evaluateRequest, getCatalog } from '../../../core/index';
import { READ_ONLY_OPERATIONS } from '../../../main/aws/index';

const policy: unknown = JSON.parse(readFileSync('docs/read-only-policy.json', 'utf8'));
const built = buildPolicySet({ identity: [policy] });
const compiled = compilePolicySet(built.set!);
const AUDITOR = 'arn:aws:iam::111122223333:user/auditor';

function decide(action: string): string {
  return evaluateRequest(compiled, { principal: AUDITOR, action, resource: '*' }).decision;
}

describe('the read-only policy, evaluated by the engine', () => {
  it('is a valid identity policy', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('allows every operation the pull sends', () => {
    const actions = Object.values(READ_ONLY_OPERATIONS).flatMap((ops) => Object.values(ops));
    expect(actions.length).toBeGreaterThan(20);
    const refused = actions.filter((a) => decide(a) !== 'allowed');
    expect(refused).toEqual([]);
  });

  it('allows no action of the catalogue whose access level is Write, Permissions management or Tagging', () => {
    const catalog = getCatalog();
    const allowedWrites: string[] = [];
    let checked = 0;
    for (let id = 0; id < catalog.actionCount; id++) {
      const level = catalog.accessLevel(id);
      if (level === 'List' || level === 'Read') continue;
      checked += 1;
      const name = catalog.actionName(id);
      if (decide(name) === 'allowed') allowedWrites.push(`${name} (${level})`);
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(allowedWrites).toEqual([]);
  });
});
