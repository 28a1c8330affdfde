import { describe, expect, it } from 'vitest';
import {
  actionsAllowedEverywhere,
  allowedActions,
  can,
  compileAccess,
  parseContextArgs,
  whatCan,
  whoCan,
} from '../../../core/access/index';
import { getCatalog } from '../../../core/catalog/catalog';
import { loadSnapshot } from './load';

const A = '123456789012';
const user = (n: string): string => `arn:aws:iam::${A}:user/${n}`;
const c = compileAccess(loadSnapshot('test/fixtures/access/basic.json'));

function decision(
  principal: string,
  action: string,
  resource: string,
  context?: Record<string, string>,
): string {
  return can(c, { principal, action, resource, ...(context ? { context } : {}) }).decision;
}

function who(
  action: string,
  resource: string,
  opts: { strict?: boolean; context?: Record<string, string> } = {},
) {
  return whoCan(c, { action, resource, ...opts }).principals;
}

describe('can over a compiled snapshot', () => {
  it('gives a user the policies of its groups', () => {
    expect(decision(user('alice'), 's3:GetObject', 'arn:aws:s3:::data/report.csv')).toBe('allowed');
    expect(decision(user('alice'), 'dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${A}:table/t`)).toBe(
      'allowed',
    );
    const r = can(c, { principal: user('alice'), action: 's3:GetObject', resource: 'arn:aws:s3:::data/x' });
    expect(r.policies.identity).toEqual([`arn:aws:iam::${A}:policy/dev-policy`]);
    expect(r.explain.deciding).toContain(`arn:aws:iam::${A}:policy/dev-policy.Statement[0]`);
  });

  it('limits a user by its permissions boundary', () => {
    expect(decision(user('bob'), 's3:GetObject', 'arn:aws:s3:::data/report.csv')).toBe('allowed');
    const r = can(c, {
      principal: user('bob'),
      action: 'dynamodb:GetItem',
      resource: `arn:aws:dynamodb:eu-west-1:${A}:table/t`,
    });
    expect(r.decision).toBe('implicitDeny');
    expect(r.explain.deniedBy).toBe('boundary');
  });

  it('lets an explicit deny win over an allow', () => {
    expect(decision(user('carol'), 'ec2:StartInstances', '*')).toBe('allowed');
    const r = can(c, {
      principal: user('carol'),
      action: 'ec2:TerminateInstances',
      resource: `arn:aws:ec2:eu-west-1:${A}:instance/i-1`,
    });
    expect(r.decision).toBe('explicitDeny');
    expect(r.explain.deciding).toEqual([`${user('carol')}:inline/ops.Statement[1]`]);
  });

  it('applies the organisation SCPs to principals of the account', () => {
    const r = can(c, { principal: user('carol'), action: 's3:DeleteBucket', resource: 'arn:aws:s3:::data' });
    expect(r.decision).toBe('explicitDeny');
    expect(r.explain.deciding).toEqual([`scp:${A}/deny-delete-bucket.Statement[0]`]);
  });

  it('reads NotAction as every action but those listed', () => {
    expect(decision(user('dave'), 's3:PutObject', 'arn:aws:s3:::data/x')).toBe('allowed');
    expect(decision(user('dave'), 'iam:CreateUser', `arn:aws:iam::${A}:user/x`)).toBe('implicitDeny');
  });

  it('allows through a bucket policy naming the user when the user has no policy', () => {
    const r = can(c, { principal: user('frank'), action: 's3:GetObject', resource: 'arn:aws:s3:::shared/k' });
    expect(r.decision).toBe('allowed');
    expect(r.policies.resource).toBe('arn:aws:s3:::shared');
    expect(r.explain.resourceGrant).toBe('exact');
    expect(decision(user('frank'), 's3:PutObject', 'arn:aws:s3:::shared/k')).toBe('implicitDeny');
  });

  it('accepts a role session ARN for a role of the snapshot', () => {
    const r = can(c, {
      principal: `arn:aws:sts::${A}:assumed-role/deploy/s1`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/x',
    });
    expect(r.decision).toBe('implicitDeny');
    expect(r.explain.principal.kind).toBe('assumedRole');
  });
});

describe('who-can', () => {
  it('lists group members, NotAction holders and excludes the boundary-limited and denied', () => {
    const arns = who('dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${A}:table/t`).map((p) => p.arn);
    expect(arns).toEqual([user('alice'), user('dave')]);
    expect(who('ec2:TerminateInstances', '*').map((p) => p.arn)).toEqual([user('dave')]);
    expect(who('s3:DeleteBucket', 'arn:aws:s3:::data')).toEqual([]);
  });

  it('reports a condition the query did not give as conditional, with the key and values needed', () => {
    const found = who('iam:PassRole', `arn:aws:iam::${A}:role/deploy`).find((p) => p.arn === user('erin'));
    expect(found?.decision).toBe('conditional');
    expect(found?.conditions).toEqual([
      {
        key: 'aws:MultiFactorAuthPresent',
        operator: 'Bool',
        values: ['true'],
        requirement: 'satisfy',
        statements: [`${user('erin')}:inline/pass.Statement[0]`],
      },
    ]);
  });

  it('with --strict treats missing keys as absent and lists only allowed principals', () => {
    const strict = who('iam:PassRole', `arn:aws:iam::${A}:role/deploy`, { strict: true }).map((p) => p.arn);
    expect(strict).toEqual([]);
    const given = who('iam:PassRole', `arn:aws:iam::${A}:role/deploy`, {
      strict: true,
      context: { 'aws:MultiFactorAuthPresent': 'true' },
    });
    expect(given.map((p) => [p.arn, p.decision])).toEqual([[user('erin'), 'allowed']]);
  });

  it('includes principals allowed only by the resource policy, and cross-account principals it names', () => {
    const found = who('s3:GetObject', 'arn:aws:s3:::shared/k');
    const frank = found.find((p) => p.arn === user('frank'));
    expect(frank).toMatchObject({ decision: 'allowed', via: 'resource', external: false });
    const partner = found.find((p) => p.arn === 'arn:aws:iam::999988887777:root');
    expect(partner).toMatchObject({ kind: 'account', decision: 'allowed', external: true });
    expect(found.some((p) => p.arn === user('alice'))).toBe(false);
  });

  it('reads a role trust policy for sts:AssumeRole, with the external id a partner needs', () => {
    const found = who('sts:AssumeRole', `arn:aws:iam::${A}:role/deploy`);
    expect(found.find((p) => p.arn === user('alice'))).toMatchObject({
      decision: 'allowed',
      via: 'resource',
    });
    // dave may call sts:AssumeRole (NotAction iam:*) but the trust policy does not name him.
    expect(found.some((p) => p.arn === user('dave'))).toBe(false);
    const partner = found.find((p) => p.arn === 'arn:aws:iam::999988887777:root');
    expect(partner?.decision).toBe('conditional');
    expect(partner?.conditions.map((x) => [x.key, x.values])).toEqual([['sts:ExternalId', ['xyz-123']]]);
  });
});

describe('what-can', () => {
  it('groups actions by service and access level with the statements that grant them', () => {
    const r = whatCan(c, user('alice'));
    expect(r.services.map((s) => s.service)).toEqual(['dynamodb', 's3']);
    const s3 = r.services.find((s) => s.service === 's3');
    expect(s3?.levels.map((l) => l.level)).toEqual(['Read']);
    expect(s3?.levels[0]?.groups[0]?.actions).toEqual(['s3:GetObject']);
    expect(s3?.levels[0]?.groups[0]?.grants[0]?.resources).toEqual(['arn:aws:s3:::data/*']);
    const dynamo = r.services.find((s) => s.service === 'dynamodb');
    expect(dynamo?.levels.map((l) => l.level)).toEqual(expect.arrayContaining(['List', 'Read', 'Write']));
  });

  it('removes actions denied on every resource, and intersects with the boundary', () => {
    const carol = whatCan(c, user('carol'));
    const ec2 = carol.services.find((s) => s.service === 'ec2');
    const all = ec2?.levels.flatMap((l) => l.groups.flatMap((g) => g.actions)) ?? [];
    expect(all).toContain('ec2:StartInstances');
    expect(all).not.toContain('ec2:TerminateInstances');
    const s3 =
      carol.services
        .find((s) => s.service === 's3')
        ?.levels.flatMap((l) => l.groups.flatMap((g) => g.actions)) ?? [];
    expect(s3).not.toContain('s3:DeleteBucket');
    expect(whatCan(c, user('bob')).services.map((s) => s.service)).toEqual(['s3']);
  });

  it('removes NotAction exclusions through the bitset complement', () => {
    const dave = whatCan(c, user('dave'));
    expect(dave.services.some((s) => s.service === 'iam')).toBe(false);
    expect(dave.actionCount).toBeGreaterThan(10000);
  });

  it('lists access that resource policies grant the principal by name', () => {
    const frank = whatCan(c, user('frank'));
    expect(frank.actionCount).toBe(0);
    expect(frank.viaResourcePolicies).toEqual([
      {
        resource: 'arn:aws:s3:::shared',
        statement: 'arn:aws:s3:::shared.Statement[0]',
        actions: ['s3:GetObject'],
        conditional: false,
      },
    ]);
    const alice = whatCan(c, user('alice'));
    expect(alice.viaResourcePolicies.map((v) => v.resource)).toEqual([`arn:aws:iam::${A}:role/deploy`]);
  });

  it('rejects a principal that is not in the snapshot', () => {
    expect(() => whatCan(c, user('nobody'))).toThrow(/not a user or role of the snapshot/);
  });
});

describe('context arguments', () => {
  it('make a key given twice multi-valued and keep the text after the first equals sign', () => {
    expect(parseContextArgs(['aws:TagKeys=a', 'aws:TagKeys=b', 'aws:SourceIp=203.0.113.7', 'k=v=w'])).toEqual(
      {
        'aws:TagKeys': ['a', 'b'],
        'aws:SourceIp': '203.0.113.7',
        k: 'v=w',
      },
    );
  });

  it('reject an argument without a key', () => {
    expect(() => parseContextArgs(['=v'])).toThrow('--context: expected `key=value`, found `=v`');
  });
});

describe('action bitsets of a principal', () => {
  const catalog = getCatalog();
  const id = (name: string): number => catalog.actionId(name) as number;
  const principal = (n: string) => c.byArn.get(user(n))!;

  it('bound what a principal may do on some resource from above', () => {
    const alice = allowedActions(c, principal('alice'));
    expect(alice.has(id('s3:GetObject'))).toBe(true);
    expect(alice.has(id('s3:PutObject'))).toBe(false);
    const bob = allowedActions(c, principal('bob'));
    expect(bob.has(id('dynamodb:GetItem'))).toBe(false);
  });

  it('bound what a principal may do on every resource in any context from below', () => {
    const carol = actionsAllowedEverywhere(c, principal('carol'));
    expect(carol.has(id('ec2:StartInstances'))).toBe(true);
    expect(carol.has(id('ec2:TerminateInstances'))).toBe(false);
    expect(carol.has(id('s3:DeleteBucket'))).toBe(false);
    const alice = actionsAllowedEverywhere(c, principal('alice'));
    expect(alice.has(id('dynamodb:GetItem'))).toBe(true);
    expect(alice.has(id('s3:GetObject'))).toBe(false);
    expect(actionsAllowedEverywhere(c, principal('erin')).has(id('iam:PassRole'))).toBe(false);
  });

  it('list in what-can exactly the allowed actions, for every principal of the demo', () => {
    const demo = compileAccess(loadSnapshot('examples/demo-account.json'));
    for (const p of demo.principals) {
      const listed = whatCan(demo, p.arn).services.flatMap((s) =>
        s.levels.flatMap((l) => l.groups.flatMap((g) => g.actions)),
      );
      const expected = allowedActions(demo, p)
        .toArray()
        .map((i) => catalog.actionName(i));
      expect(listed.sort()).toEqual(expected.sort());
    }
  });
});

describe('who-can over the demo account', () => {
  const demo = compileAccess(loadSnapshot('examples/demo-account.json'));
  const D = 'arn:aws:iam::111122223333';

  it('does not share an answer between principals whose policies read their own name', () => {
    // dan and kate have the same policies and no boundary: only the name in `home/${aws:username}/` differs.
    for (const [me, others] of [
      ['dan.kowalski', ['kate.sullivan', 'carol.diaz', 'bob.okafor']],
      ['kate.sullivan', ['dan.kowalski', 'carol.diaz', 'bob.okafor']],
      ['carol.diaz', ['dan.kowalski', 'kate.sullivan', 'bob.okafor']],
    ] as const) {
      const context = { 'aws:RequestedRegion': 'eu-west-1', 's3:prefix': `home/${me}/notes/` };
      const found = whoCan(demo, {
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::larkspur-shared',
        context,
        strict: true,
      }).principals.map((p) => p.arn);
      expect(found).toContain(`${D}:user/${me}`);
      for (const other of others) expect(found).not.toContain(`${D}:user/${other}`);
    }
  });

  it("finds the answer key's routes to PlatformAdmin: ops-support at once, the platform-ops users with MFA", () => {
    const found = whoCan(demo, {
      action: 'sts:AssumeRole',
      resource: `${D}:role/PlatformAdmin`,
      context: { 'aws:RequestedRegion': 'eu-west-1' },
    }).principals;
    const by = new Map(found.map((p) => [p.arn, p]));
    expect(by.get(`${D}:role/ops-support`)?.decision).toBe('allowed');
    for (const u of ['alice.nguyen', 'frank.li']) {
      const entry = by.get(`${D}:user/${u}`);
      expect(entry?.decision).toBe('conditional');
      expect(entry?.conditions.map((x) => [x.key, x.operator, x.values, x.requirement])).toEqual([
        ['aws:MultiFactorAuthPresent', 'Bool', ['true'], 'satisfy'],
      ]);
      expect(entry?.conditions[0]?.statements).toEqual([
        `${D}:role/PlatformAdmin:trust.Statement[0]`,
        `${D}:policy/platform-ops.Statement[1]`,
      ]);
    }
    expect(by.get('lambda.amazonaws.com')).toMatchObject({
      kind: 'service',
      decision: 'allowed',
      external: true,
    });
    expect(by.has(`${D}:user/bob.okafor`)).toBe(false);
  });
});

describe('compiling a snapshot that lacks some policies', () => {
  it('warns once per missing attachment, not once per group member', () => {
    const c2 = compileAccess(loadSnapshot('../shared/samples/awscli-doc-example.json'));
    const admins = c2.diagnostics.filter((d) => d.path === 'arn:aws:iam::123456789012:group/Admins');
    expect(admins).toEqual([
      {
        id: 'access.policy.missing',
        severity: 'warning',
        path: 'arn:aws:iam::123456789012:group/Admins',
        message:
          'attached policy `arn:aws:iam::aws:policy/AdministratorAccess` is not in the snapshot: its permissions are left out',
      },
    ]);
  });
});
