// Turns a core Snapshot into the plain data the views show (metadata, rows, details).
// Runs in the engine worker; imports core through core/index.ts only.
import type { ManagedPolicy, Snapshot, StoredPolicy } from '../../core/index';
import type { EntityLink, OpenedSnapshot, PolicyDetail, PolicyRef, PrincipalDetail, PrincipalRow, SnapshotMeta } from './types';

/** Indents a stored policy's text for display (kept as given when it is not JSON). */
export function prettyPolicy(policy: StoredPolicy | undefined): string {
  if (!policy) return '';
  try {
    return JSON.stringify(JSON.parse(policy.text), null, 2);
  } catch {
    return policy.text;
  }
}

/** The metadata the library keeps for `snapshot`, with import warnings as lines. */
export function snapshotMeta(snapshot: Snapshot, warnings: readonly string[]): SnapshotMeta {
  const inline = [...snapshot.users, ...snapshot.groups, ...snapshot.roles].reduce((n, e) => n + e.inlinePolicies.length, 0);
  const aws = snapshot.policies.filter((p) => p.awsManaged).length;
  const source: SnapshotMeta['source'] = { kind: snapshot.source.kind };
  if (snapshot.source.tool !== undefined) source.tool = snapshot.source.tool;
  if (snapshot.source.inputs) source.inputs = [...snapshot.source.inputs];
  const meta: SnapshotMeta = {
    account: snapshot.account.id,
    partition: snapshot.account.partition,
    source,
    counts: {
      users: snapshot.users.length,
      groups: snapshot.groups.length,
      roles: snapshot.roles.length,
      policies: snapshot.policies.length,
      customerPolicies: snapshot.policies.length - aws,
      awsManagedPolicies: aws,
      inlinePolicies: inline,
      instanceProfiles: snapshot.instanceProfiles.length,
      resourcePolicies: snapshot.resourcePolicies.length,
    },
    warnings: [...snapshot.collectionWarnings, ...warnings].slice(0, 500),
  };
  const alias = snapshot.account.alias ?? snapshot.accountAliases[0];
  if (alias !== undefined) meta.alias = alias;
  if (snapshot.collectedAt !== undefined) meta.collectedAt = snapshot.collectedAt;
  return meta;
}

/** The principals table's rows: users, groups and roles. */
export function principalRows(snapshot: Snapshot): PrincipalRow[] {
  const rows: PrincipalRow[] = [];
  const add = (row: PrincipalRow, createDate: string | undefined): void => {
    if (createDate !== undefined) row.createDate = createDate;
    rows.push(row);
  };
  for (const u of snapshot.users) {
    add({ arn: u.arn, name: u.name, kind: 'user', path: u.path, groups: u.groupNames.length, policies: u.attachedPolicies.length + u.inlinePolicies.length }, u.createDate);
  }
  for (const g of snapshot.groups) {
    add({ arn: g.arn, name: g.name, kind: 'group', path: g.path, groups: snapshot.membersOfGroup.get(g.arn)?.length ?? 0, policies: g.attachedPolicies.length + g.inlinePolicies.length }, g.createDate);
  }
  for (const r of snapshot.roles) {
    add({ arn: r.arn, name: r.name, kind: 'role', path: r.path, groups: 0, policies: r.attachedPolicies.length + r.inlinePolicies.length }, r.createDate);
  }
  return rows;
}

/** The opened view of a snapshot. */
export function openedSnapshot(snapshot: Snapshot, warnings: readonly string[]): OpenedSnapshot {
  return { meta: snapshotMeta(snapshot, warnings), principals: principalRows(snapshot) };
}

function link(snapshot: Snapshot, arn: string): EntityLink {
  const e = snapshot.byArn.get(arn);
  return { arn, name: e ? e.name : (arn.split('/').pop() ?? arn) };
}

