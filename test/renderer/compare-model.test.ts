// The comparison view's display model: merging the findings part, the summary counts, grouping per
// policy and subject, access by size of change, findings by severity, ordering two snapshots.
import { describe, expect, it } from 'vitest';
import type { AccessLevelName, FindingSeverity } from '../../core/index';
import type {
  ComparedChange,
  ComparedDiff,
  Comparison,
  PackedAccessGroup,
} from '../../renderer/worker/types';
import {
  accessRows,
  actionsOf,
  attachmentChanges,
  changedValues,
  elementLine,
  entriesOf,
  findingChanges,
  membershipChanges,
  mergeFindings,
  olderFirst,
  pathLine,
  policyGroups,
  shortArn,
  summaryOf,
} from '../../renderer/features/compare/compare-model';

const A = 'arn:aws:iam::111122223333';

function diffOf(changes: ComparedChange[], parts: Partial<ComparedDiff['parts']> = {}): ComparedDiff {
  const counts = {
    principals: 0,
    policies: 0,
    attachments: 0,
    memberships: 0,
    trust: 0,
    boundaries: 0,
    tags: 0,
    access: 0,
    findings: 0,
  };
  for (const c of changes) counts[c.section]++;
  const side = { users: 1, groups: 1, roles: 1, policies: 1 };
  return {
    account: { id: '111122223333', partition: 'aws' },
    old: side,
    new: side,
    changes,
    counts,
    parts: {
      access: { kind: 'compared' },
      findings: { kind: 'skipped', reason: 'not asked for' },
      escalation: { kind: 'skipped', reason: 'not asked for' },
      ...parts,
    },
  };
}

function comparison(changes: ComparedChange[], parts: Partial<ComparedDiff['parts']> = {}): Comparison {
  return {
    diff: diffOf(changes, parts),
    details: changes.map((c) =>
      c.kind === 'policy-document-changed' ? { policyKey: 'k', policyIn: 'new' } : null,
    ),
    ms: 5,
  };
}

const finding = (id: string, severity: FindingSeverity): ComparedChange => ({
  kind: 'finding-new',
  section: 'findings',
  finding: { id, rule: `rule.${id}`, severity, title: `finding ${id}`, principal: `${A}:user/u` },
});

const group = (service: string, level: AccessLevelName, actions: string[]): PackedAccessGroup => ({
  service,
  level,
  count: actions.length,
  actions: actions.join('\n'),
});

const access = (
  principal: string,
  gained: PackedAccessGroup[],
  lost: PackedAccessGroup[],
): ComparedChange => ({
  kind: 'access-changed',
  section: 'access',
  principal,
  principalKind: 'user',
  oldActionCount: 10,
  newActionCount: 10 + gained.length - lost.length,
  gained,
  lost,
});

const docChange: ComparedChange = {
  kind: 'policy-document-changed',
  section: 'policies',
  policy: { kind: 'managed', arn: `${A}:policy/p`, name: 'p' },
  diff: { statements: [] },
};
const versionChange: ComparedChange = {
  kind: 'default-version-changed',
  section: 'policies',
  arn: `${A}:policy/p`,
  name: 'p',
  oldVersionId: 'v1',
  newVersionId: 'v2',
};

