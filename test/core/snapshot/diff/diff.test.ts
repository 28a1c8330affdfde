import { describe, expect, it } from 'vitest';
import { diffSnapshots, type Change, type DiffOptions, type SnapshotDiff } from '../../../../core/snapshot/diff/index';
import type { Snapshot } from '../../../../core/model/snapshot';
import { base, find, snapshotOf, type Json } from './helpers';

const STRUCTURE_ONLY: DiffOptions = { access: false, findings: false, escalation: false };
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/contractors/bob';
const DEPLOY = 'arn:aws:iam::111122223333:role/deploy';
const DEVS = 'arn:aws:iam::111122223333:group/developers';
const S3_READ = 'arn:aws:iam::111122223333:policy/s3-read';
const EC2_READ = 'arn:aws:iam::111122223333:policy/ec2-read';

function diffOf(a: Snapshot, b: Snapshot, options: DiffOptions = STRUCTURE_ONLY): SnapshotDiff {
  const r = diffSnapshots(a, b, options);
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.diff;
}

/** Diffs the base account against a mutated copy. */
function diffWith(mutate: (account: Json) => void, options: DiffOptions = STRUCTURE_ONLY): SnapshotDiff {
  const after = base();
  mutate(after);
  return diffOf(snapshotOf(base(), 'old.json'), snapshotOf(after, 'new.json'), options);
}

function only<K extends Change['kind']>(d: SnapshotDiff, kind: K): (Change & { kind: K })[] {
  return d.changes.filter((c): c is Change & { kind: K } => c.kind === kind);
}