function managedRef(snapshot: Snapshot, arn: string, name: string, via?: string): PolicyRef {
  const p = snapshot.byArn.get(arn);
  const policy = p && p.kind === 'policy' ? p : undefined;
  const ref: PolicyRef = { name, kind: 'managed', arn, awsManaged: policy?.awsManaged ?? arn.includes(':iam::aws:policy/'), text: policy ? prettyPolicy(policy.defaultDocument) : '' };
  if (via !== undefined) ref.via = via;
  return ref;
}

/** The Principal view's data for `arn`, or `undefined` when it is not a user, group or role. */
export function principalDetail(snapshot: Snapshot, arn: string): PrincipalDetail | undefined {
  const e = snapshot.byArn.get(arn);
  if (!e || (e.kind !== 'user' && e.kind !== 'group' && e.kind !== 'role')) return undefined;
  const detail: PrincipalDetail = {
    arn: e.arn,
    id: e.id,
    name: e.name,
    kind: e.kind,
    path: e.path,
    tags: e.kind === 'group' ? [] : e.tags.map((t) => ({ key: t.key, value: t.value })),
    groups: [],
    members: [],
    attached: e.attachedPolicies.map((a) => managedRef(snapshot, a.arn, a.name)),
    inline: e.inlinePolicies.map((i) => ({ name: i.name, kind: 'inline', text: prettyPolicy(i.policy) })),
    inherited: [],
    instanceProfiles: [],
  };
  if (e.createDate !== undefined) detail.createDate = e.createDate;
  if (e.kind === 'user') {
    const groupArns = snapshot.groupsOfUser.get(e.arn) ?? [];
    detail.groups = groupArns.map((g) => link(snapshot, g));
    for (const g of groupArns) {
      const group = snapshot.byArn.get(g);
      if (!group || group.kind !== 'group') continue;
      for (const a of group.attachedPolicies) detail.inherited.push(managedRef(snapshot, a.arn, a.name, group.name));
      for (const i of group.inlinePolicies) detail.inherited.push({ name: i.name, kind: 'inline', text: prettyPolicy(i.policy), via: group.name });
    }
    if (e.permissionsBoundary) detail.boundary = e.permissionsBoundary.arn;
  } else if (e.kind === 'group') {
    detail.members = (snapshot.membersOfGroup.get(e.arn) ?? []).map((u) => link(snapshot, u));
  } else {
    if (e.trustPolicy) detail.trustPolicy = { name: 'Trust policy', kind: 'trust', text: prettyPolicy(e.trustPolicy) };
    if (e.permissionsBoundary) detail.boundary = e.permissionsBoundary.arn;
    detail.instanceProfiles = [...e.instanceProfileArns];
    if (e.description !== undefined) detail.description = e.description;
    if (e.roleLastUsed?.lastUsedDate !== undefined) detail.lastUsed = e.roleLastUsed.lastUsedDate;
  }
  return detail;
}

/** The Policy view's data for managed policy `arn`. */
export function policyDetail(snapshot: Snapshot, arn: string): PolicyDetail | undefined {
  const e = snapshot.byArn.get(arn);
  if (!e || e.kind !== 'policy') return undefined;
  const p: ManagedPolicy = e;
  const usage = snapshot.policyUsage.get(arn);
  const detail: PolicyDetail = {
    arn: p.arn,
    name: p.name,
    path: p.path,
    awsManaged: p.awsManaged,
    versions: p.versions.map((v) => (v.createDate !== undefined ? { versionId: v.versionId, isDefault: v.isDefault, createDate: v.createDate } : { versionId: v.versionId, isDefault: v.isDefault })),
    text: prettyPolicy(p.defaultDocument),
    attachedTo: (usage?.attachedTo ?? []).map((a) => link(snapshot, a)),
    boundaryOf: (usage?.boundaryOf ?? []).map((a) => link(snapshot, a)),
  };
  if (p.description !== undefined) detail.description = p.description;
  if (p.defaultVersionId !== undefined) detail.defaultVersionId = p.defaultVersionId;
  return detail;
}
