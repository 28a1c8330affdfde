// The compiled path agrees with the evaluator: `can` and who-can over a compiled snapshot give the
// same decisions and missing keys as `evaluateRequest` on a policy set gathered directly from the
// snapshot, on random (principal, action, resource) triples of the demo and the public samples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, canDecide, compileAccess, whoCan } from '../../../core/access/index';
import { getCatalog } from '../../../core/catalog/catalog';
import { compilePolicySet, evaluateRequest } from '../../../core/evaluate/engine';
import { gatherPolicies } from '../../../core/evaluate/from-snapshot';
import type { OrganizationLevel, PolicySet } from '../../../core/model/evaluate';
import type { PolicyDocument } from '../../../core/model/policy';
import type { Snapshot } from '../../../core/model/snapshot';
import { loadSnapshot } from './load';

/** The policies of a request, gathered from the snapshot without the access layer (the reference). */
function referenceSet(
  s: Snapshot,
  principal: string,
  resource: string,
): { set: PolicySet; resourceAccount: string | undefined } {
  const entity = s.byArn.get(principal);
  const identity: PolicyDocument[] = [];
  let boundary: PolicyDocument[] | null = null;
  if (entity && (entity.kind === 'user' || entity.kind === 'role')) {
    const owners = [
      entity,
      ...(entity.kind === 'user' ? (s.groupsOfUser.get(entity.arn) ?? []).map((g) => s.byArn.get(g)) : []),
    ];
    for (const o of owners) {
      if (!o || o.kind === 'policy' || o.kind === 'instance-profile') continue;
      for (const a of o.attachedPolicies) {
        const p = s.byArn.get(a.arn);
        if (p?.kind === 'policy') identity.push(p.defaultDocument.document);
      }
      for (const i of o.inlinePolicies) identity.push(i.policy.document);
    }
    if (entity.permissionsBoundary) {
      const p = s.byArn.get(entity.permissionsBoundary.arn);
      if (p?.kind === 'policy') boundary = [p.defaultDocument.document];
    }
  }
  let resourceDoc: PolicyDocument | null = null;
  let resourceAccount: string | undefined;
  const bucket = /^(arn:aws:s3:::[^/]+)/.exec(resource)?.[1];
  const rp =
    s.resourcePolicies.find((r) => r.resource === resource) ??
    s.resourcePolicies.find((r) => r.resource === bucket);
  if (rp) {
    resourceDoc = rp.policy.document;
    resourceAccount = rp.account ?? s.account.id;
  } else {
    const role = s.byArn.get(resource);
    if (role?.kind === 'role' && role.trustPolicy) resourceDoc = role.trustPolicy.document;
  }
  const org = s.organization;
  const levels = (pick: 'scps' | 'rcps'): OrganizationLevel[] | null =>
    org && org.path.some((l) => l[pick].length > 0)
      ? org.path.map((l) => ({ orgIdentifier: l.id, policies: l[pick].map((p) => p.policy.document) }))
      : null;
  const isSlr = entity?.kind === 'role' && entity.path.startsWith('/aws-service-role/');
  const principalAccount = /^arn:aws:iam::(\d{12}):/.exec(principal)?.[1];
  const resAccount =
    resourceAccount ?? /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(resource)?.[1] ?? principalAccount;
  const set: PolicySet = {
    identity,
    resource: resourceDoc,
    scp: principalAccount === s.account.id && !isSlr ? levels('scps') : null,
    rcp: resAccount === s.account.id ? levels('rcps') : null,
    boundary,
    session: null,
    endpoint: null,
    ...(org?.managementAccountId ? { managementAccountId: org.managementAccountId } : {}),
  };
  return { set, resourceAccount };
}

