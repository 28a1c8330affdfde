// The engine worker's assumableRoles on the demo account, against examples/README.md's answer key
// (groups, roles' trust policies, escalation paths 3, 3b and 3c) and against who-can per role.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../renderer/worker/engine';

const demo = readFileSync('examples/demo-account.json', 'utf8');
const A = 'arn:aws:iam::111122223333:';
const PLATFORM_ADMIN = `${A}role/PlatformAdmin`;
const OPS_SUPPORT = `${A}role/ops-support`;

let engine: Engine;
let arns: string[] = [];

beforeAll(async () => {
  engine = createEngine();
  const opened = await engine.open('demo', demo);
  if (opened.kind !== 'ok') throw new Error('the demo account did not open');
  arns = opened.opened.principals.filter((p) => p.kind !== 'group').map((p) => p.arn);
});

/** The answer as `name:decision` strings, in the order given. */
function answer(principal: string): string[] {
  const r = engine.assumableRoles('demo', principal);
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.result.roles.map((x) => `${x.name}:${x.decision}`);
}

describe('the roles a principal can assume', () => {
  it('gives the platform-ops members ops-support, and PlatformAdmin only with MFA (paths 3 and 3b)', () => {
    for (const user of ['alice.nguyen', 'frank.li']) {
      expect(answer(`${A}user/${user}`)).toEqual(['ops-support:allowed', 'PlatformAdmin:conditional']);
      const r = engine.assumableRoles('demo', `${A}user/${user}`);
      const admin = r.kind === 'ok' ? r.result.roles.find((x) => x.arn === PLATFORM_ADMIN) : undefined;
      expect(admin?.conditions.map((c) => [c.key, c.operator, c.values, c.requirement])).toContainEqual(['aws:MultiFactorAuthPresent', 'Bool', ['true'], 'satisfy']);
    }
  });

  it('gives ops-support PlatformAdmin without a condition (path 3c) and itself through its account trust', () => {
    expect(answer(OPS_SUPPORT)).toEqual(['ops-support:allowed', 'PlatformAdmin:allowed']);
  });

  it('gives no role to the users whose policies do not allow sts:AssumeRole', () => {
    for (const user of ['dan.kowalski', 'bob.okafor', 'grace.hopkins', 'ines.moreau', 'automation/ci-release', 'svc-backup-legacy']) expect(answer(`${A}user/${user}`)).toEqual([]);
  });

  it('gives no role to roles trusted only by services, providers or other accounts that hold no sts:AssumeRole', () => {
    for (const role of ['ReadOnly', 'developer-sandbox', 'web-app-ec2', 'github-actions-legacy', 'vendor-quillbooks-costs']) expect(answer(`${A}role/${role}`)).toEqual([]);
  });

  it('agrees with who-can sts:AssumeRole on every role for every user and role of the account', () => {
    const roles = arns.filter((a) => a.includes(':role/'));
    const fromWhoCan = new Map<string, string[]>(arns.map((a) => [a, []]));
    for (const role of roles) {
      const r = engine.whoCan('demo', { action: 'sts:AssumeRole', resource: role, context: {}, strict: false });
      if (r.kind !== 'ok') throw new Error(r.message);
      for (const p of r.result.principals) if (!p.external) fromWhoCan.get(p.arn)?.push(`${role}:${p.decision}:${p.conditions.map((c) => c.key).join(',')}`);
    }
    for (const arn of arns) {
      const r = engine.assumableRoles('demo', arn);
      if (r.kind !== 'ok') throw new Error(r.message);
      const mine = r.result.roles.map((x) => `${x.arn}:${x.decision}:${x.conditions.map((c) => c.key).join(',')}`);
      expect(mine.sort(), arn).toEqual(fromWhoCan.get(arn)!.sort());
      expect(r.result.checked).toBe(15);
    }
  });

  it('lists allowed roles before conditional ones and maps the conditions to their policies', () => {
    const r = engine.assumableRoles('demo', `${A}user/frank.li`);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const decisions = r.result.roles.map((x) => x.decision);
    expect(decisions).toEqual([...decisions].sort((a, b) => (a === b ? 0 : a === 'allowed' ? -1 : 1)));
    const statements = r.result.roles.flatMap((x) => x.conditions.flatMap((c) => c.statements));
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(r.statementKeys[s], s).toBeDefined();
  });

  it('answers a repeated question from its cache with the same roles', () => {
    const first = engine.assumableRoles('demo', `${A}user/alice.nguyen`);
    const again = engine.assumableRoles('demo', `${A}user/alice.nguyen`);
    expect(again.kind === 'ok' && again.result.ms).toBe(0);
    expect(again.kind === 'ok' && again.result.roles).toEqual(first.kind === 'ok' && first.result.roles);
  });

  it('refuses a group, an unknown principal and a snapshot that is not open with a one-line message', () => {
    const group = engine.assumableRoles('demo', `${A}group/developers`);
    expect(group.kind === 'error' && group.message).toBe(`assumable roles: \`${A}group/developers\` is not a user or role of the snapshot`);
    expect(engine.assumableRoles('demo', `${A}user/nobody`).kind).toBe('error');
    expect(engine.assumableRoles('closed', `${A}user/frank.li`)).toEqual({ kind: 'error', message: 'the snapshot is not open' });
  });
});
