// The comparison view's display model: the summary counts, core's changes grouped per section and
// subject (policies, principals, services), findings by severity, and the findings part merged into
// the structural comparison. Pure code; imports only types (no core at run time, no React).
import type {
  AccessLevelName,
  ConditionEntry,
  DiffSection,
  ElementChange,
  FindingSeverity,
  PathStepRef,
  PolicyRef,
} from '../../../core/index';
import type {
  ChangeDetail,
  ComparedChange,
  ComparedDiff,
  Comparison,
  PackedAccessGroup,
} from '../../worker/types';

/** One change with what the view needs beside it. */
export interface Entry<C extends ComparedChange = ComparedChange> {
  change: C;
  detail: ChangeDetail | null;
}

/** A change of one kind. */
export type ChangeOf<K extends ComparedChange['kind']> = ComparedChange & { kind: K };

/** The changes of a comparison with their details, in core's order. */
export function entriesOf(c: Comparison): Entry[] {
  return c.diff.changes.map((change, i) => ({ change, detail: c.details[i] ?? null }));
}

function ofKind<K extends ComparedChange['kind']>(
  entries: readonly Entry[],
  ...kinds: K[]
): Entry<ChangeOf<K>>[] {
  const wanted = new Set<string>(kinds);
  return entries.filter((e): e is Entry<ChangeOf<K>> => wanted.has(e.change.kind));
}

/**
 * The structural comparison with the findings part of a second comparison of the same snapshots
 * (run once both analyses were ready): its findings and escalation changes, counts and statuses.
 * Findings are core's last section, so the structural changes keep their places and details.
 */
export function mergeFindings(base: Comparison, findings: Comparison): Comparison {
  const kept = base.diff.changes.filter((c) => c.section !== 'findings');
  const added = findings.diff.changes.filter((c) => c.section === 'findings');
  const diff: ComparedDiff = {
    ...base.diff,
    changes: [...kept, ...added],
    counts: { ...base.diff.counts, findings: added.length },
    parts: {
      ...base.diff.parts,
      findings: findings.diff.parts.findings,
      escalation: findings.diff.parts.escalation,
    },
  };
  return {
    diff,
    details: [...base.details.slice(0, kept.length), ...added.map(() => null)],
    ms: base.ms + findings.ms,
  };
}

/** A number of the summary. */
export interface SummaryItem {
  id: string;
  label: string;
  value: number;
  /** The section it opens. */
  section: DiffSection;
  tone: 'added' | 'removed' | 'changed';
}

/** The counts at the top of the view, in section order; `findings` ones only when findings were compared. */
export function summaryOf(diff: ComparedDiff): SummaryItem[] {
  const n = (...kinds: ComparedChange['kind'][]): number =>
    diff.changes.filter((c) => kinds.includes(c.kind)).length;
  const principals = (kind: 'principal-added' | 'principal-removed'): number =>
    diff.changes.filter((c) => c.kind === kind && c.principalKind !== 'group').length;
  const policies = new Set(
    diff.changes
      .filter((c) => c.section === 'policies')
      .map((c) => policySubjectKey(c as ComparedChange & { section: 'policies' })),
  );
  const access = diff.changes.filter((c): c is ChangeOf<'access-changed'> => c.kind === 'access-changed');
  const items: SummaryItem[] = [
    {
      id: 'principals-added',
      label: 'principals added',
      value: principals('principal-added'),
      section: 'principals',
      tone: 'added',
    },
    {
      id: 'principals-removed',
      label: 'principals removed',
      value: principals('principal-removed'),
      section: 'principals',
      tone: 'removed',
    },
    {
      id: 'policies-changed',
      label: 'policies changed',
      value: policies.size,
      section: 'policies',
      tone: 'changed',
    },
    {
      id: 'attachments',
      label: 'attachments changed',
      value: diff.counts.attachments,
      section: 'attachments',
      tone: 'changed',
    },
    {
      id: 'memberships',
      label: 'memberships changed',
      value: diff.counts.memberships,
      section: 'memberships',
      tone: 'changed',
    },
    {
      id: 'trust',
      label: 'trust policies changed',
      value: diff.counts.trust,
      section: 'trust',
      tone: 'changed',
    },
    {
      id: 'boundaries',
      label: 'boundaries changed',
      value: diff.counts.boundaries,
      section: 'boundaries',
      tone: 'changed',
    },
  ];
  if (diff.parts.access.kind === 'compared') {
    items.push(
      {
        id: 'access-gained',
        label: 'principals gained access',
        value: access.filter((c) => c.gained.length > 0).length,
        section: 'access',
        tone: 'added',
      },
      {
        id: 'access-lost',
        label: 'principals lost access',
        value: access.filter((c) => c.lost.length > 0).length,
        section: 'access',
        tone: 'removed',
      },
    );
  }
  if (diff.parts.findings.kind === 'compared') {
    items.push(
      {
        id: 'findings-new',
        label: 'new findings',
        value: n('finding-new'),
        section: 'findings',
        tone: 'added',
      },
      {
        id: 'findings-resolved',
        label: 'resolved findings',
        value: n('finding-resolved'),
        section: 'findings',
        tone: 'removed',
      },
    );
  }
  if (diff.parts.escalation.kind === 'compared') {
    items.push(
      {
        id: 'paths-new',
        label: 'new escalation paths',
        value: n('escalation-path-new'),
        section: 'findings',
        tone: 'added',
      },
      {
        id: 'paths-resolved',
        label: 'resolved escalation paths',
        value: n('escalation-path-resolved'),
        section: 'findings',
        tone: 'removed',
      },
    );
  }
  return items;
}