/** Actions named in the snapshot's policies (literal ones) plus a few the catalogue has and no policy names. */
function actionsOf(s: Snapshot): string[] {
  const out = new Set<string>([
    's3:GetObject',
    's3:PutObject',
    'iam:PassRole',
    'sts:AssumeRole',
    'iam:CreateUser',
    'ec2:RunInstances',
    'kms:Decrypt',
    'lambda:InvokeFunction',
    'notaservice:DoThing',
  ]);
  const docs: PolicyDocument[] = [
    ...s.policies.map((p) => p.defaultDocument.document),
    ...[...s.users, ...s.groups, ...s.roles].flatMap((e) => e.inlinePolicies.map((i) => i.policy.document)),
  ];
  const catalog = getCatalog();
  for (const d of docs) {
    for (const st of d.Statement) {
      for (const a of st.Action ?? st.NotAction ?? []) {
        if (!a.includes('*') && !a.includes('?')) out.add(a);
        else for (const id of catalog.expandActionPattern(a).slice(0, 3)) out.add(catalog.actionName(id));
      }
    }
  }
  return [...out];
}

/** Resources named in the snapshot (literal ARNs, objects of its buckets, its roles), plus `*`-only ones. */
function resourcesOf(s: Snapshot): string[] {
  const out = new Set<string>([
    `arn:aws:s3:::unknown-bucket/k`,
    `arn:aws:dynamodb:eu-west-1:${s.account.id}:table/t`,
  ]);
  for (const r of s.resourcePolicies) {
    out.add(r.resource);
    if (r.resource.startsWith('arn:aws:s3:::')) out.add(`${r.resource}/some/key`);
  }
  for (const r of s.roles.slice(0, 20)) out.add(r.arn);
  for (const p of s.policies) {
    for (const st of p.defaultDocument.document.Statement) {
      for (const r of st.Resource ?? [])
        if (r !== '*') out.add(r.replace(/\*/g, 'x').replace(/\$\{[^}]*\}/g, 'v'));
    }
  }
  return [...out].slice(0, 200);
}

const SAMPLES = [
  'examples/demo-account.json',
  '../shared/samples/cloudsplaining-example.json',
  'test/fixtures/access/basic.json',
];

describe.each(SAMPLES)('the compiled path over %s', (path) => {
  const snapshot = loadSnapshot(path);
  const compiled = compileAccess(snapshot);
  const principals = compiled.principals.map((p) => p.arn);
  const actions = actionsOf(snapshot);
  const resources = resourcesOf(snapshot);
  const contexts: Record<string, string>[] = [
    {},
    { 'aws:MultiFactorAuthPresent': 'true' },
    { 'aws:RequestedRegion': 'eu-west-1', 'aws:SourceIp': '198.51.100.7' },
  ];

  it('agrees with evaluateRequest on random requests', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...principals),
        fc.constantFrom(...actions),
        fc.constantFrom(...resources),
        fc.constantFrom(...contexts),
        (principal, action, resource, context) => {
          const { set, resourceAccount } = referenceSet(snapshot, principal, resource);
          // The keys the snapshot knows of the principal (tags, id, organisation), as `ariadne can` gathers them.
          const gathered = gatherPolicies(snapshot, principal, action, resource);
          const known = gathered.kind === 'ok' ? gathered.context : {};
          const expected = evaluateRequest(compilePolicySet(set), {
            principal,
            action,
            resource,
            context: { ...known, ...context },
            ...(resourceAccount ? { resourceAccount } : {}),
          });
          const got = can(compiled, { principal, action, resource, context });
          expect(got.decision).toBe(expected.decision);
          expect([...got.explain.missingKeys].sort()).toEqual([...expected.explain.missingKeys].sort());
          expect(got.explain.deniedBy).toBe(expected.explain.deniedBy);
          expect(canDecide(compiled, { principal, action, resource, context })).toBe(expected.decision);
        },
      ),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it('lists in strict who-can exactly the principals that can', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.constantFrom(...resources),
        fc.constantFrom(...contexts),
        (action, resource, context) => {
          const listed = whoCan(compiled, { action, resource, context, strict: true })
            .principals.filter((p) => !p.external)
            .map((p) => p.arn);
          const expected = principals.filter(
            (principal) => can(compiled, { principal, action, resource, context }).decision === 'allowed',
          );
          expect(listed).toEqual(expected);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('lists in who-can a principal as conditional only when some context makes it allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...actions), fc.constantFrom(...resources), (action, resource) => {
        for (const entry of whoCan(compiled, { action, resource }).principals) {
          if (entry.external || entry.decision !== 'conditional') continue;
          expect(entry.conditions.length).toBeGreaterThan(0);
          expect(can(compiled, { principal: entry.arn, action, resource }).decision).not.toBe('allowed');
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