describe('diffSnapshots', () => {
  it('finds no change between a snapshot and itself, with access, findings and paths compared', () => {
    const d = diffOf(snapshotOf(base()), snapshotOf(base()), {});
    expect(d.changes).toEqual([]);
    expect(Object.values(d.counts).every((n) => n === 0)).toBe(true);
    expect(d.parts.access).toEqual({ kind: 'compared' });
    expect(d.parts.findings).toEqual({ kind: 'compared' });
    expect(d.parts.escalation).toEqual({ kind: 'compared' });
  });

  it('refuses two snapshots of different accounts with a clear error', () => {
    const other = JSON.parse(JSON.stringify(base()).replaceAll('111122223333', '999988887777'));
    const r = diffSnapshots(snapshotOf(base()), snapshotOf(other), STRUCTURE_ONLY);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.id).toBe('diff.account.mismatch');
    expect(r.message).toBe('account: the snapshots are of different accounts (`aws:111122223333` and `aws:999988887777`)');
  });

  it('refuses a snapshot that names no account against one that does', () => {
    const empty = snapshotOf({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
    const r = diffSnapshots(empty, snapshotOf(base()), STRUCTURE_ONLY);
    expect(r).toMatchObject({ kind: 'error', id: 'diff.account.unknown' });
  });

  it('names managed policies added, removed and recreated', () => {
    const d = diffWith((a) => {
      a.Policies = a.Policies.filter((p: Json) => p.PolicyName !== 'strict-boundary');
      find(a.Policies, 'PolicyName', 'ec2-read').PolicyId = 'ANPAEXAMPLEEC2READ99';
      a.Policies.push({
        PolicyName: 'AdministratorAccess',
        PolicyId: 'ANPAIWMBCKSKIEE64ZLYK',
        Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        Path: '/',
        DefaultVersionId: 'v1',
        PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
      });
    });
    expect(d.changes).toEqual([
      { kind: 'policy-recreated', section: 'policies', arn: EC2_READ, oldId: 'ANPAEXAMPLEEC2READ01', newId: 'ANPAEXAMPLEEC2READ99' },
      { kind: 'policy-removed', section: 'policies', arn: 'arn:aws:iam::111122223333:policy/strict-boundary', name: 'strict-boundary', awsManaged: false, statementCount: 1 },
      { kind: 'policy-added', section: 'policies', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess', awsManaged: true, statementCount: 1 },
    ]);
  });

  it('names users added and removed, with their groups and policies', () => {
    const d = diffWith((a) => {
      a.UserDetailList = a.UserDetailList.filter((u: Json) => u.UserName !== 'bob');
      a.UserDetailList.push({
        Path: '/',
        UserName: 'carol',
        UserId: 'AIDAEXAMPLECAROL0003',
        Arn: 'arn:aws:iam::111122223333:user/carol',
        GroupList: ['developers'],
        AttachedManagedPolicies: [{ PolicyName: 'ec2-read', PolicyArn: EC2_READ }],
        UserPolicyList: [],
        Tags: [],
      });
    });
    expect(only(d, 'principal-added')).toEqual([
      expect.objectContaining({ principalKind: 'user', arn: 'arn:aws:iam::111122223333:user/carol', id: 'AIDAEXAMPLECAROL0003', groups: [DEVS], attachedPolicies: [EC2_READ] }),
    ]);
    expect(only(d, 'principal-removed')).toEqual([expect.objectContaining({ principalKind: 'user', arn: BOB })]);
    // The new user's memberships and attachments are part of its addition, not separate changes.
    expect(d.counts).toMatchObject({ principals: 2, attachments: 0, memberships: 0 });
  });

  it('names a role removed and a group added', () => {
    const d = diffWith((a) => {
      a.RoleDetailList = [];
      a.GroupDetailList.push({ Path: '/', GroupName: 'ops', GroupId: 'AGPAEXAMPLEOPS000001', Arn: 'arn:aws:iam::111122223333:group/ops', GroupPolicyList: [], AttachedManagedPolicies: [] });
    });
    expect(d.changes.map((c) => [c.kind, 'principalKind' in c ? c.principalKind : '']).sort()).toEqual([
      ['principal-added', 'group'],
      ['principal-removed', 'role'],
    ]);
  });

  it('reports a principal with the same ARN and a new unique id as recreated, not as unchanged', () => {
    const d = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'alice').UserId = 'AIDAEXAMPLEALICE0099';
    });
    expect(d.changes).toEqual([
      { kind: 'principal-recreated', section: 'principals', principalKind: 'user', arn: ALICE, oldId: 'AIDAEXAMPLEALICE0001', newId: 'AIDAEXAMPLEALICE0099' },
    ]);
  });

  it('reports a default version switched back, statement by statement', () => {
    const d = diffWith((a) => {
      const p = find(a.Policies, 'PolicyName', 's3-read');
      p.DefaultVersionId = 'v1';
      for (const v of p.PolicyVersionList) v.IsDefaultVersion = v.VersionId === 'v1';
    });
    expect(only(d, 'default-version-changed')).toEqual([
      { kind: 'default-version-changed', section: 'policies', arn: S3_READ, name: 's3-read', oldVersionId: 'v2', newVersionId: 'v1' },
    ]);
    const [changed] = only(d, 'policy-document-changed');
    expect(changed?.policy).toEqual({ kind: 'managed', arn: S3_READ, name: 's3-read' });
    expect(changed?.diff.statements).toEqual([
      expect.objectContaining({ kind: 'statement-removed', index: 1, statement: expect.objectContaining({ Effect: 'Deny' }) }),
      {
        kind: 'statement-changed',
        oldIndex: 0,
        newIndex: 0,
        sid: 'Read',
        matchedBy: 'sid',
        elements: [
          { kind: 'list', element: 'Action', added: [], removed: ['s3:ListBucket'] },
          { kind: 'list', element: 'Resource', added: [], removed: ['arn:aws:s3:::data'] },
        ],
      },
    ]);
  });

  it('reports a statement added to a managed policy by a new default version', () => {
    const d = diffWith((a) => {
      const p = find(a.Policies, 'PolicyName', 'ec2-read');
      p.PolicyVersionList[0].IsDefaultVersion = false;
      p.PolicyVersionList.push({
        VersionId: 'v2',
        IsDefaultVersion: true,
        Document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
            { Sid: 'Start', Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*' },
          ],
        },
      });
      p.DefaultVersionId = 'v2';
    });
    const [changed] = only(d, 'policy-document-changed');
    expect(changed?.diff.statements).toEqual([
      { kind: 'statement-added', index: 1, sid: 'Start', statement: { Sid: 'Start', Effect: 'Allow', Action: ['ec2:StartInstances'], Resource: ['*'] } },
    ]);
    expect(d.counts.policies).toBe(2);
  });

  it('matches a statement without Sid by content and lists its resource change', () => {
    const d = diffWith((a) => {
      const inline = find(a.UserDetailList, 'UserName', 'alice').UserPolicyList[0];
      inline.PolicyDocument.Statement[1].Resource = 'arn:aws:sqs:eu-west-1:111122223333:*';
    });
    const [changed] = only(d, 'policy-document-changed');
    expect(changed?.policy).toEqual({ kind: 'inline', holder: ALICE, holderKind: 'user', name: 'self-service' });
    expect(changed?.diff.statements).toEqual([
      {
        kind: 'statement-changed',
        oldIndex: 1,
        newIndex: 1,
        matchedBy: 'content',
        elements: [{ kind: 'list', element: 'Resource', added: ['arn:aws:sqs:eu-west-1:111122223333:*'], removed: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] }],
      },
    ]);
  });

  it('names inline policies added and removed', () => {
    const d = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'alice').UserPolicyList = [];
      find(a.RoleDetailList, 'RoleName', 'deploy').RolePolicyList = [
        { PolicyName: 'logs', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] } },
      ];
    });
    // Ordered by subject: the role's ARN sorts before the user's.
    expect(d.changes.map((c) => c.kind)).toEqual(['inline-policy-added', 'inline-policy-removed']);
    expect(only(d, 'inline-policy-added')[0]).toMatchObject({ policy: { kind: 'inline', holder: DEPLOY, holderKind: 'role', name: 'logs' }, statementCount: 1 });
    expect(only(d, 'inline-policy-removed')[0]).toMatchObject({ policy: { holder: ALICE, name: 'self-service' }, statementCount: 2 });
  });

  it('names managed policies attached and detached per identity, groups included', () => {
    const d = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'alice').AttachedManagedPolicies = [];
      find(a.UserDetailList, 'UserName', 'bob').AttachedManagedPolicies = [{ PolicyName: 'ec2-read', PolicyArn: EC2_READ }];
      find(a.GroupDetailList, 'GroupName', 'developers').AttachedManagedPolicies.push({ PolicyName: 's3-read', PolicyArn: S3_READ });
    });
    expect(only(d, 'policy-attached').map((c) => [c.principalKind, c.principal, c.policyArn])).toEqual([
      ['group', DEVS, S3_READ],
      ['user', BOB, EC2_READ],
    ]);
    expect(only(d, 'policy-detached').map((c) => [c.principal, c.policyName])).toEqual([[ALICE, 's3-read']]);
    expect(d.counts.attachments).toBe(3);
  });

  it('names users added to and removed from groups', () => {
    const d = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'alice').GroupList = [];
      find(a.UserDetailList, 'UserName', 'bob').GroupList = ['developers'];
    });
    expect(d.changes).toEqual([
      { kind: 'membership-removed', section: 'memberships', user: ALICE, group: DEVS },
      { kind: 'membership-added', section: 'memberships', user: BOB, group: DEVS },
    ]);
  });

  it('reports a trust policy change statement by statement, with the principals added and removed', () => {
    const d = diffWith((a) => {
      const trust = find(a.RoleDetailList, 'RoleName', 'deploy').AssumeRolePolicyDocument;
      trust.Statement[0].Principal.AWS = 'arn:aws:iam::777788889999:root';
      trust.Statement.push({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    });
    const [t] = only(d, 'trust-policy-changed');
    expect(t?.role).toBe(DEPLOY);
    expect(t?.principalsAdded).toEqual(['AWS:arn:aws:iam::777788889999:root', 'Service:ec2.amazonaws.com']);
    expect(t?.principalsRemoved).toEqual(['AWS:arn:aws:iam::444455556666:role/ci']);
    expect(t?.diff.statements.map((s) => s.kind)).toEqual(['statement-changed', 'statement-added']);
    expect(t?.diff.statements[0]).toMatchObject({
      sid: 'Ci',
      matchedBy: 'sid',
      elements: [{ kind: 'principal', element: 'Principal', added: ['AWS:arn:aws:iam::777788889999:root'], removed: ['AWS:arn:aws:iam::444455556666:role/ci'] }],
    });
  });

  it('names permissions boundaries set, removed and changed', () => {
    const boundary = (arn: string): Json => ({ PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn });
    const set = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'alice').PermissionsBoundary = boundary('arn:aws:iam::111122223333:policy/strict-boundary');
      find(a.RoleDetailList, 'RoleName', 'deploy').PermissionsBoundary = boundary('arn:aws:iam::111122223333:policy/strict-boundary');
      delete find(a.UserDetailList, 'UserName', 'bob').PermissionsBoundary;
    });
    expect(set.changes.map((c) => [c.kind, 'principal' in c ? c.principal : ''])).toEqual([
      ['boundary-set', DEPLOY],
      ['boundary-set', ALICE],
      ['boundary-removed', BOB],
    ]);
    const changed = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'bob').PermissionsBoundary = boundary('arn:aws:iam::111122223333:policy/strict-boundary');
    });
    expect(changed.changes).toEqual([
      {
        kind: 'boundary-changed',
        section: 'boundaries',
        principal: BOB,
        old: 'arn:aws:iam::111122223333:policy/contractor-boundary',
        new: 'arn:aws:iam::111122223333:policy/strict-boundary',
      },
    ]);
  });

  it('names tags added, removed and changed', () => {
    const d = diffWith((a) => {
      find(a.UserDetailList, 'UserName', 'alice').Tags = [
        { Key: 'team', Value: 'security' },
        { Key: 'cost-centre', Value: '42' },
      ];
    });
    expect(d.changes).toEqual([
      {
        kind: 'tags-changed',
        section: 'tags',
        arn: ALICE,
        added: [{ key: 'cost-centre', value: '42' }],
        removed: [{ key: 'owner', value: 'alice' }],
        changed: [{ key: 'team', old: 'platform', new: 'security' }],
      },
    ]);
  });

  it('orders changes by section, then subject, the same way every time', () => {
    const mutate = (a: Json): void => {
      find(a.UserDetailList, 'UserName', 'alice').Tags = [];
      find(a.UserDetailList, 'UserName', 'bob').GroupList = ['developers'];
      find(a.RoleDetailList, 'RoleName', 'deploy').AttachedManagedPolicies = [];
      a.UserDetailList.reverse();
    };
    const first = diffWith(mutate);
    expect(first.changes.map((c) => c.section)).toEqual(['attachments', 'memberships', 'tags']);
    expect(JSON.stringify(diffWith(mutate))).toBe(JSON.stringify(first));
  });
});

