// Structural changes between two snapshots: principals, managed, inline, organisation and resource
// policies, attachments, memberships, trust policies, permissions boundaries and tags. Imports only core/model and the
// statement diff beside it.
import type { Change, IdentityKind, PolicyRef } from '../../model/diff';
import type { Group, ManagedPolicy, Role, Snapshot, StoredPolicy, Tag, User } from '../../model/snapshot';
import { compareStrings, diffDocuments, flattenPrincipal, isEmptyDocumentDiff, sortedUnique } from './statements';
import type { PolicyDocument } from '../../model/policy';

type Identity = User | Group | Role;

/** ARN → identity, for one kind. */
function byArn<T extends { arn: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((e) => [e.arn, e]));
}

/** The ARNs of users, groups and roles present in both snapshots with the same unique id. */
export interface IdentityMatch {
  /** Identities in both snapshots (same ARN), recreated or not: [old, new]. */
  readonly kept: readonly (readonly [Identity, Identity])[];
  readonly added: readonly Identity[];
  readonly removed: readonly Identity[];
}

/** Matches users, groups and roles by ARN. */
export function matchIdentities(a: Snapshot, b: Snapshot): IdentityMatch {
  const kept: [Identity, Identity][] = [];
  const added: Identity[] = [];
  const removed: Identity[] = [];
  const pairs: [readonly Identity[], readonly Identity[]][] = [
    [a.users, b.users],
    [a.groups, b.groups],
    [a.roles, b.roles],
  ];
  for (const [olds, news] of pairs) {
    const oldByArn = byArn(olds);
    const newByArn = byArn(news);
    for (const o of olds) {
      const n = newByArn.get(o.arn);
      if (n) kept.push([o, n]);
      else removed.push(o);
    }
    for (const n of news) if (!oldByArn.has(n.arn)) added.push(n);
  }
  return { kept, added, removed };
}

function groupArnsOf(s: Snapshot, e: Identity): string[] {
  return e.kind === 'user' ? [...(s.groupsOfUser.get(e.arn) ?? [])] : [];
}

function presence(kind: 'principal-added' | 'principal-removed', s: Snapshot, e: Identity): Change {
  return {
    kind,
    section: 'principals',
    principalKind: e.kind,
    arn: e.arn,
    id: e.id,
    groups: sortedUnique(groupArnsOf(s, e)),
    attachedPolicies: sortedUnique(e.attachedPolicies.map((p) => p.arn)),
    inlinePolicies: sortedUnique(e.inlinePolicies.map((p) => p.name)),
  };
}

function tagsChange(arn: string, a: readonly Tag[], b: readonly Tag[]): Change | undefined {
  const oldMap = new Map(a.map((t) => [t.key, t.value]));
  const newMap = new Map(b.map((t) => [t.key, t.value]));
  const added: Tag[] = [];
  const removed: Tag[] = [];
  const changed: { key: string; old: string; new: string }[] = [];
  for (const [key, value] of newMap) {
    const old = oldMap.get(key);
    if (old === undefined) added.push({ key, value });
    else if (old !== value) changed.push({ key, old, new: value });
  }
  for (const [key, value] of oldMap) if (!newMap.has(key)) removed.push({ key, value });
  if (added.length === 0 && removed.length === 0 && changed.length === 0) return undefined;
  const byKey = (x: { key: string }, y: { key: string }): number => compareStrings(x.key, y.key);
  return { kind: 'tags-changed', section: 'tags', arn, added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey) };
}

function statementCount(d: PolicyDocument | undefined): number {
  return d?.Statement.length ?? 0;
}

/** Allow statements' principals of a trust policy. */
function trustPrincipals(d: PolicyDocument | undefined): string[] {
  if (!d) return [];
  return sortedUnique(d.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => flattenPrincipal(s.Principal)));
}

const EMPTY_DOC: PolicyDocument = { Statement: [] };

