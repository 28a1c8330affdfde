// The normalised, immutable account snapshot every part of Ariadne reads: identities, policies,
// their relationships and indexes, plus the optional parts of an Ariadne bundle. Plain readonly
// data; imports only core/model types.
import type { Diagnostic } from './diagnostic';
import type { PolicyDocument } from './policy';

/** The format tag of an Ariadne bundle (SPEC.md "Snapshot inputs"). */
export const BUNDLE_FORMAT = 'ariadne.snapshot/v1';

/** A policy document as stored: the original text for display and the normalised document. */
export interface StoredPolicy {
  /** The document's text as given (URL-decoded), or the compact JSON of the object form (pretty-print to show). */
  readonly text: string;
  /** The document after `normalizePolicyDocument` (single values turned into lists). */
  readonly document: PolicyDocument;
}

/** Fields of an input entity that Ariadne does not know, kept as given (never an own `__proto__` surprise: built with Object.fromEntries). */
export type ExtraFields = Readonly<Record<string, unknown>>;

/** One resource tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** A managed policy attached to an identity, as the identity names it. */
export interface AttachedPolicy {
  readonly arn: string;
  readonly name: string;
}

/** An inline policy embedded in a user, group or role. */
export interface InlinePolicy {
  readonly name: string;
  readonly policy: StoredPolicy;
}

/** The permissions boundary of a user or role (`PermissionsBoundaryType` is `Policy` today). */
export interface PermissionsBoundary {
  readonly arn: string;
  readonly type: string;
}

/** When and where a role was last used, as `RoleLastUsed` gives it. */
export interface RoleLastUsed {
  readonly lastUsedDate?: string;
  readonly region?: string;
}

/** What users, groups and roles share. */
interface IdentityBase {
  readonly arn: string;
  /** The unique id (`UserId`, `GroupId`, `RoleId`). */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly createDate?: string;
  readonly attachedPolicies: readonly AttachedPolicy[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly extra: ExtraFields;
}

/** An IAM user. */
export interface User extends IdentityBase {
  readonly kind: 'user';
  /** Group names as the user lists them (`GroupList`). */
  readonly groupNames: readonly string[];
  readonly permissionsBoundary?: PermissionsBoundary;
  readonly tags: readonly Tag[];
}

/** An IAM group. */
export interface Group extends IdentityBase {
  readonly kind: 'group';
}

/** An IAM role. */
export interface Role extends IdentityBase {
  readonly kind: 'role';
  /** The trust policy (`AssumeRolePolicyDocument`); absent only when the input omits it. */
  readonly trustPolicy?: StoredPolicy;
  readonly permissionsBoundary?: PermissionsBoundary;
  readonly tags: readonly Tag[];
  readonly roleLastUsed?: RoleLastUsed;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  /** ARNs of the instance profiles that hold this role. */
  readonly instanceProfileArns: readonly string[];
}

/** One version of a managed policy. */
export interface PolicyVersion {
  readonly versionId: string;
  readonly isDefault: boolean;
  readonly createDate?: string;
  /** The document; absent when the input omits it or it is malformed (a warning says so). */
  readonly policy?: StoredPolicy;
}

/** A managed policy, customer-managed or AWS-managed. */
export interface ManagedPolicy {
  readonly kind: 'policy';
  readonly arn: string;
  /** `PolicyId`. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  /** True for AWS-managed policies (`arn:<partition>:iam::aws:policy/…`). */
  readonly awsManaged: boolean;
  readonly defaultVersionId?: string;
  /** Every version given, in input order. */
  readonly versions: readonly PolicyVersion[];
  /** The default version's document: the only one that applies. */
  readonly defaultDocument: StoredPolicy;
  readonly attachmentCount?: number;
  readonly permissionsBoundaryUsageCount?: number;
  readonly isAttachable?: boolean;
  readonly description?: string;
  readonly createDate?: string;
  readonly updateDate?: string;
  readonly extra: ExtraFields;
}

/** An instance profile and the roles it holds. */
export interface InstanceProfile {
  readonly kind: 'instance-profile';
  readonly arn: string;
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly createDate?: string;
  readonly roleArns: readonly string[];
  readonly tags: readonly Tag[];
  readonly extra: ExtraFields;
}

/** Any entity the snapshot indexes. */
export type SnapshotEntity = User | Group | Role | ManagedPolicy | InstanceProfile;

/** The account the snapshot describes. */
export interface AccountInfo {
  /** 12-digit account id; empty when the input names no ARN to take it from. */
  readonly id: string;
  readonly alias?: string;
  /** `aws`, `aws-cn`, `aws-us-gov`… */
  readonly partition: string;
}

/** Where the snapshot came from. */
export interface SnapshotSource {
  /** `aws-pull` or `file` for bundles (as written); `authorization-details` for raw AWS output. */
  readonly kind: string;
  readonly tool?: string;
  /** Input names (file names) the snapshot was read from. */
  readonly inputs?: readonly string[];
}

/** A resource-based policy collected beside the account (bucket policy, key policy…). */
export interface ResourcePolicy {
  readonly resource: string;
  readonly account?: string;
  readonly policy: StoredPolicy;
  readonly extra: ExtraFields;
}

/** A service control policy or resource control policy attached at one organisation level. */
export interface OrganizationPolicy {
  readonly name: string;
  readonly id?: string;
  readonly arn?: string;
  readonly policy: StoredPolicy;
}

/** One level of the organisation path: root, OUs, then the account. */
export interface OrganizationPathLevel {
  readonly id: string;
  readonly name?: string;
  readonly scps: readonly OrganizationPolicy[];
  readonly rcps: readonly OrganizationPolicy[];
}

/** The organisation governing the account; absent = not governed by SCPs/RCPs. */
export interface Organization {
  readonly id?: string;
  readonly managementAccountId?: string;
  /** Root first, account last; every level must allow. */
  readonly path: readonly OrganizationPathLevel[];
}

/** A SAML identity provider. */
export interface SamlProvider {
  readonly arn: string;
  readonly metadata?: string;
  readonly extra: ExtraFields;
}

/** An OIDC identity provider. */
export interface OidcProvider {
  readonly arn: string;
  readonly url?: string;
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
  readonly extra: ExtraFields;
}

/** The account's identity providers. */
export interface IdentityProviders {
  readonly saml: readonly SamlProvider[];
  readonly oidc: readonly OidcProvider[];
}

/** The bundle field holding the account-level S3 Block Public Access settings, kept in `Snapshot.extra`. */
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = 's3AccountPublicAccessBlock';

/**
 * S3 Block Public Access settings of an account (S3 Control GetPublicAccessBlock) or of a bucket,
 * as AWS names them; an absent setting is off. Amazon S3 "Blocking public access to your Amazon S3
 * storage": S3 applies the most restrictive combination of the bucket's and the account's settings.
 */
export interface S3PublicAccessBlock {
  readonly BlockPublicAcls?: boolean;
  readonly IgnorePublicAcls?: boolean;
  readonly BlockPublicPolicy?: boolean;
  readonly RestrictPublicBuckets?: boolean;
}

/** Entities a managed policy is attached to, and the identities it bounds. */
export interface PolicyUsage {
  /** ARNs of users, groups and roles the policy is attached to. */
  readonly attachedTo: readonly string[];
  /** ARNs of users and roles whose permissions boundary it is. */
  readonly boundaryOf: readonly string[];
}

/** The normalised, immutable account snapshot. */
export interface Snapshot {
  readonly account: AccountInfo;
  readonly collectedAt?: string;
  readonly source: SnapshotSource;