// ------------------------------------------------------------------ names

/** The last path segment of an ARN (a user, role, group or policy name), or the text as given. */
export function shortArn(arn: string): string {
  const slash = arn.lastIndexOf('/');
  if (slash >= 0 && slash < arn.length - 1) return arn.slice(slash + 1);
  const colon = arn.lastIndexOf(':');
  return colon >= 0 && colon < arn.length - 1 ? arn.slice(colon + 1) : arn;
}

/** How the view names a policy. */
export function policyTitle(ref: PolicyRef): string {
  switch (ref.kind) {
    case 'managed':
      return ref.name;
    case 'inline':
      return `${ref.name} (inline, ${ref.holderKind} ${shortArn(ref.holder)})`;
    case 'scp':
    case 'rcp':
      return `${ref.name} (${ref.kind.toUpperCase()} at ${ref.level})`;
    case 'resource':
      return `resource policy of ${ref.resource}`;
  }
}

type PolicyChange = ComparedChange & { section: 'policies' };

function policyRefOf(c: PolicyChange): PolicyRef {
  if ('policy' in c) return c.policy;
  return { kind: 'managed', arn: c.arn, name: 'name' in c ? c.name : shortArn(c.arn) };
}

function policySubjectKey(c: PolicyChange): string {
  const r = policyRefOf(c);
  return r.kind === 'managed' ? r.arn : JSON.stringify(r);
}

/** The changes of one policy. */
export interface PolicyGroup {
  key: string;
  ref: PolicyRef;
  title: string;
  /** `added`/`removed` when the policy itself came or went, else `changed`. */
  status: 'added' | 'removed' | 'changed';
  awsManaged: boolean;
  entries: Entry<PolicyChange>[];
}

/** The policies section grouped per policy, in core's order. */
export function policyGroups(entries: readonly Entry[]): PolicyGroup[] {
  const groups = new Map<string, PolicyGroup>();
  for (const e of entries) {
    if (e.change.section !== 'policies') continue;
    const c = e.change as PolicyChange;
    const key = policySubjectKey(c);
    let g = groups.get(key);
    if (!g) {
      const ref = policyRefOf(c);
      g = {
        key,
        ref,
        title: policyTitle(ref),
        status: 'changed',
        awsManaged: ref.kind === 'managed' && ref.arn.includes(':iam::aws:policy/'),
        entries: [],
      };
      groups.set(key, g);
    }
    if (c.kind.endsWith('-added')) g.status = 'added';
    else if (c.kind.endsWith('-removed')) g.status = 'removed';
    g.entries.push(e as Entry<PolicyChange>);
  }
  return [...groups.values()];
}

/** Principals added, removed and recreated (groups listed with them, as core reports them). */
export function principalChanges(entries: readonly Entry[]) {
  return {
    added: ofKind(entries, 'principal-added'),
    removed: ofKind(entries, 'principal-removed'),
    recreated: ofKind(entries, 'principal-recreated'),
  };
}

/** Added and removed items of one subject (a principal's attachments, a user's groups). */
export interface SubjectChanges {
  subject: string;
  added: string[];
  removed: string[];
}

