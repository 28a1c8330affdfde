// The evaluator-backed access oracle: full policy sets per principal, conditional answers for
// missing context, the caller's choice of region, RCP paths without RCPs, bitset pre-filters.
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../core/snapshot/parse';
import { createEvaluatorOracle, groupMemberArn, patternPrefix, startsWithPrefix } from '../../../core/graph/oracle';

const A = '111111111111';
const U = `arn:aws:iam::${A}:user/u`;
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

function oracle(userPolicy: unknown, extra: Record<string, unknown> = {}, groups: unknown[] = []) {
  const r = parseSnapshot([
    {
      name: 't',
      value: {
        format: 'ariadne.snapshot/v1',
        account: { id: A, partition: 'aws' },
        authorizationDetails: {
          UserDetailList: [{ Path: '/', UserName: 'u', UserId: 'AIDAU', Arn: U, GroupList: groups.length ? ['g'] : [], UserPolicyList: [{ PolicyName: 'p', PolicyDocument: userPolicy }], AttachedManagedPolicies: [] }],
          GroupDetailList: groups,
          RoleDetailList: [],
          Policies: [],
        },
        ...extra,
      },
    },
  ]);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r.diagnostics));
  return createEvaluatorOracle(r.snapshot);
}

describe('createEvaluatorOracle', () => {
  it('answers allowed, denied and conditional', () => {
    const o = oracle(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }));
    expect(o.can(U, 's3:GetObject', 'arn:aws:s3:::b/k')).toEqual({ kind: 'allowed' });
    expect(o.can(U, 's3:DeleteObject', 'arn:aws:s3:::b/k')).toEqual({ kind: 'denied' });
    expect(o.can(U, 's3:PutObject', 'arn:aws:s3:::b/k')).toEqual({ kind: 'conditional', missingKeys: ['aws:SourceIp'] });
  });

  it('treats a deny that needs a missing key as conditional only when an allow could apply', () => {
    const o = oracle(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }));
    expect(o.can(U, 's3:GetObject', 'arn:aws:s3:::b/k')).toEqual({ kind: 'conditional', missingKeys: ['aws:SourceIp'] });
    expect(o.can(U, 'iam:CreateAccessKey', `arn:aws:iam::${A}:user/other`)).toEqual({ kind: 'denied' });
  });

  it('lets the caller pick a region that an SCP allows', () => {
    const organization = {
      id: 'o-1',
      path: [{ id: 'r-1', scps: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }) }], rcps: [] }],
    };
    const o = oracle(doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }), { organization });
    expect(o.can(U, 'lambda:CreateFunction', '*')).toEqual({ kind: 'allowed' });
  });

  it('does not read an organisation path without any RCP as denying everything', () => {
    const organization = { id: 'o-1', path: [{ id: 'r-1', scps: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }], rcps: [] }] };
    const o = oracle(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), { organization });
    expect(o.can(U, 's3:GetObject', 'arn:aws:s3:::b/k')).toEqual({ kind: 'allowed' });
  });

  it('pre-filters with the actions and resource prefixes of the identity policies', () => {
    const o = oracle(doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111111111111:user/${aws:username}' }));
    expect(o.mayAllow(U, 'iam:CreateAccessKey')).toBe(true);
    expect(o.mayAllow(U, 'iam:PutUserPolicy')).toBe(false);
    expect(o.resourcePrefixes?.(U, 'iam:CreateAccessKey')).toEqual([U]);
    const star = oracle(doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }));
    expect(star.resourcePrefixes?.(U, 'iam:CreateAccessKey')).toBeNull();
    expect(star.mayAllow(U, 's3:GetObject')).toBe(false);
  });

  it('tells full administrators apart with bitsets', () => {
    expect(oracle(doc({ Effect: 'Allow', Action: '*', Resource: '*' })).isFullAdmin(U)).toBe(true);
    expect(oracle(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).isFullAdmin(U)).toBe(false);
    expect(oracle(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' })).isFullAdmin(U)).toBe(false);
  });

  it('answers for a stand-in member of a group with only the group policies', () => {
    const g = { Path: '/', GroupName: 'g', GroupId: 'AGPAG', Arn: `arn:aws:iam::${A}:group/g`, GroupPolicyList: [{ PolicyName: 'gp', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }], AttachedManagedPolicies: [] };
    const o = oracle(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), {}, [g]);
    const m = groupMemberArn(g.Arn);
    expect(m).toBe(`arn:aws:iam::${A}:user/ariadne-group-member/g`);
    expect(o.can(m, 'iam:PutUserPolicy', m)).toEqual({ kind: 'allowed' });
    expect(o.can(m, 's3:GetObject', 'arn:aws:s3:::b/k')).toEqual({ kind: 'denied' });
  });

  it('lists the resources an unconditional NotResource Deny leaves, with the principal\'s variables resolved', () => {
    const self = doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', NotResource: ['arn:aws:iam::*:user/${aws:username}'] });
    expect(oracle(self).screenLeaves!(U, 'iam:CreateAccessKey')).toBeNull();
    const literal = doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', NotResource: [`arn:aws:iam::${A}:user/\${aws:username}`, `arn:aws:iam::${A}:group/g`] });
    const o = oracle(literal);
    expect(o.screenLeaves!(U, 'iam:CreateAccessKey')).toEqual([U, `arn:aws:iam::${A}:group/g`]);
    // The screen and the listed resources agree: everything else is screened out.
    const screen = o.denyScreen!(U, 'iam:CreateAccessKey')!;
    expect(screen(U)).toBe(false);
    expect(screen(`arn:aws:iam::${A}:user/other`)).toBe(true);
    expect(o.screenLeaves!(U, 's3:GetObject')).toBeNull();
  });

  it('lists no resource when a Deny covers every resource, and none known when the Deny is conditional or a variable is missing', () => {
    expect(oracle(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })).screenLeaves!(U, 'iam:PutUserPolicy')).toEqual([]);
    const conditional = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', NotResource: [U], Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(oracle(conditional).screenLeaves!(U, 'iam:PutUserPolicy')).toBeNull();
    const missing = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', NotResource: [`arn:aws:iam::${A}:user/\${aws:PrincipalTag/team, 'x'}`] });
    expect(oracle(missing).screenLeaves!(U, 'iam:PutUserPolicy')).toBeNull();
  });

  it('cuts a pattern at its first wildcard, but keeps a lone `*` account and goes on into the resource', () => {
    expect(patternPrefix(`arn:aws:iam::${A}:role/team-*`)).toBe(`arn:aws:iam::${A}:role/team-`);
    expect(patternPrefix('arn:aws:iam::*:user/${aws:username}')).toBe('arn:aws:iam::*:user/');
    expect(patternPrefix('arn:aws:logs:*:*:log-group:/app/*')).toBe('arn:aws:logs:');
    expect(patternPrefix('arn:aws:s3:::bucket/key')).toBe('arn:aws:s3:::bucket/key');
    // `*` in a prefix stands for one whole account segment.
    expect(startsWithPrefix(`arn:aws:iam::${A}:user/bob`, 'arn:aws:iam::*:user/')).toBe(true);
    expect(startsWithPrefix(`arn:aws:iam::${A}:role/bob`, 'arn:aws:iam::*:user/')).toBe(false);
    expect(startsWithPrefix('arn:aws:iam::', 'arn:aws:iam::*:user/')).toBe(false);
    expect(startsWithPrefix(`arn:aws:iam::${A}:role/team-a`, `arn:aws:iam::${A}:role/team-`)).toBe(true);
  });

  it('tells apart only the resources a pattern with any account could match', () => {
    const o = oracle(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:user/admin-*' }));
    const prefixes = o.distinctPrefixes!(U, 'iam:PutRolePolicy')!;
    expect(prefixes).toEqual(['arn:aws:iam::*:user/admin-']);
    // A role cannot match the pattern: it gets the answer of every other role.
    expect(prefixes.some((p) => startsWithPrefix(`arn:aws:iam::${A}:role/x`, p))).toBe(false);
    expect(o.can(U, 'iam:PutUserPolicy', `arn:aws:iam::${A}:user/admin-1`)).toEqual({ kind: 'denied' });
    expect(o.can(U, 'iam:PutUserPolicy', `arn:aws:iam::${A}:user/bob`)).toEqual({ kind: 'allowed' });
  });
});
