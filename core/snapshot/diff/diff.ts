// diffSnapshots: the comparison of two snapshots of one account, in a deterministic order, with
// effective access, findings and escalation paths when asked for. Imports only core/.
import { DIFF_SECTIONS, type Change, type DiffResult, type DiffSection, type PartStatus, type PolicyRef, type SnapshotDiff, type DiffSide } from '../../model/diff';
import type { EscalationInput, Finding } from '../../model/finding';
import type { Snapshot } from '../../model/snapshot';
import { analyzeSnapshot, escalationOf } from '../../analyze/index';
import { compareAccess, type CompiledPair } from './access';
import { compareFindings, comparePaths } from './findings';
import { matchIdentities, structuralChanges } from './structure';
import { compareStrings } from './statements';

/** What to compare beyond the structure, and precomputed inputs to reuse. */
export interface DiffOptions {
  /** Effective access: `true` (default) compiles what is needed, `false` skips it, or both snapshots' compiled access. */
  readonly access?: boolean | CompiledPair;
  /** Findings: `true` (default) runs the rules on both snapshots, `false` skips them, or both snapshots' findings. */
  readonly findings?: boolean | { readonly old: readonly Finding[]; readonly new: readonly Finding[] };
  /** Escalation paths: `true` (default) builds both graphs, `false` skips them, or both snapshots' admins and paths. */
  readonly escalation?: boolean | { readonly old: EscalationInput; readonly new: EscalationInput };
}

function policySubject(p: PolicyRef): string {
  switch (p.kind) {
    case 'managed':
      return p.arn;
    case 'inline':
      return p.holder;
    case 'scp':
    case 'rcp':
      return `${p.kind}:${p.level}`;
    case 'resource':
      return p.resource;
  }
}

/** The subject a change is about: sorted on after the section. */
export function changeSubject(c: Change): string {
  switch (c.section) {
    case 'principals':
      return c.arn;
    case 'policies':
      return 'policy' in c ? policySubject(c.policy) : c.arn;
    case 'attachments':
      return c.principal;
    case 'memberships':
      return c.user;
    case 'trust':
      return c.role;
    case 'boundaries':
      return c.principal;
    case 'tags':
      return c.arn;
    case 'access':
      return c.principal;
    case 'findings':
      return 'finding' in c ? (c.finding.principal ?? c.finding.resource ?? '') : c.principal;
  }
}

/** A second sort key: the policy, group or finding the change is about. */
function changeDetail(c: Change): string {
  switch (c.kind) {
    case 'policy-attached':
    case 'policy-detached':
      return c.policyArn;
    case 'membership-added':
    case 'membership-removed':
      return c.group;
    case 'inline-policy-added':
    case 'inline-policy-removed':
    case 'organization-policy-added':
    case 'organization-policy-removed':
      return c.policy.name;
    case 'policy-document-changed':
      return 'name' in c.policy ? c.policy.name : '';
    case 'finding-new':
    case 'finding-resolved':
      return `${c.finding.rule}\u0000${c.finding.id}`;
    default:
      return '';
  }
}

const KIND_ORDER: readonly Change['kind'][] = [
  'principal-removed',
  'principal-added',
  'principal-recreated',
  'policy-removed',
  'policy-added',
  'policy-recreated',
  'default-version-changed',
  'policy-document-changed',
  'inline-policy-removed',
  'inline-policy-added',
  'organization-policy-removed',
  'organization-policy-added',
  'resource-policy-removed',
  'resource-policy-added',
  'policy-detached',
  'policy-attached',
  'membership-removed',
  'membership-added',
  'trust-policy-changed',
  'boundary-removed',
  'boundary-set',
  'boundary-changed',
  'tags-changed',
  'access-changed',
  'finding-resolved',
  'finding-new',
  'escalation-path-resolved',
  'escalation-path-new',
  'escalation-path-changed',
];

/** Orders changes: section, subject, kind, detail. */
export function compareChanges(x: Change, y: Change): number {
  return (
    DIFF_SECTIONS.indexOf(x.section) - DIFF_SECTIONS.indexOf(y.section) ||
    compareStrings(changeSubject(x), changeSubject(y)) ||
    KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
    compareStrings(changeDetail(x), changeDetail(y))
  );
}

