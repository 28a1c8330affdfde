// Effective access gained and lost per principal, by service and access level, from core/access's
// compiled policies (what-can's action sets). Only principals whose policies may have changed are
// evaluated. Imports only core/.
import { allowedActions as allowedActionsOf, compileAccess, type CompiledAccess } from '../../access/index';
import type { ActionSet } from '../../catalog/action-set';
import type { AccessGroup, Change } from '../../model/diff';
import type { AccessLevelName } from '../../model/access';
import type { Group, Role, Snapshot, User } from '../../model/snapshot';
import type { IdentityMatch } from './structure';
import { compareStrings } from './statements';

/** Compiled access of both snapshots, when the caller has them already. */
export interface CompiledPair {
  readonly old: CompiledAccess;
  readonly new: CompiledAccess;
}

type Principal = User | Role;

/** Managed policy ARNs whose default document differs between the snapshots, or that exist in one only. */
function changedManagedPolicies(a: Snapshot, b: Snapshot): Set<string> {
  const out = new Set<string>();
  const newByArn = new Map(b.policies.map((p) => [p.arn, p]));
  for (const p of a.policies) {
    const n = newByArn.get(p.arn);
    if (!n || n.defaultDocument.text !== p.defaultDocument.text) out.add(p.arn);
  }
  const oldArns = new Set(a.policies.map((p) => p.arn));
  for (const p of b.policies) if (!oldArns.has(p.arn)) out.add(p.arn);
  return out;
}

/**
 * What a principal's identity-based access is made of in one snapshot: its policies, its groups'
 * policies and its boundary, as text. Equal signatures and unchanged managed documents mean equal
 * access (the organisation's SCPs are compared on their own).
 */
function signatureOf(s: Snapshot, e: Principal, managedSeen: (arn: string) => void, groupCache: Map<string, string>): string {
  const own = (x: User | Group | Role): string => {
    const attached = x.attachedPolicies.map((p) => p.arn).sort(compareStrings);
    for (const arn of attached) managedSeen(arn);
    const inline = x.inlinePolicies.map((p) => [p.name, p.policy.text]).sort((m, n) => compareStrings(m[0]!, n[0]!));
    return JSON.stringify([attached, inline]);
  };
  const parts: string[] = [own(e)];
  if (e.permissionsBoundary) {
    managedSeen(e.permissionsBoundary.arn);
    parts.push(`boundary:${e.permissionsBoundary.arn}`);
  }
  if (e.kind === 'user') {
    for (const g of [...(s.groupsOfUser.get(e.arn) ?? [])].sort(compareStrings)) {
      const group = s.byArn.get(g);
      let sig = groupCache.get(g);
      if (sig === undefined) {
        sig = group?.kind === 'group' ? own(group) : '';
        groupCache.set(g, sig);
      } else if (group?.kind === 'group') {
        for (const p of group.attachedPolicies) managedSeen(p.arn);
      }
      parts.push(`group:${g}:${sig}`);
    }
  }
  return parts.join('\n');
}

function organizationText(s: Snapshot): string {
  const o = s.organization;
  if (!o) return '';
  return JSON.stringify([o.managementAccountId ?? null, o.path.map((l) => [l.id, l.scps.map((p) => p.policy.text), l.rcps.map((p) => p.policy.text)])]);
}

/** A snapshot restricted to some users and roles: the same indexes, fewer principals to compile. */
function restricted(s: Snapshot, arns: ReadonlySet<string>): Snapshot {
  return { ...s, users: s.users.filter((u) => arns.has(u.arn)), roles: s.roles.filter((r) => arns.has(r.arn)) };
}

/** The actions `arn` may perform on some resource (core/access's `allowedActions`), or undefined for an unknown ARN. */
export function allowedActions(c: CompiledAccess, arn: string): ActionSet | undefined {
  const p = c.byArn.get(arn);
  return p ? allowedActionsOf(c, p) : undefined;
}

