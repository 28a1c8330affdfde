// Readers of the entities of `GetAccountAuthorizationDetails` (users, groups, roles, managed
// policies, instance profiles) into the snapshot's shapes. Imports only core/.
// Field names follow the API reference, "GetAccountAuthorizationDetails" and its data types
// (UserDetail, GroupDetail, RoleDetail, ManagedPolicyDetail, InstanceProfile, PolicyVersion):
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
import type { Diagnostic } from '../model/diagnostic';
import type {
  AttachedPolicy,
  Group,
  InlinePolicy,
  InstanceProfile,
  ManagedPolicy,
  PermissionsBoundary,
  PolicyVersion,
  Role,
  RoleLastUsed,
  User,
} from '../model/snapshot';
import { readPolicyDocument, type ObjectReader, type Problem } from './read';

/** An entity read from the input, or why it could not be. */
export type EntityResult<T> =
  | { kind: 'ok'; entity: T; warnings: Diagnostic[] }
  | { kind: 'dropped'; name: string; problems: Problem[]; warnings: Diagnostic[] };

/** An instance profile as a role lists it, before merging (one profile may be listed once per role). */
export type RoleInstanceProfile = Omit<InstanceProfile, 'roleArns'> & {
  readonly roleArns: readonly string[];
};

function finish<T>(r: ObjectReader, name: string | undefined, build: () => T): EntityResult<T> {
  if (r.problems.length > 0 || name === undefined) {
    return { kind: 'dropped', name: name ?? '', problems: r.problems, warnings: r.warnings };
  }
  return { kind: 'ok', entity: build(), warnings: r.warnings };
}

function attached(r: ObjectReader): AttachedPolicy[] {
  return r.objects('AttachedManagedPolicies', (a) => {
    const arn = a.string('PolicyArn', true);
    const name = a.string('PolicyName') ?? (arn ? arn.slice(arn.lastIndexOf('/') + 1) : '');
    return arn === undefined ? undefined : { arn, name };
  });
}

function inline(r: ObjectReader, key: string): InlinePolicy[] {
  return r.objects(key, (p) => {
    const name = p.string('PolicyName', true);
    const policy = p.policy('PolicyDocument', true);
    return name === undefined || policy === undefined ? undefined : { name, policy };
  });
}

