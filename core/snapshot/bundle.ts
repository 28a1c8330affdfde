// Writes a Snapshot back as an Ariadne bundle (SPEC.md "Snapshot inputs"), the form the app
// stores and exports; importing the bundle gives the same snapshot. Imports only core/.
import type { InlinePolicy, ManagedPolicy, Role, Snapshot, StoredPolicy, Tag } from '../model/snapshot';
import { BUNDLE_FORMAT } from '../model/snapshot';

/** A bundle as plain JSON-serialisable data. */
export type SnapshotBundle = { readonly format: typeof BUNDLE_FORMAT } & Readonly<Record<string, unknown>>;

/**
 * The document as written: a JSON object when its text is the compact form import gives object
 * documents, else the original text itself (JSON text, which import accepts), so it stays as written.
 */
function documentOf(policy: StoredPolicy): unknown {
  const value: unknown = JSON.parse(policy.text);
  return JSON.stringify(value) === policy.text ? value : policy.text;
}

function opt(key: string, value: unknown): Record<string, unknown> {
  return value === undefined ? {} : { [key]: value };
}

function tags(list: readonly Tag[]): { Key: string; Value: string }[] {
  return list.map((t) => ({ Key: t.key, Value: t.value }));
}

function inline(list: readonly InlinePolicy[]): { PolicyName: string; PolicyDocument: unknown }[] {
  return list.map((p) => ({ PolicyName: p.name, PolicyDocument: documentOf(p.policy) }));
}

function attached(
  list: readonly { arn: string; name: string }[],
): { PolicyName: string; PolicyArn: string }[] {
  return list.map((a) => ({ PolicyName: a.name, PolicyArn: a.arn }));
}

function boundary(b: { arn: string; type: string } | undefined): Record<string, unknown> {
  return b ? { PermissionsBoundary: { PermissionsBoundaryType: b.type, PermissionsBoundaryArn: b.arn } } : {};
}

function roleDetail(s: Snapshot, r: Role): Record<string, unknown> {
  const profiles = r.instanceProfileArns.flatMap((arn) => {
    const p = s.byArn.get(arn);
    if (p?.kind !== 'instance-profile') return [];
    return [
      {
        ...p.extra,
        Path: p.path,
        InstanceProfileName: p.name,
        InstanceProfileId: p.id,
        Arn: p.arn,
        ...opt('CreateDate', p.createDate),
        Roles: p.roleArns.map((arn) => {
          const role = s.byArn.get(arn);
          return role?.kind === 'role'
            ? { Path: role.path, RoleName: role.name, RoleId: role.id, Arn: role.arn }
            : { Arn: arn };
        }),
        ...(p.tags.length > 0 ? { Tags: tags(p.tags) } : {}),
      },
    ];
  });
  return {
    ...r.extra,
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    ...opt('CreateDate', r.createDate),
    ...opt('AssumeRolePolicyDocument', r.trustPolicy && documentOf(r.trustPolicy)),
    ...opt('Description', r.description),
    ...opt('MaxSessionDuration', r.maxSessionDuration),
    InstanceProfileList: profiles,
    RolePolicyList: inline(r.inlinePolicies),
    AttachedManagedPolicies: attached(r.attachedPolicies),
    ...boundary(r.permissionsBoundary),
    Tags: tags(r.tags),
    ...opt(
      'RoleLastUsed',
      r.roleLastUsed && {
        ...opt('LastUsedDate', r.roleLastUsed.lastUsedDate),
        ...opt('Region', r.roleLastUsed.region),
      },
    ),
  };
}

function policyDetail(p: ManagedPolicy): Record<string, unknown> {
  return {
    ...p.extra,
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    ...opt('DefaultVersionId', p.defaultVersionId),
    ...opt('AttachmentCount', p.attachmentCount),
    ...opt('PermissionsBoundaryUsageCount', p.permissionsBoundaryUsageCount),
    ...opt('IsAttachable', p.isAttachable),
    ...opt('Description', p.description),
    ...opt('CreateDate', p.createDate),
    ...opt('UpdateDate', p.updateDate),
    PolicyVersionList: p.versions.map((v) => ({
      ...opt('Document', v.policy && documentOf(v.policy)),
      VersionId: v.versionId,
      IsDefaultVersion: v.isDefault,
      ...opt('CreateDate', v.createDate),
    })),
  };
}

/** Writes `snapshot` as an Ariadne bundle (documents as JSON objects, as the CLI prints them). */
export function toBundle(snapshot: Snapshot): SnapshotBundle {
  const s = snapshot;
  const authorizationDetails = {
    UserDetailList: s.users.map((u) => ({
      ...u.extra,
      Path: u.path,
      UserName: u.name,
      UserId: u.id,
      Arn: u.arn,
      ...opt('CreateDate', u.createDate),
      UserPolicyList: inline(u.inlinePolicies),
      GroupList: [...u.groupNames],
      AttachedManagedPolicies: attached(u.attachedPolicies),
      ...boundary(u.permissionsBoundary),
      Tags: tags(u.tags),
    })),
    GroupDetailList: s.groups.map((g) => ({
      ...g.extra,
      Path: g.path,
      GroupName: g.name,
      GroupId: g.id,
      Arn: g.arn,
      ...opt('CreateDate', g.createDate),
      GroupPolicyList: inline(g.inlinePolicies),
      AttachedManagedPolicies: attached(g.attachedPolicies),
    })),
    RoleDetailList: s.roles.map((r) => roleDetail(s, r)),
    Policies: s.policies.map(policyDetail),
  };
  const organization = s.organization && {
    ...opt('id', s.organization.id),
    ...opt('managementAccountId', s.organization.managementAccountId),
    path: s.organization.path.map((l) => {
      const policies = (list: typeof l.scps) =>
        list.map((p) => ({
          name: p.name,
          ...opt('id', p.id),
          ...opt('arn', p.arn),
          document: documentOf(p.policy),
        }));
      return { id: l.id, ...opt('name', l.name), scps: policies(l.scps), rcps: policies(l.rcps) };
    }),
  };
  return {
    ...s.extra,
    format: BUNDLE_FORMAT,
    account: { id: s.account.id, ...opt('alias', s.account.alias), partition: s.account.partition },
    ...opt('collectedAt', s.collectedAt),
    source: {
      kind: s.source.kind === 'authorization-details' ? 'file' : s.source.kind,
      ...opt('tool', s.source.tool),
    },
    authorizationDetails,
    resourcePolicies: s.resourcePolicies.map((r) => ({
      ...r.extra,
      resource: r.resource,
      ...opt('account', r.account),
      policy: documentOf(r.policy),
    })),
    ...opt('organization', organization),
    identityProviders: {
      saml: s.identityProviders.saml.map((p) => ({ ...p.extra, arn: p.arn, ...opt('metadata', p.metadata) })),
      oidc: s.identityProviders.oidc.map((p) => ({
        ...p.extra,
        arn: p.arn,
        ...opt('url', p.url),
        clientIds: [...p.clientIds],
        thumbprints: [...p.thumbprints],
      })),
    },
    ...opt('credentialReport', s.credentialReport),
    ...opt('passwordPolicy', s.passwordPolicy),
    ...opt('accountSummary', s.accountSummary),
    accountAliases: [...s.accountAliases],
    warnings: [...s.collectionWarnings],
  };
}