  readonly users: readonly User[];
  readonly groups: readonly Group[];
  readonly roles: readonly Role[];
  readonly policies: readonly ManagedPolicy[];
  readonly instanceProfiles: readonly InstanceProfile[];

  readonly resourcePolicies: readonly ResourcePolicy[];
  readonly organization?: Organization;
  readonly identityProviders: IdentityProviders;
  /** The credential report CSV as AWS returns it (parsed by later work). */
  readonly credentialReport?: string;
  readonly passwordPolicy?: Readonly<Record<string, unknown>>;
  readonly accountSummary?: Readonly<Record<string, unknown>>;
  readonly accountAliases: readonly string[];
  /** The bundle's own warnings (what could not be collected), as written. */
  readonly collectionWarnings: readonly string[];
  /** Unknown top-level fields of the bundle or authorization details, kept as given. */
  readonly extra: ExtraFields;

  /** Every user, group, role, managed policy and instance profile by ARN. */
  readonly byArn: ReadonlyMap<string, SnapshotEntity>;
  /** Users, groups, roles, managed policies and instance profiles by unique id (first one wins). */
  readonly byId: ReadonlyMap<string, SnapshotEntity>;
  readonly usersByName: ReadonlyMap<string, User>;
  readonly groupsByName: ReadonlyMap<string, Group>;
  readonly rolesByName: ReadonlyMap<string, Role>;
  /** Managed policies by name: a customer policy may share a name with an AWS-managed one. */
  readonly policiesByName: ReadonlyMap<string, readonly ManagedPolicy[]>;
  readonly instanceProfilesByName: ReadonlyMap<string, InstanceProfile>;

  /** User ARN → ARNs of the groups it belongs to (only groups present in the snapshot). */
  readonly groupsOfUser: ReadonlyMap<string, readonly string[]>;
  /** Group ARN → ARNs of its member users. */
  readonly membersOfGroup: ReadonlyMap<string, readonly string[]>;
  /** Managed policy ARN → what it is attached to (also for policies referenced but absent). */
  readonly policyUsage: ReadonlyMap<string, PolicyUsage>;
  /** Role ARN → ARNs of instance profiles holding it. */
  readonly instanceProfilesOfRole: ReadonlyMap<string, readonly string[]>;
}

/** One input to import: an already-parsed JSON value and the name used in messages (a file name). */
export interface SnapshotInput {
  readonly name: string;
  readonly value: unknown;
}

/** A diagnostic of import, naming the input it is about when there are several. */
export interface ImportDiagnostic extends Diagnostic {
  /** The input's name (file) the path points into. */
  readonly input?: string;
}

/** The result of importing: a snapshot with warnings, or errors that make the input unusable. */
export type ImportResult =
  | { readonly kind: 'ok'; readonly snapshot: Snapshot; readonly diagnostics: readonly ImportDiagnostic[] }
  | { readonly kind: 'error'; readonly diagnostics: readonly ImportDiagnostic[] };
