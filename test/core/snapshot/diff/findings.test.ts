import { describe, expect, it } from 'vitest';
import { diffSnapshots, type Change } from '../../../../core/snapshot/diff/index';
import type { EscalationInput, Finding } from '../../../../core/model/finding';
import type { EscalationPath } from '../../../../core/model/graph';
import { base, find, snapshotOf } from './helpers';

function finding(id: string, rule: string, principal: string): Finding {
  return { id, rule, severity: 'critical', title: rule, principal, evidence: { statements: [], steps: [], values: [] }, remediation: '' };
}

function path(principal: string, ...methods: string[]): EscalationPath {
  return {
    principal,
    conditional: false,
    steps: methods.map((method, i) => ({ from: principal, to: i === methods.length - 1 ? 'admin' : `${principal}#${i}`, method, pathfindingId: null, permissions: [], conditional: false, prerequisites: [] })),
  };
}

const escalation = (...paths: EscalationPath[]): EscalationInput => ({ admins: [], fullAdmins: [], paths });
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/contractors/bob';
const DEPLOY = 'arn:aws:iam::111122223333:role/deploy';

describe('diffSnapshots: findings and escalation paths', () => {
  const a = snapshotOf(base());
  const b = snapshotOf(base());

  it('names new and resolved findings by their stable id, from precomputed findings', () => {
    const r = diffSnapshots(a, b, {
      access: false,
      escalation: false,
      findings: { old: [finding('mfa/1', 'mfa.missing', ALICE), finding('admin/2', 'admin.full', BOB)], new: [finding('admin/2', 'admin.full', BOB), finding('trust/3', 'trust.wildcard', DEPLOY)] },
    });
    if (r.kind !== 'ok') throw new Error(r.message);
    expect(r.diff.changes.map((c: Change) => [c.kind, 'finding' in c ? c.finding.id : ''])).toEqual([
      ['finding-new', 'trust/3'],
      ['finding-resolved', 'mfa/1'],
    ]);
    expect(r.diff.counts.findings).toBe(2);
  });

  it('names escalation paths new, resolved and changed, by principal', () => {
    const r = diffSnapshots(a, b, {
      access: false,
      findings: false,
      escalation: {
        old: escalation(path(ALICE, 'iam.create-policy-version'), path(BOB, 'iam.attach-user-policy')),
        new: escalation(path(ALICE, 'iam.pass-role', 'lambda.create-function'), path(DEPLOY, 'iam.put-role-policy')),
      },
    });
    if (r.kind !== 'ok') throw new Error(r.message);
    expect(r.diff.changes.map((c) => [c.kind, 'principal' in c ? c.principal : ''])).toEqual([
      ['escalation-path-new', DEPLOY],
      ['escalation-path-changed', ALICE],
      ['escalation-path-resolved', BOB],
    ]);
    const changed = r.diff.changes.find((c) => c.kind === 'escalation-path-changed');
    expect(changed).toMatchObject({ oldSteps: [{ method: 'iam.create-policy-version' }], newSteps: [{ method: 'iam.pass-role' }, { method: 'lambda.create-function', to: 'admin' }] });
  });

  it('finds a new finding when a role becomes assumable by everyone, with the rules run on both snapshots', () => {
    const after = base();
    find(after.RoleDetailList, 'RoleName', 'deploy').AssumeRolePolicyDocument.Statement[0].Principal = { AWS: '*' };
    const r = diffSnapshots(a, snapshotOf(after), { access: false });
    if (r.kind !== 'ok') throw new Error(r.message);
    expect(r.diff.parts.findings).toEqual({ kind: 'compared' });
    const news = r.diff.changes.flatMap((c) => (c.kind === 'finding-new' ? [[c.finding.rule, c.finding.principal]] : []));
    expect(news).toContainEqual(['trust.principal.wildcard', DEPLOY]);
    const resolved = r.diff.changes.flatMap((c) => (c.kind === 'finding-resolved' ? [c.finding.rule] : []));
    expect(resolved).toContain('trust.cross-account.no-external-id');
  });
});