describe('the comparison display model', () => {
  it('merges the findings part after the structural changes, keeping their details', () => {
    const base = comparison([versionChange, docChange, access(`${A}:user/u`, [], [])]);
    const found = comparison([finding('f1', 'high'), docChange], {
      findings: { kind: 'compared' },
      escalation: { kind: 'compared' },
    });
    const merged = mergeFindings(base, found);
    expect(merged.diff.changes.map((c) => c.kind)).toEqual([
      'default-version-changed',
      'policy-document-changed',
      'access-changed',
      'finding-new',
    ]);
    expect(merged.details).toEqual([null, { policyKey: 'k', policyIn: 'new' }, null, null]);
    expect(merged.diff.counts.findings).toBe(1);
    expect(merged.diff.parts.findings.kind).toBe('compared');
    expect(merged.diff.parts.access.kind).toBe('compared');
  });

  it('counts principals without groups, policies once however many changes, and findings only when compared', () => {
    const group: ComparedChange = {
      kind: 'principal-added',
      section: 'principals',
      principalKind: 'group',
      arn: `${A}:group/g`,
      id: 'G',
      groups: [],
      attachedPolicies: [],
      inlinePolicies: [],
    };
    const user: ComparedChange = {
      ...group,
      principalKind: 'user',
      arn: `${A}:user/u`,
      id: 'U',
    } as ComparedChange;
    const items = summaryOf(diffOf([user, group, versionChange, docChange]));
    const value = (id: string): number | undefined => items.find((i) => i.id === id)?.value;
    expect(value('principals-added')).toBe(1);
    expect(value('policies-changed')).toBe(1);
    expect(items.some((i) => i.id === 'findings-new')).toBe(false);
    const withFindings = summaryOf(diffOf([finding('a', 'low')], { findings: { kind: 'compared' } }));
    expect(withFindings.find((i) => i.id === 'findings-new')?.value).toBe(1);
  });

  it('groups a policy’s changes under one entry and marks a policy that came as added', () => {
    const added: ComparedChange = {
      kind: 'policy-added',
      section: 'policies',
      arn: `${A}:policy/new`,
      name: 'new',
      awsManaged: false,
      statementCount: 2,
    };
    const groups = policyGroups(entriesOf(comparison([added, versionChange, docChange])));
    expect(groups.map((g) => [g.title, g.status, g.entries.length])).toEqual([
      ['new', 'added', 1],
      ['p', 'changed', 2],
    ]);
  });

  it('names inline and AWS-managed policies so a reader can tell them apart', () => {
    const inline: ComparedChange = {
      kind: 'inline-policy-removed',
      section: 'policies',
      policy: { kind: 'inline', holder: `${A}:user/dan`, holderKind: 'user', name: 'lambda' },
      statementCount: 1,
    };
    const aws: ComparedChange = {
      kind: 'policy-removed',
      section: 'policies',
      arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      name: 'ReadOnlyAccess',
      awsManaged: true,
      statementCount: 1,
    };
    const groups = policyGroups(entriesOf(comparison([inline, aws])));
    expect(groups[0]?.title).toBe('lambda (inline, user dan)');
    expect(groups[0]?.status).toBe('removed');
    expect(groups[1]?.awsManaged).toBe(true);
  });

  it('collects attachments per principal and memberships per user', () => {
    const changes: ComparedChange[] = [
      {
        kind: 'policy-attached',
        section: 'attachments',
        principal: `${A}:role/r`,
        principalKind: 'role',
        policyArn: `${A}:policy/a`,
        policyName: 'a',
      },
      {
        kind: 'policy-detached',
        section: 'attachments',
        principal: `${A}:role/r`,
        principalKind: 'role',
        policyArn: `${A}:policy/b`,
        policyName: 'b',
      },
      {
        kind: 'membership-removed',
        section: 'memberships',
        user: `${A}:user/jamal`,
        group: `${A}:group/billing`,
      },
      { kind: 'membership-added', section: 'memberships', user: `${A}:user/jamal`, group: `${A}:group/ops` },
    ];
    const entries = entriesOf(comparison(changes));
    expect(attachmentChanges(entries)).toEqual([
      { subject: `${A}:role/r`, added: [`${A}:policy/a`], removed: [`${A}:policy/b`] },
    ]);
    expect(membershipChanges(entries)).toEqual([
      { subject: `${A}:user/jamal`, added: [`${A}:group/ops`], removed: [`${A}:group/billing`] },
    ]);
  });

  it('lists access changes largest first, each by service with levels in AWS order', () => {
    const small = access(`${A}:user/a`, [group('s3', 'Read', ['s3:GetObject'])], []);
    const large = access(
      `${A}:user/b`,
      [
        group('iam', 'Write', ['iam:CreateUser', 'iam:DeleteUser']),
        group('iam', 'Permissions management', ['iam:AttachUserPolicy']),
        group('ec2', 'List', ['ec2:DescribeInstances']),
      ],
      [group('iam', 'List', ['iam:ListUsers'])],
    );
    const rows = accessRows(entriesOf(comparison([small, large])));
    expect(rows.map((r) => r.principal)).toEqual([`${A}:user/b`, `${A}:user/a`]);
    const b = rows[0]!;
    expect([b.gainedCount, b.lostCount, b.gainedPermissionsManagement]).toEqual([4, 1, true]);
    expect(b.services.map((s) => s.service)).toEqual(['ec2', 'iam']);
    expect(b.services[1]?.gained.map((g) => g.level)).toEqual(['Write', 'Permissions management']);
    expect(b.services[1]?.lostCount).toBe(1);
    expect(actionsOf(b.services[1]!.gained[0]!)).toEqual(['iam:CreateUser', 'iam:DeleteUser']);
    expect(actionsOf(group('s3', 'Read', []))).toEqual([]);
  });

  it('sorts new findings most severe first', () => {
    const f = findingChanges(
      entriesOf(comparison([finding('a', 'low'), finding('b', 'critical'), finding('c', 'medium')])),
    );
    expect(f.newFindings.map((e) => e.change.finding.severity)).toEqual(['critical', 'medium', 'low']);
    expect(f.resolvedFindings).toEqual([]);
  });

  it('writes element changes of a statement as added, removed and changed values', () => {
    expect(elementLine({ kind: 'list', element: 'Action', added: ['a:B'], removed: ['a:C'] })).toEqual({
      element: 'Action',
      added: ['a:B'],
      removed: ['a:C'],
      changed: [],
    });
    expect(elementLine({ kind: 'effect', old: 'Allow', new: 'Deny' }).changed).toEqual(['Allow → Deny']);
    expect(
      elementLine({
        kind: 'condition',
        added: [{ operator: 'StringEquals', key: 'sts:ExternalId', values: ['x'] }],
        removed: [],
        changed: [{ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', old: ['true'], new: ['false'] }],
      }),
    ).toEqual({
      element: 'Condition',
      added: ['StringEquals sts:ExternalId = x'],
      removed: [],
      changed: ['Bool aws:MultiFactorAuthPresent: true → false'],
    });
  });

  it('names the strings a changed statement brings in and takes out, as its JSON writes them', () => {
    const v = changedValues([
      { kind: 'list', element: 'Action', added: ['s3:PutObject'], removed: ['s3:GetObject'] },
      {
        kind: 'principal',
        element: 'Principal',
        added: ['AWS:arn:aws:iam::444455556666:root'],
        removed: ['*'],
      },
      {
        kind: 'condition',
        added: [],
        removed: [],
        changed: [
          {
            operator: 'StringEquals',
            key: 'aws:SourceVpc',
            old: ['vpc-1', 'vpc-2'],
            new: ['vpc-2', 'vpc-3'],
          },
        ],
      },
    ]);
    expect([...v.added].sort()).toEqual(['arn:aws:iam::444455556666:root', 's3:PutObject', 'vpc-3']);
    expect([...v.removed].sort()).toEqual(['*', 's3:GetObject', 'vpc-1']);
  });

  it('writes a path as short names and orders snapshots oldest first', () => {
    expect(
      pathLine([
        { from: `${A}:user/jamal`, to: `${A}:role/ops`, method: 'm' },
        { from: `${A}:role/ops`, to: `${A}:role/Admin`, method: 'm' },
      ]),
    ).toBe('jamal → ops → Admin');
    expect(shortArn('lambda.amazonaws.com')).toBe('lambda.amazonaws.com');
    const a = { id: 'a', collectedAt: '2026-12-01T00:00:00Z', importedAt: '2026-01-01T00:00:00Z' };
    const b = { id: 'b', collectedAt: '2026-11-01T00:00:00Z', importedAt: '2026-02-01T00:00:00Z' };
    expect(olderFirst(a, b).map((s) => s.id)).toEqual(['b', 'a']);
    expect(olderFirst(b, a).map((s) => s.id)).toEqual(['b', 'a']);
    expect(
      olderFirst({ id: 'x', importedAt: '2026-03-01' }, { id: 'y', importedAt: '2026-02-01' }).map(
        (s) => s.id,
      ),
    ).toEqual(['y', 'x']);
  });
});