/** Changes of one identity present in both snapshots. */
function identityChanges(a: Snapshot, b: Snapshot, o: Identity, n: Identity, out: Change[]): void {
  // "IAM identifiers", Unique identifiers: a user, group or role deleted and created again with
  // the same name gets a new unique id, and policies naming the old id no longer apply to it
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
  if (o.id !== n.id) {
    out.push({ kind: 'principal-recreated', section: 'principals', principalKind: n.kind, arn: n.arn, oldId: o.id, newId: n.id });
  }
  const holderKind: IdentityKind = n.kind;
  // Inline policies, by name.
  const oldInline = new Map(o.inlinePolicies.map((p) => [p.name, p]));
  const newInline = new Map(n.inlinePolicies.map((p) => [p.name, p]));
  for (const [name, p] of oldInline) {
    if (!newInline.has(name)) {
      out.push({ kind: 'inline-policy-removed', section: 'policies', policy: { kind: 'inline', holder: n.arn, holderKind, name }, statementCount: statementCount(p.policy.document) });
    }
  }
  for (const [name, p] of newInline) {
    const old = oldInline.get(name);
    if (!old) {
      out.push({ kind: 'inline-policy-added', section: 'policies', policy: { kind: 'inline', holder: n.arn, holderKind, name }, statementCount: statementCount(p.policy.document) });
    } else if (old.policy.text !== p.policy.text) {
      const diff = diffDocuments(old.policy.document, p.policy.document);
      if (!isEmptyDocumentDiff(diff)) {
        out.push({ kind: 'policy-document-changed', section: 'policies', policy: { kind: 'inline', holder: n.arn, holderKind, name }, diff });
      }
    }
  }
  // Attachments, by policy ARN.
  const oldAttached = new Map(o.attachedPolicies.map((p) => [p.arn, p]));
  const newAttached = new Map(n.attachedPolicies.map((p) => [p.arn, p]));
  for (const [arn, p] of newAttached) {
    if (!oldAttached.has(arn)) out.push({ kind: 'policy-attached', section: 'attachments', principal: n.arn, principalKind: holderKind, policyArn: arn, policyName: p.name });
  }
  for (const [arn, p] of oldAttached) {
    if (!newAttached.has(arn)) out.push({ kind: 'policy-detached', section: 'attachments', principal: n.arn, principalKind: holderKind, policyArn: arn, policyName: p.name });
  }
  if (o.kind === 'group' || n.kind === 'group') return;
  // Memberships (users): group ARNs as the snapshot relates them.
  if (n.kind === 'user') {
    const oldGroups = new Set(groupArnsOf(a, o));
    const newGroups = new Set(groupArnsOf(b, n));
    for (const g of newGroups) if (!oldGroups.has(g)) out.push({ kind: 'membership-added', section: 'memberships', user: n.arn, group: g });
    for (const g of oldGroups) if (!newGroups.has(g)) out.push({ kind: 'membership-removed', section: 'memberships', user: n.arn, group: g });
  }
  // Permissions boundary.
  const ob = o.permissionsBoundary?.arn;
  const nb = n.permissionsBoundary?.arn;
  if (ob === undefined && nb !== undefined) out.push({ kind: 'boundary-set', section: 'boundaries', principal: n.arn, new: nb });
  else if (ob !== undefined && nb === undefined) out.push({ kind: 'boundary-removed', section: 'boundaries', principal: n.arn, old: ob });
  else if (ob !== undefined && nb !== undefined && ob !== nb) out.push({ kind: 'boundary-changed', section: 'boundaries', principal: n.arn, old: ob, new: nb });
  const tags = tagsChange(n.arn, o.tags, n.tags);
  if (tags) out.push(tags);
  // Trust policy (roles).
  if (o.kind === 'role' && n.kind === 'role') {
    const ot = o.trustPolicy;
    const nt = n.trustPolicy;
    if (ot?.text !== nt?.text) {
      const diff = diffDocuments(ot?.document ?? EMPTY_DOC, nt?.document ?? EMPTY_DOC);
      if (!isEmptyDocumentDiff(diff)) {
        const before = trustPrincipals(ot?.document);
        const after = trustPrincipals(nt?.document);
        const beforeSet = new Set(before);
        const afterSet = new Set(after);
        out.push({
          kind: 'trust-policy-changed',
          section: 'trust',
          role: n.arn,
          principalsAdded: after.filter((p) => !beforeSet.has(p)),
          principalsRemoved: before.filter((p) => !afterSet.has(p)),
          diff,
        });
      }
    }
  }
}

