// Plain data the engine worker sends to the UI: snapshot metadata, principal rows and details.
// Types only; the UI imports them with `import type`. Imports nothing.

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