function boundary(r: ObjectReader): PermissionsBoundary | undefined {
  return r.object('PermissionsBoundary', (b) => {
    const arn = b.string('PermissionsBoundaryArn', true);
    const type = b.string('PermissionsBoundaryType') ?? 'Policy';
    return arn === undefined ? undefined : { arn, type };
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Reads one `UserDetailList` item. */
export function readUser(r: ObjectReader): EntityResult<User> {
  const name = r.string('UserName', true);
  const arn = r.string('Arn', true);
  const id = r.string('UserId', true);
  const path = r.string('Path') ?? '/';
  const createDate = r.string('CreateDate');
  const groupNames = r.strings('GroupList');
  const attachedPolicies = attached(r);
  const inlinePolicies = inline(r, 'UserPolicyList');
  const permissionsBoundary = boundary(r);
  const tags = r.tags();
  const extra = r.extra();
  return finish(r, name, () => ({
    kind: 'user' as const,
    arn: arn!,
    id: id!,
    name: name!,
    path,
    ...optional('createDate', createDate),
    groupNames,
    attachedPolicies,
    inlinePolicies,
    ...optional('permissionsBoundary', permissionsBoundary),
    tags,
    extra,
  }));
}

/** Reads one `GroupDetailList` item. */
export function readGroup(r: ObjectReader): EntityResult<Group> {
  const name = r.string('GroupName', true);
  const arn = r.string('Arn', true);
  const id = r.string('GroupId', true);
  const path = r.string('Path') ?? '/';
  const createDate = r.string('CreateDate');
  const attachedPolicies = attached(r);
  const inlinePolicies = inline(r, 'GroupPolicyList');
  const extra = r.extra();
  return finish(r, name, () => ({
    kind: 'group' as const,
    arn: arn!,
    id: id!,
    name: name!,
    path,
    ...optional('createDate', createDate),
    attachedPolicies,
    inlinePolicies,
    extra,
  }));
}

function readInstanceProfile(p: ObjectReader): RoleInstanceProfile | undefined {
  const name = p.string('InstanceProfileName', true);
  const arn = p.string('Arn', true);
  const id = p.string('InstanceProfileId', true);
  const path = p.string('Path') ?? '/';
  const createDate = p.string('CreateDate');
  // The roles inside repeat the role details; only their ARNs matter here.
  const roleArns = p.objects('Roles', (role) => {
    const roleArn = role.raw('Arn');
    if (typeof roleArn !== 'string') role.problem(role.at('Arn'), 'missing `Arn`');
    return typeof roleArn === 'string' ? roleArn : undefined;
  });
  const tags = p.tags();
  const extra = p.extra();
  if (name === undefined || arn === undefined || id === undefined) return undefined;
  return {
    kind: 'instance-profile',
    arn,
    id,
    name,
    path,
    ...optional('createDate', createDate),
    roleArns,
    tags,
    extra,
  };
}

/** Reads one `RoleDetailList` item, with the instance profiles it lists. */
export function readRole(
  r: ObjectReader,
): EntityResult<{ role: Role; instanceProfiles: RoleInstanceProfile[] }> {
  const name = r.string('RoleName', true);
  const arn = r.string('Arn', true);
  const id = r.string('RoleId', true);
  const path = r.string('Path') ?? '/';
  const createDate = r.string('CreateDate');
  const trustPolicy = r.policy('AssumeRolePolicyDocument');
  const instanceProfiles = r.objects('InstanceProfileList', readInstanceProfile);
  const inlinePolicies = inline(r, 'RolePolicyList');
  const attachedPolicies = attached(r);
  const permissionsBoundary = boundary(r);
  const tags = r.tags();
  const roleLastUsed = r.object('RoleLastUsed', (u): RoleLastUsed => {
    const lastUsedDate = u.string('LastUsedDate');
    const region = u.string('Region');
    return { ...optional('lastUsedDate', lastUsedDate), ...optional('region', region) };
  });
  const description = r.string('Description');
  const maxSessionDuration = r.number('MaxSessionDuration');
  const extra = r.extra();
  return finish(r, name, () => ({
    role: {
      kind: 'role' as const,
      arn: arn!,
      id: id!,
      name: name!,
      path,
      ...optional('createDate', createDate),
      attachedPolicies,
      inlinePolicies,
      ...optional('trustPolicy', trustPolicy),
      ...optional('permissionsBoundary', permissionsBoundary),
      tags,
      ...optional('roleLastUsed', roleLastUsed),
      ...optional('description', description),
      ...optional('maxSessionDuration', maxSessionDuration),
      instanceProfileArns: instanceProfiles.map((p) => p.arn),
      extra,
    },
    instanceProfiles,
  }));
}

/** True for an AWS-managed policy ARN (`arn:<partition>:iam::aws:policy/…`). */
export function isAwsManagedArn(arn: string): boolean {
  const parts = arn.split(':');
  return parts[2] === 'iam' && parts[4] === 'aws';
}

/**
 * Reads one `Policies` item. Every version is kept; the default one (`IsDefaultVersion`, else
 * `DefaultVersionId`) is the only one that applies ("Versioning IAM policies":
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
 * A malformed non-default version is kept without its document and a warning; a missing or
 * malformed default version drops the policy.
 */
export function readManagedPolicy(r: ObjectReader): EntityResult<ManagedPolicy> {
  const name = r.string('PolicyName', true);
  const arn = r.string('Arn', true);
  const id = r.string('PolicyId', true);
  const path = r.string('Path') ?? '/';
  const defaultVersionId = r.string('DefaultVersionId');
  const attachmentCount = r.number('AttachmentCount');
  const permissionsBoundaryUsageCount = r.number('PermissionsBoundaryUsageCount');
  const isAttachable = r.boolean('IsAttachable');
  const description = r.string('Description');
  const createDate = r.string('CreateDate');
  const updateDate = r.string('UpdateDate');
  const versionWarnings: Diagnostic[] = [];
  let defaultPath = r.at('PolicyVersionList');
  const versions = r.objects('PolicyVersionList', (v): PolicyVersion | undefined => {
    const versionId = v.string('VersionId', true);
    const isDefault =
      v.boolean('IsDefaultVersion') ?? (versionId !== undefined && versionId === defaultVersionId);
    const versionCreate = v.string('CreateDate');
    const raw = v.raw('Document');
    if (versionId === undefined) return undefined;
    const base = { versionId, isDefault, ...optional('createDate', versionCreate) };
    if (raw === undefined) {
      if (isDefault) v.problem(v.at('Document'), 'missing `Document` of the default version');
      return base;
    }
    const doc = readPolicyDocument(raw, v.at('Document'));
    if (doc.kind === 'error') {
      if (isDefault) v.problem(doc.problem.path, doc.problem.message);
      else {
        versionWarnings.push({
          id: 'snapshot.policy-version.invalid',
          severity: 'warning',
          path: doc.problem.path,
          message: `${doc.problem.message}; version \`${versionId}\` is not the default and is kept without its document`,
        });
      }
      return base;
    }
    if (isDefault) defaultPath = v.path;
    v.warnings.push(...doc.warnings);
    return { ...base, policy: doc.policy };
  });
  const defaults = versions.filter((v) => v.isDefault);
  const defaultVersion = defaults[0];
  if (r.problems.length === 0 && name !== undefined) {
    if (!defaultVersion) r.problem(r.at('PolicyVersionList'), 'no default version');
    else if (defaults.length > 1) r.problem(defaultPath, `${defaults.length} versions are marked default`);
  }
  const extra = r.extra();
  r.warnings.push(...versionWarnings);
  return finish(r, name, () => ({
    kind: 'policy' as const,
    arn: arn!,
    id: id!,
    name: name!,
    path,
    awsManaged: isAwsManagedArn(arn!),
    ...optional('defaultVersionId', defaultVersionId),
    versions,
    defaultDocument: defaultVersion!.policy!,
    ...optional('attachmentCount', attachmentCount),
    ...optional('permissionsBoundaryUsageCount', permissionsBoundaryUsageCount),
    ...optional('isAttachable', isAttachable),
    ...optional('description', description),
    ...optional('createDate', createDate),
    ...optional('updateDate', updateDate),
    extra,
  }));
}
