// who-can's shared evaluations give exactly the answers of evaluating every principal alone
// (`whoCanReference`), on the generated medium account (bundle with bucket policies, SCPs and
// tagged principals) for a set of actions, resources, contexts and --strict.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileAccess,
  whoCan,
  whoCanReference,
  type CompiledAccess,
  type QueryPolicies,
  type StatementInfo,
} from '../../../core/access/index';
import type { WhoCanQuery, WhoCanResult } from '../../../core/model/access';
import { parseSnapshot } from '../../../core/snapshot/index';
import type { Snapshot } from '../../../core/model/snapshot';
import { generateAccount, toBundle } from '../../bench/generate';

/** An answer in a form that compares as a whole: principals by ARN, conditions and their statements sorted. */
function canonical(r: WhoCanResult): unknown {
  return r.principals
    .map((p) => ({
      ...p,
      conditions: p.conditions
        .map((c) => ({ ...c, statements: [...c.statements].sort() }))
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    }))
    .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** The first catalogue action a statement covers. */
function firstAction(c: CompiledAccess, st: StatementInfo): string | undefined {
  const set = c.catalog.emptySet();
  st.actions.addTo(set);
  const first = set.toArray()[0];
  return first === undefined ? undefined : c.catalog.actionName(first);
}

function medium(): Snapshot {
  const account = generateAccount({ size: 'medium', seed: 3 });
  const value = toBundle(account, account.authorizationDetails, 3);
  const r = parseSnapshot([{ name: 'medium-seed3-bundle.json', value }]);
  if (r.kind !== 'ok') throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.snapshot;
}

describe('who-can on the generated medium account', () => {
  let snapshot: Snapshot;
  let compiled: CompiledAccess;
  const queries: (WhoCanQuery & QueryPolicies)[] = [];

  beforeAll(() => {
    snapshot = medium();
    compiled = compileAccess(snapshot);
    const buckets = snapshot.resourcePolicies
      .filter((r) => r.resource.startsWith('arn:aws:s3:::'))
      .slice(0, 2)
      .map((r) => `${r.resource}/reports/2026/11.csv`);
    const roles = snapshot.roles
      .filter((r) => !r.path.startsWith('/aws-service-role/'))
      .slice(0, 1)
      .map((r) => r.arn);
    const targets: [string, string][] = [
      ...buckets.flatMap((b): [string, string][] => [
        ['s3:GetObject', b],
        ['s3:PutObject', b],
      ]),
      ['s3:GetObject', 'arn:aws:s3:::not-in-the-snapshot/key'],
      ...roles.flatMap((r): [string, string][] => [
        ['iam:PassRole', r],
        ['sts:AssumeRole', r],
        ['iam:AttachRolePolicy', r],
      ]),
      ['ec2:RunInstances', '*'],
      ['iam:CreatePolicyVersion', `arn:aws:iam::${snapshot.account.id}:policy/any`],
      ['kms:Decrypt', `arn:aws:kms:eu-west-1:${snapshot.account.id}:key/k`],
      ['lambda:UpdateFunctionCode', `arn:aws:lambda:eu-west-1:${snapshot.account.id}:function:f`],
      ['dynamodb:GetItem', `arn:aws:dynamodb:eu-west-1:${snapshot.account.id}:table/t`],
      ['notaservice:DoThing', '*'],
    ];
    for (const [action, resource] of targets) {
      queries.push({ action, resource });
      queries.push({ action, resource, strict: true, context: { 'aws:MultiFactorAuthPresent': 'true' } });
    }
    // Statements reading principal tags: their actions on their resources, with and without the
    // resource tag they compare the principal's with.
    const tagged = new Map<string, [string, string]>();
    for (const p of compiled.principals) {
      for (const u of p.identity) {
        for (const st of u.statements) {
          if (!st.readsTags || st.effect !== 'Allow' || st.notResource || tagged.size >= 4) continue;
          const action = firstAction(compiled, st);
          const resource = (st.resources[0] ?? '*').replace(/\*/g, 'x');
          if (action && !tagged.has(action)) tagged.set(action, [action, resource]);
        }
      }
    }
    expect(tagged.size).toBeGreaterThan(0);
    for (const [action, resource] of tagged.values()) {
      queries.push({ action, resource });
      queries.push({ action, resource, context: { 'aws:ResourceTag/team': 'platform' } });
      queries.push({ action, resource, strict: true, context: { 'aws:ResourceTag/team': 'growth' } });
    }
    queries.push({
      action: 's3:GetObject',
      resource: buckets[0] ?? 'arn:aws:s3:::b/k',
      context: { 'aws:PrincipalTag/team': 'platform', 'aws:SourceIp': '198.51.100.7' },
    });
  });

  it('has principals, tags and resource policies to exercise the shared path', () => {
    expect(compiled.principals.length).toBeGreaterThan(1000);
    expect(compiled.principals.some((p) => p.tagPairs.length > 0)).toBe(true);
    expect(compiled.principals.some((p) => p.identity.some((u) => u.readsTags))).toBe(true);
    expect(snapshot.resourcePolicies.length).toBeGreaterThan(0);
  });

  it('gives the same principals, decisions and conditions as evaluating every principal alone', () => {
    for (const q of queries) {
      const fast = whoCan(compiled, q);
      const reference = whoCanReference(compiled, q);
      expect({ q, answer: canonical(fast) }).toEqual({ q, answer: canonical(reference) });
      // Sharing happens for catalogue actions (an unknown action is evaluated for everyone).
      if (compiled.catalog.actionId(q.action) !== undefined)
        expect(fast.evaluated).toBeLessThan(compiled.principals.length / 2);
    }
  });

  it('answers a question asked again (kept unit views and flags) as the first time', () => {
    for (const q of queries.slice(0, 6)) {
      expect(canonical(whoCan(compiled, q))).toEqual(canonical(whoCan(compiled, { ...q })));
    }
  });

  it('gives the same answers under a session policy and an endpoint policy', () => {
    const session = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' as const, Action: ['s3:*', 'iam:PassRole'], Resource: ['*'] }],
    };
    const endpoint = [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow' as const,
            Principal: '*' as const,
            Action: ['*'],
            Resource: ['*'],
            Condition: { StringEquals: { 'aws:PrincipalAccount': [snapshot.account.id] } },
          },
        ],
      },
    ];
    const someone = compiled.principals[0]?.arn ?? '*';
    const excluding = [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow' as const, Principal: '*' as const, Action: ['*'], Resource: ['*'] },
          { Effect: 'Deny' as const, Principal: { AWS: [someone] }, Action: ['*'], Resource: ['*'] },
        ],
      },
    ];
    for (const q of queries.slice(0, 8)) {
      const withPolicies = { ...q, session, endpoint };
      const withExclusion = { ...q, endpoint: excluding };
      expect(canonical(whoCan(compiled, withExclusion))).toEqual(
        canonical(whoCanReference(compiled, withExclusion)),
      );
      expect(canonical(whoCan(compiled, withPolicies))).toEqual(
        canonical(whoCanReference(compiled, withPolicies)),
      );
    }
  });
});