function bySubject(items: readonly { subject: string; item: string; added: boolean }[]): SubjectChanges[] {
  const out = new Map<string, SubjectChanges>();
  for (const i of items) {
    let s = out.get(i.subject);
    if (!s) out.set(i.subject, (s = { subject: i.subject, added: [], removed: [] }));
    (i.added ? s.added : s.removed).push(i.item);
  }
  return [...out.values()];
}

/** Attachments per principal: policy ARNs attached and detached. */
export function attachmentChanges(entries: readonly Entry[]): SubjectChanges[] {
  return bySubject(
    ofKind(entries, 'policy-attached', 'policy-detached').map((e) => ({
      subject: e.change.principal,
      item: e.change.policyArn,
      added: e.change.kind === 'policy-attached',
    })),
  );
}

/** Memberships per user: group ARNs joined and left. */
export function membershipChanges(entries: readonly Entry[]): SubjectChanges[] {
  return bySubject(
    ofKind(entries, 'membership-added', 'membership-removed').map((e) => ({
      subject: e.change.user,
      item: e.change.group,
      added: e.change.kind === 'membership-added',
    })),
  );
}

/** One element of a changed statement as the view lists it: values added, removed and changed. */
export interface ElementLine {
  element: string;
  added: string[];
  removed: string[];
  changed: string[];
}

const conditionText = (c: ConditionEntry): string => `${c.operator} ${c.key} = ${c.values.join(', ')}`;

/** The view's line of one element change of a statement. */
export function elementLine(e: ElementChange): ElementLine {
  switch (e.kind) {
    case 'sid':
      return {
        element: 'Sid',
        added: [],
        removed: [],
        changed: [`${e.old ?? '(none)'} → ${e.new ?? '(none)'}`],
      };
    case 'effect':
      return { element: 'Effect', added: [], removed: [], changed: [`${e.old} → ${e.new}`] };
    case 'list':
    case 'principal':
      return { element: e.element, added: [...e.added], removed: [...e.removed], changed: [] };
    case 'condition':
      return {
        element: 'Condition',
        added: e.added.map(conditionText),
        removed: e.removed.map(conditionText),
        changed: e.changed.map((c) => `${c.operator} ${c.key}: ${c.old.join(', ')} → ${c.new.join(', ')}`),
      };
  }
}

/** A flattened principal (`AWS:arn:…`, `Service:…`, `*`) as the document writes it. */
function principalValue(flat: string): string {
  const colon = flat.indexOf(':');
  return flat === '*' || colon < 0 ? flat : flat.slice(colon + 1);
}

/**
 * The strings (keys and values) a changed statement's elements bring in, as they appear in the newer
 * version's JSON, and take out, as they appear in the older's: the view marks the lines holding them.
 */
export function changedValues(elements: readonly ElementChange[]): {
  added: Set<string>;
  removed: Set<string>;
} {
  const added = new Set<string>();
  const removed = new Set<string>();
  const condition = (c: ConditionEntry, to: Set<string>): void => {
    to.add(c.operator);
    to.add(c.key);
    for (const v of c.values) to.add(v);
  };
  for (const e of elements) {
    switch (e.kind) {
      case 'sid':
        if (e.new !== undefined) added.add(e.new);
        if (e.old !== undefined) removed.add(e.old);
        break;
      case 'effect':
        added.add(e.new);
        removed.add(e.old);
        break;
      case 'list':
        for (const v of e.added) added.add(v);
        for (const v of e.removed) removed.add(v);
        break;
      case 'principal':
        for (const v of e.added) added.add(principalValue(v));
        for (const v of e.removed) removed.add(principalValue(v));
        break;
      case 'condition':
        for (const c of e.added) condition(c, added);
        for (const c of e.removed) condition(c, removed);
        for (const c of e.changed) {
          for (const v of c.new) if (!c.old.includes(v)) added.add(v);
          for (const v of c.old) if (!c.new.includes(v)) removed.add(v);
        }
        break;
    }
  }
  return { added, removed };
}

// ------------------------------------------------------------------ access

/** AWS's access levels in the order the view lists them (most consequential last, as the catalogue does). */
export const ACCESS_LEVELS: readonly AccessLevelName[] = [
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
];