function side(s: Snapshot): DiffSide {
  return {
    ...(s.collectedAt === undefined ? {} : { collectedAt: s.collectedAt }),
    users: s.users.length,
    groups: s.groups.length,
    roles: s.roles.length,
    policies: s.policies.length,
  };
}

function failure(e: unknown): PartStatus {
  return { kind: 'failed', message: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) };
}

/** Refuses snapshots of different (or unknown) accounts: comparing them would report noise as change. */
function checkAccounts(a: Snapshot, b: Snapshot): DiffResult | undefined {
  const ia = a.account.id;
  const ib = b.account.id;
  if (ia === '' && ib === '') return undefined;
  if (ia === '' || ib === '') {
    return {
      kind: 'error',
      id: 'diff.account.unknown',
      message: `account: the ${ia === '' ? 'old' : 'new'} snapshot names no account, so it cannot be shown to be of account \`${ia || ib}\``,
    };
  }
  if (ia !== ib || a.account.partition !== b.account.partition) {
    return {
      kind: 'error',
      id: 'diff.account.mismatch',
      message: `account: the snapshots are of different accounts (\`${a.account.partition}:${ia}\` and \`${b.account.partition}:${ib}\`)`,
    };
  }
  return undefined;
}

/**
 * Compares two snapshots of one account (`a` the older, `b` the newer). Principals are matched by
 * ARN; one with the same ARN and a new unique id is reported as recreated.
 */
export function diffSnapshots(a: Snapshot, b: Snapshot, options: DiffOptions = {}): DiffResult {
  const refused = checkAccounts(a, b);
  if (refused) return refused;
  const match = matchIdentities(a, b);
  const changes = structuralChanges(a, b, match);

  let access: PartStatus = { kind: 'skipped', reason: 'not asked for' };
  if (options.access !== false) {
    try {
      const result = compareAccess(a, b, match, options.access === true || options.access === undefined ? undefined : options.access);
      changes.push(...result.changes);
      for (let i = 0; i < changes.length; i++) {
        const c = changes[i]!;
        if (c.kind === 'principal-added' || c.kind === 'principal-removed') {
          const n = (c.kind === 'principal-added' ? result.addedCounts : result.removedCounts).get(c.arn);
          if (n !== undefined) changes[i] = { ...c, actionCount: n };
        }
      }
      access = { kind: 'compared' };
    } catch (e) {
      access = failure(e);
    }
  }

  let escalation: PartStatus = { kind: 'skipped', reason: 'not asked for' };
  let escalationInputs: { old: EscalationInput; new: EscalationInput } | undefined;
  if (options.escalation !== false) {
    try {
      escalationInputs =
        options.escalation === true || options.escalation === undefined ? { old: escalationOf(a), new: escalationOf(b) } : options.escalation;
      changes.push(...comparePaths(escalationInputs.old.paths, escalationInputs.new.paths));
      escalation = { kind: 'compared' };
    } catch (e) {
      escalation = failure(e);
    }
  }

  let findings: PartStatus = { kind: 'skipped', reason: 'not asked for' };
  if (options.findings !== false) {
    try {
      const pair =
        options.findings === true || options.findings === undefined
          ? {
              old: analyzeSnapshot(a, { escalation: escalationInputs?.old ?? false }).findings,
              new: analyzeSnapshot(b, { escalation: escalationInputs?.new ?? false }).findings,
            }
          : options.findings;
      changes.push(...compareFindings(pair.old, pair.new));
      findings = { kind: 'compared' };
    } catch (e) {
      findings = failure(e);
    }
  }

  changes.sort(compareChanges);
  const counts = Object.fromEntries(DIFF_SECTIONS.map((s) => [s, 0])) as Record<DiffSection, number>;
  for (const c of changes) counts[c.section]++;
  const diff: SnapshotDiff = {
    account: { id: b.account.id, partition: b.account.partition },
    old: side(a),
    new: side(b),
    changes,
    counts,
    parts: { access, findings, escalation },
  };
  return { kind: 'ok', diff };
}
