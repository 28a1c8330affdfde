// Plain data the engine worker sends to the UI: snapshot metadata, principal rows and details,
// comparisons. Types only; the UI imports them with `import type`. Imports only core's types.
import type { AccessLevelName, Change, EscalationPath, Finding, PolicyStatement, RequiredCondition, SnapshotDiff } from '../../core/index';

/** Entity counts of a snapshot. */
export interface SnapshotCounts {
  users: number;
  groups: number;
  roles: number;
  policies: number;
  customerPolicies: number;
  awsManagedPolicies: number;
  inlinePolicies: number;
  instanceProfiles: number;
  resourcePolicies: number;
}

/** What the library shows of a snapshot, computed once at import. */
export interface SnapshotMeta {
  account: string;
  alias?: string;
  partition: string;
  collectedAt?: string;
  source: { kind: string; tool?: string; inputs?: string[] };
  counts: SnapshotCounts;
  /** Import warnings and the bundle's own collection warnings, one line each. */
  warnings: string[];
}

/** A parsed snapshot ready to store: metadata, the canonical bundle's text and its hash. */
export interface ImportedSnapshot {
  meta: SnapshotMeta;
  bundle: string;
  hash: string;
}

/** The outcome of importing files. */
export type ImportOutcome = { kind: 'ok'; snapshot: ImportedSnapshot } | { kind: 'error'; message: string; details: string[] } | { kind: 'cancelled' };

/** Progress of a long task: a stage name and, when known, a fraction done. */
export interface Progress {
  stage: string;
  done?: number;
  total?: number;
}

/** The kinds of identity the principal views show. */
export type PrincipalKind = 'user' | 'group' | 'role';

/** One row of the principals table. */
export interface PrincipalRow {
  arn: string;
  name: string;
  kind: PrincipalKind;
  path: string;
  /** Groups of a user, members of a group; 0 for a role. */
  groups: number;
  /** Attached managed policies plus inline policies. */
  policies: number;
  createDate?: string;
}

/** A snapshot opened in the worker: its metadata and its principals. */
export interface OpenedSnapshot {
  meta: SnapshotMeta;
  principals: PrincipalRow[];
}

/** A policy document shown in a view. */
export interface PolicyRef {
  name: string;
  kind: 'managed' | 'inline' | 'trust';
  arn?: string;
  awsManaged?: boolean;
  /** The document's JSON, indented. */
  text: string;
  /** The group it comes through, for policies a user inherits. */
  via?: string;
}

/** A link to another entity. */
export interface EntityLink {
  arn: string;
  name: string;
}

/** Everything the Principal view shows about one user, group or role. */
export interface PrincipalDetail {
  arn: string;
  id: string;
  name: string;
  kind: PrincipalKind;
  path: string;
  createDate?: string;
  description?: string;
  tags: { key: string; value: string }[];
  /** Groups of a user. */
  groups: EntityLink[];
  /** Members of a group. */
  members: EntityLink[];
  attached: PolicyRef[];
  inline: PolicyRef[];
  /** Policies a user receives through its groups. */
  inherited: PolicyRef[];
  trustPolicy?: PolicyRef;
  boundary?: string;
  instanceProfiles: string[];
  lastUsed?: string;
}

/** Everything the Policy view shows about one managed policy. */
export interface PolicyDetail {
  arn: string;
  name: string;
  path: string;
  awsManaged: boolean;
  description?: string;
  defaultVersionId?: string;
  versions: { versionId: string; isDefault: boolean; createDate?: string }[];
  text: string;
  attachedTo: EntityLink[];
  boundaryOf: EntityLink[];
}

/** What the analysis found in one snapshot, as a comparison takes it (a part of the analysis data). */
export interface CompareAnalysis {
  findings: Finding[];
  admins: string[];
  fullAdmins: string[];
  paths: EscalationPath[];
}

/** What a comparison covers beyond the structure. */
export interface CompareRequest {
  /** Compare effective access per principal (default true). */
  access?: boolean;
  /** Both snapshots' analyses: findings and escalation paths are compared only when given. */
  analyses?: { old: CompareAnalysis; new: CompareAnalysis };
}

/** The two versions of a statement changed between the snapshots. */
export interface StatementPair {
  before?: PolicyStatement;
  after?: PolicyStatement;
}

/** What the view needs beside one change: where its policy is, and changed statements' two versions. */
export interface ChangeDetail {
  /** The Policy-view key of the policy the change is about, in snapshot `policyIn`. */
  policyKey?: string;
  policyIn?: 'old' | 'new';
  /** One per entry of the change's `diff.statements`: both versions of a changed statement, else null. */
  pairs?: (StatementPair | null)[];
}

/**
 * Actions of one service and access level as a comparison sends them: joined by newlines, because
 * one long string crosses to the UI thread in one copy where hundreds of thousands of short ones
 * (the large generated account's access changes) would hold it for a tenth of a second.
 */
export interface PackedAccessGroup {
  service: string;
  level: AccessLevelName;
  /** Number of actions. */
  count: number;
  /** The actions, sorted, joined by `\n`. */
  actions: string;
}

/** Core's `access-changed` change with its groups packed. */
export type PackedAccessChange = Omit<Extract<Change, { kind: 'access-changed' }>, 'gained' | 'lost'> & {
  gained: PackedAccessGroup[];
  lost: PackedAccessGroup[];
};

/** A change as a comparison sends it: core's, with effective access packed. */
export type ComparedChange = Exclude<Change, { kind: 'access-changed' }> | PackedAccessChange;

/** Core's diff as a comparison sends it. */
export type ComparedDiff = Omit<SnapshotDiff, 'changes'> & { changes: ComparedChange[] };

/** The comparison of two stored snapshots of one account (`old` the baseline). */
export interface Comparison {
  diff: ComparedDiff;
  /** One per `diff.changes` entry, in order: its detail, or null when it needs none. */
  details: (ChangeDetail | null)[];
  /** Milliseconds the comparison took in the worker. */
  ms: number;
}

/** The outcome of a comparison: refused for snapshots of different (or unknown) accounts. */
export type CompareOutcome =
  | { kind: 'ok'; comparison: Comparison }
  | { kind: 'refused'; id: string; message: string }
  | { kind: 'error'; message: string };

/** One role of the snapshot a principal may assume (`sts:AssumeRole`), as core/access decides it. */
export interface AssumableRole {
  arn: string;
  name: string;
  decision: 'allowed' | 'conditional';
  /** What a conditional answer needs of the request's context (keys, operators, values); empty when allowed. */
  conditions: RequiredCondition[];
  /** Whether the identity side allowed, or the trust policy on its own (it names the principal). */
  via: 'identity' | 'resource';
}

/** The roles of a snapshot a principal may assume: allowed first, then conditional, each by name. */
export interface AssumableRoles {
  principal: string;
  roles: AssumableRole[];
  /** How many roles of the snapshot were asked about. */
  checked: number;
  /** Milliseconds the worker took (0 when answered from its cache). */
  ms: number;
}