/** Actions gained and lost in one service. */
export interface ServiceAccess {
  service: string;
  gained: PackedAccessGroup[];
  lost: PackedAccessGroup[];
  gainedCount: number;
  lostCount: number;
}

/** Effective access of one principal that changed, by service. */
export interface AccessRow {
  principal: string;
  principalKind: 'user' | 'role';
  oldCount: number;
  newCount: number;
  gainedCount: number;
  lostCount: number;
  /** Whether it gained `Permissions management` actions (what lets a principal change access). */
  gainedPermissionsManagement: boolean;
  services: ServiceAccess[];
}

const count = (groups: readonly PackedAccessGroup[]): number => groups.reduce((n, g) => n + g.count, 0);
const byLevel = (x: PackedAccessGroup, y: PackedAccessGroup): number =>
  ACCESS_LEVELS.indexOf(x.level) - ACCESS_LEVELS.indexOf(y.level);

/** The access section: principals by size of change (largest first), each by service. */
export function accessRows(entries: readonly Entry[]): AccessRow[] {
  const rows = ofKind(entries, 'access-changed').map(({ change: c }): AccessRow => {
    const services = new Map<string, ServiceAccess>();
    const serviceOf = (name: string): ServiceAccess => {
      let s = services.get(name);
      if (!s) services.set(name, (s = { service: name, gained: [], lost: [], gainedCount: 0, lostCount: 0 }));
      return s;
    };
    for (const g of c.gained) {
      const s = serviceOf(g.service);
      s.gained.push(g);
      s.gainedCount += g.count;
    }
    for (const g of c.lost) {
      const s = serviceOf(g.service);
      s.lost.push(g);
      s.lostCount += g.count;
    }
    for (const s of services.values()) {
      s.gained.sort(byLevel);
      s.lost.sort(byLevel);
    }
    return {
      principal: c.principal,
      principalKind: c.principalKind,
      oldCount: c.oldActionCount,
      newCount: c.newActionCount,
      gainedCount: count(c.gained),
      lostCount: count(c.lost),
      gainedPermissionsManagement: c.gained.some((g) => g.level === 'Permissions management'),
      services: [...services.values()].sort((x, y) =>
        x.service < y.service ? -1 : x.service > y.service ? 1 : 0,
      ),
    };
  });
  return rows.sort(
    (x, y) =>
      y.gainedCount + y.lostCount - (x.gainedCount + x.lostCount) ||
      (x.principal < y.principal ? -1 : x.principal > y.principal ? 1 : 0),
  );
}

/** The actions of a packed access group. */
export function actionsOf(g: PackedAccessGroup): string[] {
  return g.actions === '' ? [] : g.actions.split('\n');
}

// ------------------------------------------------------------------ findings

/** Severities, most severe first. */
export const SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Findings new and resolved (most severe first), escalation paths new, resolved and changed. */
export function findingChanges(entries: readonly Entry[]) {
  const bySeverity = (
    x: Entry<ChangeOf<'finding-new' | 'finding-resolved'>>,
    y: Entry<ChangeOf<'finding-new' | 'finding-resolved'>>,
  ): number => SEVERITIES.indexOf(x.change.finding.severity) - SEVERITIES.indexOf(y.change.finding.severity);
  return {
    newFindings: ofKind(entries, 'finding-new').sort(bySeverity),
    resolvedFindings: ofKind(entries, 'finding-resolved').sort(bySeverity),
    newPaths: ofKind(entries, 'escalation-path-new'),
    resolvedPaths: ofKind(entries, 'escalation-path-resolved'),
    changedPaths: ofKind(entries, 'escalation-path-changed'),
  };
}

/** A path as one line of short names: `jamal.reed → ops-support → PlatformAdmin`. */
export function pathLine(steps: readonly PathStepRef[]): string {
  if (steps.length === 0) return '';
  return [shortArn(steps[0]!.from), ...steps.map((s) => shortArn(s.to))].join(' → ');
}

// ------------------------------------------------------------------ order

/** What the view knows of a stored snapshot to order two of them. */
export interface Dated {
  id: string;
  collectedAt?: string | undefined;
  importedAt: string;
}

/** The two snapshots oldest first: by collection time, else import time (equal times keep the given order). */
export function olderFirst<T extends Dated>(a: T, b: T): [T, T] {
  const when = (s: Dated): string => s.collectedAt ?? s.importedAt;
  return when(b) < when(a) ? [b, a] : [a, b];
}
