// Invariants of the evaluation engine over random policy sets and requests (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet, decidePrepared, evaluateRequest } from '../../../core/evaluate/engine';
import { prepareRequest } from '../../../core/evaluate/request';
import type { OrganizationLevel, PolicySet, SimulationRequest } from '../../../core/model/evaluate';
import type { PolicyDocument, PolicyPrincipal, PolicyStatement } from '../../../core/model/policy';

const A = '111111111111';
const B = '222222222222';
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'sts:AssumeRole', 'kms:Decrypt'];
const ACTION_PATTERNS = ['*', 's3:*', 's3:Get*', 'S3:GETOBJECT', 'ec2:*', 's3:?utObject', 'sts:AssumeRole', 'kms:*', 'iam:*'];
const RESOURCES = ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::other/key', `arn:aws:iam::${A}:role/target`, `arn:aws:kms:us-east-1:${A}:key/k1`, '*'];
const RESOURCE_PATTERNS = ['*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::*', `arn:aws:iam::${A}:role/*`, 'arn:aws:kms:*', 'arn:aws:s3:::bucket/${aws:username}'];
const PRINCIPALS: SimulationRequest['principal'][] = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:sts::${A}:assumed-role/app/s1`,
  `arn:aws:iam::${B}:user/bob`,
  `arn:aws:iam::${A}:root`,
  'lambda.amazonaws.com',
  { type: 'Anonymous' },
];
const PRINCIPAL_ELEMENTS: PolicyPrincipal[] = [
  '*',
  { AWS: [A] },
  { AWS: [B] },
  { AWS: [`arn:aws:iam::${A}:user/alice`] },
  { AWS: [`arn:aws:iam::${A}:role/app`] },
  { AWS: [`arn:aws:sts::${A}:assumed-role/app/s1`] },
  { Service: ['lambda.amazonaws.com'] },
];

const conditionArb = fc.option(
  fc.constantFrom<PolicyStatement['Condition']>(
    { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
    { StringEquals: { 'aws:PrincipalAccount': [A] } },
    { Bool: { 'aws:SecureTransport': ['true'] } },
  ),
  { nil: undefined },
);

function statementArb(withPrincipal: boolean): fc.Arbitrary<PolicyStatement> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Deny'),
      not: fc.boolean(),
      actions: fc.array(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 2 }),
      notResource: fc.boolean(),
      resources: fc.array(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
      principal: fc.constantFrom(...PRINCIPAL_ELEMENTS),
      condition: conditionArb,
    })
    .map((r) => ({
      Effect: r.effect,
      ...(r.not && r.effect === 'Deny' ? { NotAction: r.actions } : { Action: r.actions }),
      ...(r.notResource && r.effect === 'Deny' ? { NotResource: r.resources } : { Resource: r.resources }),
      ...(withPrincipal ? { Principal: r.principal } : {}),
      ...(r.condition ? { Condition: r.condition } : {}),
    }));
}

function docArb(withPrincipal: boolean, max = 4): fc.Arbitrary<PolicyDocument> {
  return fc.array(statementArb(withPrincipal), { maxLength: max }).map((Statement) => ({ Version: '2012-10-17', Statement }));
}

const levelsArb: fc.Arbitrary<OrganizationLevel[] | null> = fc.option(
  fc.array(
    fc.array(docArb(false, 2), { maxLength: 2 }).map((policies) => ({ orgIdentifier: 'ou', policies })),
    { minLength: 1, maxLength: 2 },
  ),
  { nil: null },
);

const setArb: fc.Arbitrary<PolicySet> = fc.record({
  identity: fc.array(docArb(false), { maxLength: 3 }),
  resource: fc.option(docArb(true), { nil: null }),
  scp: levelsArb,
  rcp: fc.constant(null),
  boundary: fc.option(fc.array(docArb(false, 2), { minLength: 1, maxLength: 1 }), { nil: null }),
  session: fc.option(docArb(false, 2), { nil: null }),
  endpoint: fc.constant(null),
});

const requestArb: fc.Arbitrary<SimulationRequest> = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  context: fc.constantFrom<Record<string, string>>({}, { 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': 'true' }),
});

const decide = (set: PolicySet, request: SimulationRequest) => evaluateRequest(compilePolicySet(set), request).decision;

/** The set with `statement` added to one policy, chosen by `where`. */
function withStatement(set: PolicySet, statement: PolicyStatement, where: number): PolicySet {
  const kinds = ['identity', 'resource', 'boundary', 'session'] as const;
  const kind = kinds[where % kinds.length]!;
  const add = (doc: PolicyDocument | null): PolicyDocument => ({ Version: '2012-10-17', Statement: [...(doc?.Statement ?? []), statement] });
  switch (kind) {
    case 'identity':
      return set.identity.length === 0 ? { ...set, identity: [add(null)] } : { ...set, identity: set.identity.map((d, i) => (i === 0 ? add(d) : d)) };
    case 'resource':
      return { ...set, resource: add(set.resource) };
    case 'boundary':
      return set.boundary ? { ...set, boundary: set.boundary.map((d, i) => (i === 0 ? add(d) : d)) } : { ...set, identity: [...set.identity, add(null)] };
    case 'session':
      return set.session ? { ...set, session: add(set.session) } : { ...set, identity: [...set.identity, add(null)] };
  }
}

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const reorderDoc = (d: PolicyDocument, seed: number): PolicyDocument => ({ ...d, Statement: shuffle(d.Statement, seed) });

describe('the evaluation engine', () => {
  it('always denies explicitly when a matching Deny applies to everyone', () => {
    fc.assert(
      fc.property(setArb, requestArb, (set, request) => {
        const deny: PolicyStatement = { Effect: 'Deny', Principal: '*', Action: ['*'], Resource: ['*'] };
        expect(decide(withStatement(set, deny, 1), request)).toBe('explicitDeny');
      }),
      { numRuns: 300 },
    );
  });

  it('denies explicitly when an identity policy of an IAM user denies the request', () => {
    fc.assert(
      fc.property(setArb, requestArb, (set, request) => {
        const deny: PolicyStatement = { Effect: 'Deny', Action: [request.action], Resource: ['*'] };
        const r = { ...request, principal: `arn:aws:iam::${A}:user/alice` };
        expect(decide(withStatement(set, deny, 0), r)).toBe('explicitDeny');
      }),
      { numRuns: 300 },
    );
  });

  it('never turns a denial into an allow when a Deny statement is added', () => {
    fc.assert(
      fc.property(setArb, requestArb, statementArb(true), fc.nat(), (set, request, st, where) => {
        const before = decide(set, request);
        fc.pre(before !== 'allowed');
        const deny = { ...st, Effect: 'Deny' };
        expect(decide(withStatement(set, deny, where), request)).not.toBe('allowed');
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same decision whatever the order of statements and policies', () => {
    fc.assert(
      fc.property(setArb, requestArb, fc.nat(), (set, request, seed) => {
        const reordered: PolicySet = {
          ...set,
          identity: shuffle(set.identity, seed).map((d, i) => reorderDoc(d, seed + i)),
          resource: set.resource ? reorderDoc(set.resource, seed + 7) : null,
          scp: set.scp ? set.scp.map((l, i) => ({ ...l, policies: shuffle(l.policies, seed + i).map((d) => reorderDoc(d, seed + 3)) })) : null,
          boundary: set.boundary ? set.boundary.map((d) => reorderDoc(d, seed + 5)) : null,
          session: set.session ? reorderDoc(set.session, seed + 11) : null,
        };
        const a = evaluateRequest(compilePolicySet(set), request);
        const b = evaluateRequest(compilePolicySet(reordered), request);
        expect(b.decision).toBe(a.decision);
        expect(b.explain.deniedBy).toBe(a.explain.deniedBy);
        expect([...b.explain.deciding].length).toBe(a.explain.deciding.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never grants more when an Allow statement is removed', () => {
    fc.assert(
      fc.property(setArb, requestArb, fc.nat(), (set, request, pick) => {
        const before = decide(set, request);
        fc.pre(before !== 'allowed');
        // Every Allow statement, as (kind, policy, statement) coordinates.
        const docs: [string, number, PolicyDocument][] = [
          ...set.identity.map((d, i): [string, number, PolicyDocument] => ['identity', i, d]),
          ...(set.resource ? [['resource', 0, set.resource] as [string, number, PolicyDocument]] : []),
          ...(set.boundary ?? []).map((d, i): [string, number, PolicyDocument] => ['boundary', i, d]),
          ...(set.session ? [['session', 0, set.session] as [string, number, PolicyDocument]] : []),
        ];
        const allows = docs.flatMap(([kind, i, d]) => d.Statement.map((s, j) => ({ kind, i, j, s })).filter((x) => x.s.Effect === 'Allow'));
        fc.pre(allows.length > 0);
        const target = allows[pick % allows.length]!;
        const drop = (d: PolicyDocument, kind: string, i: number): PolicyDocument =>
          kind === target.kind && i === target.i ? { ...d, Statement: d.Statement.filter((_, j) => j !== target.j) } : d;
        const smaller: PolicySet = {
          ...set,
          identity: set.identity.map((d, i) => drop(d, 'identity', i)),
          resource: set.resource ? drop(set.resource, 'resource', 0) : null,
          boundary: set.boundary ? set.boundary.map((d, i) => drop(d, 'boundary', i)) : null,
          session: set.session ? drop(set.session, 'session', 0) : null,
        };
        expect(decide(smaller, request)).not.toBe('allowed');
      }),
      { numRuns: 300 },
    );
  });

  it('decides the same with and without an explanation (decidePrepared, the fast path of `can`)', () => {
    fc.assert(
      fc.property(setArb, requestArb, (set, request) => {
        const compiled = compilePolicySet(set);
        expect(decidePrepared(compiled, prepareRequest(request))).toBe(evaluateRequest(compiled, request).decision);
      }),
      { numRuns: 1000 },
    );
  });

  it('grants nothing to anyone but the root user when every policy kind is empty', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        fc.pre(request.principal !== `arn:aws:iam::${A}:root`);
        const set: PolicySet = { identity: [], resource: null, scp: null, rcp: null, boundary: null, session: null, endpoint: null };
        expect(decide(set, request)).toBe('implicitDeny');
      }),
      { numRuns: 200 },
    );
  });
});