describe('diffSnapshots: effective access', () => {
  it('reports the actions a user lost by service and access level when a policy is detached', () => {
    const d = diffWith(
      (a) => {
        find(a.UserDetailList, 'UserName', 'alice').AttachedManagedPolicies = [];
      },
      { findings: false, escalation: false },
    );
    const [access] = only(d, 'access-changed');
    expect(access).toMatchObject({ principal: ALICE, principalKind: 'user', gained: [] });
    expect(access?.lost).toEqual([
      { service: 's3', level: 'List', actions: ['s3:ListBucket'] },
      { service: 's3', level: 'Read', actions: ['s3:GetObject'] },
    ]);
    expect(access!.oldActionCount - access!.newActionCount).toBe(2);
  });

  it('reports actions gained through a group policy edit for every member, and nothing for others', () => {
    const d = diffWith(
      (a) => {
        const p = find(a.Policies, 'PolicyName', 'ec2-read');
        p.PolicyVersionList[0].Document.Statement.push({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*' });
      },
      { findings: false, escalation: false },
    );
    expect(only(d, 'access-changed')).toEqual([
      expect.objectContaining({ principal: ALICE, lost: [], gained: [{ service: 'ec2', level: 'Write', actions: ['ec2:StartInstances'] }] }),
    ]);
  });

  it('reports a boundary change as lost access even when the identity policies are the same', () => {
    const d = diffWith(
      (a) => {
        const alice = find(a.UserDetailList, 'UserName', 'alice');
        alice.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/strict-boundary' };
      },
      { findings: false, escalation: false },
    );
    const [access] = only(d, 'access-changed');
    expect(access?.newActionCount).toBe(1);
    expect(access?.gained).toEqual([]);
    expect([...new Set(access?.lost.map((g) => g.service))].sort()).toEqual(['ec2', 'iam', 's3', 'sqs']);
  });

  it('gives the action count of an added principal', () => {
    const d = diffWith(
      (a) => {
        a.UserDetailList.push({ Path: '/', UserName: 'dan', UserId: 'AIDAEXAMPLEDAN000004', Arn: 'arn:aws:iam::111122223333:user/dan', GroupList: [], AttachedManagedPolicies: [{ PolicyName: 's3-read', PolicyArn: S3_READ }], UserPolicyList: [], Tags: [] });
      },
      { findings: false, escalation: false },
    );
    expect(only(d, 'principal-added')[0]?.actionCount).toBe(2);
    expect(only(d, 'access-changed')).toEqual([]);
  });

  it('reports no access change for a change that cannot alter access', () => {
    const d = diffWith(
      (a) => {
        find(a.UserDetailList, 'UserName', 'alice').Tags = [];
      },
      { findings: false, escalation: false },
    );
    expect(d.counts.access).toBe(0);
    expect(d.parts.access).toEqual({ kind: 'compared' });
  });
});
