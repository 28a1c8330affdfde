import { describe, expect, it } from 'vitest';
import { diffSnapshots, type SnapshotDiff } from '../../../../core/snapshot/diff/index';
import { base, snapshotOf, type Json } from './helpers';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The base account as a bundle governed by an organisation, with one bucket policy. */
function bundle(): Json {
  return {
    format: 'ariadne.snapshot/v1',
    account: { id: '111122223333', partition: 'aws' },
    source: { kind: 'aws-pull' },
    authorizationDetails: base(),
    resourcePolicies: [
      {
        resource: 'arn:aws:s3:::data',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] },
      },
    ],
    organization: {
      id: 'o-abc123',
      managementAccountId: '999999999999',
      path: [
        { id: 'r-ab12', scps: [{ name: 'FullAWSAccess', document: allowAll }], rcps: [] },
        { id: '111122223333', scps: [{ name: 'FullAWSAccess', document: allowAll }], rcps: [] },
      ],
    },
  };
}

function diffWith(mutate: (b: Json) => void): SnapshotDiff {
  const after = bundle();
  mutate(after);
  const r = diffSnapshots(snapshotOf(bundle(), 'old.json'), snapshotOf(after, 'new.json'), { findings: false, escalation: false });
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.diff;
}

describe('diffSnapshots: organisation and resource policies', () => {
  it('names an SCP added at a level, and the access every principal lost to it', () => {
    const d = diffWith((b) => {
      b.organization.path[1].scps.push({ name: 'deny-s3-delete', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }] } });
    });
    expect(d.changes.filter((c) => c.section === 'policies')).toEqual([
      { kind: 'organization-policy-added', section: 'policies', policy: { kind: 'scp', level: '111122223333', name: 'deny-s3-delete' }, statementCount: 1 },
    ]);
    // Only bob's boundary allows s3:PutObject, and bob has no identity policy granting it; alice has none either.
    expect(d.counts.access).toBe(0);
  });

  it('reports an SCP edited statement by statement, and the access it removes', () => {
    const d = diffWith((b) => {
      b.organization.path[1].scps[0].document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'sqs:*', Resource: '*' }] };
    });
    const [changed] = d.changes.filter((c) => c.kind === 'policy-document-changed');
    expect(changed).toMatchObject({ policy: { kind: 'scp', level: '111122223333', name: 'FullAWSAccess' } });
    const access = d.changes.flatMap((c) => (c.kind === 'access-changed' ? [c] : []));
    expect(access.map((c) => c.principal)).toEqual([ALICE]);
    expect(access[0]?.gained).toEqual([]);
    expect(access[0]?.lost.flatMap((g) => g.actions).sort()).toEqual(['sqs:ReceiveMessage', 'sqs:SendMessage']);
  });

  it('names resource policies added, removed and changed', () => {
    const d = diffWith((b) => {
      b.resourcePolicies[0].policy.Statement[0].Principal = '*';
      b.resourcePolicies.push({ resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] } });
    });
    expect(d.changes.map((c) => c.kind)).toEqual(['policy-document-changed', 'resource-policy-added']);
    expect(d.changes[0]).toMatchObject({
      policy: { kind: 'resource', resource: 'arn:aws:s3:::data' },
      diff: { statements: [{ kind: 'statement-changed', sid: 'Read', elements: [{ kind: 'principal', element: 'Principal', added: ['*'], removed: ['AWS:arn:aws:iam::444455556666:root'] }] }] },
    });
    const removed = diffWith((b) => {
      b.resourcePolicies = [];
    });
    expect(removed.changes.map((c) => c.kind)).toEqual(['resource-policy-removed']);
  });
});