/** Changes of managed policies: added, removed, recreated, default version and document. */
function policyChanges(a: Snapshot, b: Snapshot, out: Change[]): void {
  const oldByArn = byArn<ManagedPolicy>(a.policies);
  const newByArn = byArn<ManagedPolicy>(b.policies);
  for (const p of a.policies) {
    if (!newByArn.has(p.arn)) {
      out.push({ kind: 'policy-removed', section: 'policies', arn: p.arn, name: p.name, awsManaged: p.awsManaged, statementCount: statementCount(p.defaultDocument.document) });
    }
  }
  for (const n of b.policies) {
    const o = oldByArn.get(n.arn);
    if (!o) {
      out.push({ kind: 'policy-added', section: 'policies', arn: n.arn, name: n.name, awsManaged: n.awsManaged, statementCount: statementCount(n.defaultDocument.document) });
      continue;
    }
    if (o.id !== n.id) out.push({ kind: 'policy-recreated', section: 'policies', arn: n.arn, oldId: o.id, newId: n.id });
    // "Versioning IAM policies": only the default version applies; switching it changes permissions
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
    if (o.defaultVersionId !== n.defaultVersionId) {
      out.push({
        kind: 'default-version-changed',
        section: 'policies',
        arn: n.arn,
        name: n.name,
        ...(o.defaultVersionId === undefined ? {} : { oldVersionId: o.defaultVersionId }),
        ...(n.defaultVersionId === undefined ? {} : { newVersionId: n.defaultVersionId }),
      });
    }
    if (o.defaultDocument.text !== n.defaultDocument.text) {
      const diff = diffDocuments(o.defaultDocument.document, n.defaultDocument.document);
      if (!isEmptyDocumentDiff(diff)) {
        out.push({ kind: 'policy-document-changed', section: 'policies', policy: { kind: 'managed', arn: n.arn, name: n.name }, diff });
      }
    }
  }
}

/** SCPs and RCPs by level and name, resource policies by resource: added, removed and changed. */
function governingPolicyChanges(a: Snapshot, b: Snapshot, out: Change[]): void {
  type OrgRef = PolicyRef & { kind: 'scp' | 'rcp' };
  const orgPolicies = (s: Snapshot): Map<string, { ref: OrgRef; policy: StoredPolicy }> => {
    const m = new Map<string, { ref: OrgRef; policy: StoredPolicy }>();
    for (const level of s.organization?.path ?? []) {
      for (const kind of ['scp', 'rcp'] as const) {
        for (const p of kind === 'scp' ? level.scps : level.rcps) {
          const ref: OrgRef = { kind, level: level.id, name: p.name };
          const key = JSON.stringify([kind, level.id, p.name]);
          if (!m.has(key)) m.set(key, { ref, policy: p.policy });
        }
      }
    }
    return m;
  };
  const resourcePolicies = (s: Snapshot): Map<string, StoredPolicy> => {
    const m = new Map<string, StoredPolicy>();
    for (const r of s.resourcePolicies) if (!m.has(r.resource)) m.set(r.resource, r.policy);
    return m;
  };
  const oldOrg = orgPolicies(a);
  const newOrg = orgPolicies(b);
  for (const [key, o] of oldOrg) {
    if (!newOrg.has(key)) out.push({ kind: 'organization-policy-removed', section: 'policies', policy: o.ref, statementCount: statementCount(o.policy.document) });
  }
  for (const [key, n] of newOrg) {
    const o = oldOrg.get(key);
    if (!o) out.push({ kind: 'organization-policy-added', section: 'policies', policy: n.ref, statementCount: statementCount(n.policy.document) });
    else documentChange(n.ref, o.policy, n.policy, out);
  }
  const oldRes = resourcePolicies(a);
  const newRes = resourcePolicies(b);
  for (const [resource, p] of oldRes) {
    if (!newRes.has(resource)) out.push({ kind: 'resource-policy-removed', section: 'policies', policy: { kind: 'resource', resource }, statementCount: statementCount(p.document) });
  }
  for (const [resource, p] of newRes) {
    const o = oldRes.get(resource);
    if (!o) out.push({ kind: 'resource-policy-added', section: 'policies', policy: { kind: 'resource', resource }, statementCount: statementCount(p.document) });
    else documentChange({ kind: 'resource', resource }, o, p, out);
  }
}

/** A `policy-document-changed` when the two stored documents differ statement-wise. */
function documentChange(policy: PolicyRef, o: StoredPolicy, n: StoredPolicy, out: Change[]): void {
  if (o.text === n.text) return;
  const diff = diffDocuments(o.document, n.document);
  if (!isEmptyDocumentDiff(diff)) out.push({ kind: 'policy-document-changed', section: 'policies', policy, diff });
}

/** Every structural change between `a` (old) and `b` (new), unordered. */
export function structuralChanges(a: Snapshot, b: Snapshot, match: IdentityMatch = matchIdentities(a, b)): Change[] {
  const out: Change[] = [];
  for (const e of match.added) out.push(presence('principal-added', b, e));
  for (const e of match.removed) out.push(presence('principal-removed', a, e));
  for (const [o, n] of match.kept) identityChanges(a, b, o, n, out);
  policyChanges(a, b, out);
  governingPolicyChanges(a, b, out);
  return out;
}