const LEVEL_ORDER: readonly AccessLevelName[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

function groupActions(c: CompiledAccess, ids: ActionSet): AccessGroup[] {
  const groups = new Map<string, { service: string; level: AccessLevelName; actions: string[] }>();
  for (const id of ids) {
    const service = c.catalog.serviceOf(id);
    const level = c.catalog.accessLevel(id);
    const key = `${service}|${level}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { service, level, actions: [] }));
    g.actions.push(c.catalog.actionName(id));
  }
  return [...groups.values()]
    .map((g) => ({ ...g, actions: g.actions.sort(compareStrings) }))
    .sort((x, y) => compareStrings(x.service, y.service) || LEVEL_ORDER.indexOf(x.level) - LEVEL_ORDER.indexOf(y.level));
}

/** The outcome of the access comparison. */
export interface AccessComparison {
  readonly changes: Change[];
  /** Number of actions of added principals (in the new snapshot) and removed ones (in the old). */
  readonly addedCounts: ReadonlyMap<string, number>;
  readonly removedCounts: ReadonlyMap<string, number>;
  /** How many principal evaluations ran (both snapshots). */
  readonly evaluated: number;
}

/**
 * Compares the effective access of every user and role. A principal present in both snapshots is
 * evaluated only when its own, its groups' or its boundary's policies changed, or the SCPs did.
 */
export function compareAccess(a: Snapshot, b: Snapshot, match: IdentityMatch, compiled?: CompiledPair): AccessComparison {
  const changedManaged = changedManagedPolicies(a, b);
  const orgChanged = organizationText(a) !== organizationText(b);
  const groupCacheA = new Map<string, string>();
  const groupCacheB = new Map<string, string>();
  const affected: [Principal, Principal][] = [];
  for (const [o, n] of match.kept) {
    if (o.kind === 'group' || n.kind === 'group') continue;
    let touchesChanged = false;
    const seen = (arn: string): void => {
      if (changedManaged.has(arn)) touchesChanged = true;
    };
    const sa = signatureOf(a, o, seen, groupCacheA);
    const sb = signatureOf(b, n, seen, groupCacheB);
    if (orgChanged || touchesChanged || sa !== sb) affected.push([o, n]);
  }
  const addedPrincipals = match.added.filter((e): e is Principal => e.kind !== 'group');
  const removedPrincipals = match.removed.filter((e): e is Principal => e.kind !== 'group');

  let ca: CompiledAccess;
  let cb: CompiledAccess;
  if (compiled) {
    ca = compiled.old;
    cb = compiled.new;
  } else {
    const inOld = new Set([...affected.map(([o]) => o.arn), ...removedPrincipals.map((e) => e.arn)]);
    const inNew = new Set([...affected.map(([, n]) => n.arn), ...addedPrincipals.map((e) => e.arn)]);
    ca = compileAccess(restricted(a, inOld));
    cb = compileAccess(restricted(b, inNew));
  }

  let evaluated = 0;
  const changes: Change[] = [];
  for (const [o, n] of affected) {
    const before = allowedActions(ca, o.arn);
    const after = allowedActions(cb, n.arn);
    evaluated += 2;
    if (!before || !after) continue;
    const gained = after.subtract(before);
    const lost = before.subtract(after);
    if (gained.isEmpty() && lost.isEmpty()) continue;
    changes.push({
      kind: 'access-changed',
      section: 'access',
      principal: n.arn,
      principalKind: n.kind,
      oldActionCount: before.count(),
      newActionCount: after.count(),
      gained: groupActions(cb, gained),
      lost: groupActions(ca, lost),
    });
  }
  const count = (c: CompiledAccess, list: readonly Principal[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const e of list) {
      const set = allowedActions(c, e.arn);
      evaluated++;
      if (set) out.set(e.arn, set.count());
    }
    return out;
  };
  const addedCounts = count(cb, addedPrincipals);
  const removedCounts = count(ca, removedPrincipals);
  return { changes, addedCounts, removedCounts, evaluated };
}
