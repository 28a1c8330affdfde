// Assembles the Snapshot from the entities read: removes duplicates, builds the indexes and the
// relationships, warns about what the snapshot references but lacks, then freezes it.
// Imports only core/.
import type {
  ExtraFields,
  Group,
  IdentityProviders,
  InstanceProfile,
  ManagedPolicy,
  Organization,
  PolicyUsage,
  ResourcePolicy,
  Role,
  Snapshot,
  SnapshotEntity,
  User,
} from '../model/snapshot';
import type { RoleInstanceProfile } from './entities';
import type { Diagnostics } from './read';

/** The optional parts of a bundle, as read. */
export interface BundleParts {
  accountId?: string;
  alias?: string;
  partition?: string;
  collectedAt?: string;
  sourceKind?: string;
  tool?: string;
  resourcePolicies: ResourcePolicy[];
  organization?: Organization;
  identityProviders: IdentityProviders;
  credentialReport?: string;
  passwordPolicy?: ExtraFields;
  accountSummary?: ExtraFields;
  accountAliases: string[];
  warnings: string[];
}

/** Where an entity was read: input name and JSON path (for warnings). */
export interface Location {
  readonly input: string;
  readonly path: string;
}

/** Everything read from the inputs, before assembly. */
export interface Collected {
  users: User[];
  groups: Group[];
  roles: Role[];
  policies: ManagedPolicy[];
  instanceProfiles: RoleInstanceProfile[];
  paths: Map<object, Location>;
  extra: ExtraFields[];
  bundle: BundleParts | undefined;
}

/**
 * Freezes the snapshot, its lists, each entity and the entity's own lists and records. Policy
 * documents and unknown fields are left as they are (readonly by type): freezing every node of
 * a large account costs more than a tenth of the import.
 */
function freezeSnapshot(s: Snapshot): void {
  const freezeEntity = (e: object): void => {
    for (const v of Object.values(e)) {
      if (typeof v === 'object' && v !== null) {
        if (Array.isArray(v))
          for (const item of v) if (typeof item === 'object' && item !== null) Object.freeze(item);
        Object.freeze(v);
      }
    }
    Object.freeze(e);
  };
  for (const list of [s.users, s.groups, s.roles, s.policies, s.instanceProfiles, s.resourcePolicies]) {
    for (const e of list) freezeEntity(e);
    Object.freeze(list);
  }
  for (const p of [...s.identityProviders.saml, ...s.identityProviders.oidc]) freezeEntity(p);
  Object.freeze(s.identityProviders.saml);
  Object.freeze(s.identityProviders.oidc);
  Object.freeze(s.identityProviders);
  for (const v of [s.account, s.source, s.accountAliases, s.collectionWarnings, s.extra]) Object.freeze(v);
  Object.freeze(s);
}

/** Account id and partition of an ARN (`arn:partition:service:region:account:resource`). */
function arnParts(arn: string): { partition: string; account: string } | undefined {
  const parts = arn.split(':', 6);
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1]!, account: parts[4]! };
}

/** The most frequent value, or undefined for none. */
function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [k, n] of counts) {
    if (n > bestCount) {
      best = k;
      bestCount = n;
    }
  }
  return best;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the immutable snapshot; warnings go to `d`. */
export function buildSnapshot(c: Collected, inputs: readonly string[], d: Diagnostics): Snapshot {
  const byArn = new Map<string, SnapshotEntity>();
  const byId = new Map<string, SnapshotEntity>();
  const where = (e: object): Location => c.paths.get(e) ?? { input: inputs[0] ?? '', path: '' };
  const warn = (id: string, at: Location, message: string): void => {
    d.input = at.input;
    d.warning(id, at.path, message);
  };
  const located = (loc: Location): string =>
    loc.input && inputs.length > 1 ? `${loc.input}: ${loc.path}` : loc.path;

  // Duplicates: the same ARN twice (overlapping pages, a file given twice) keeps the first.
  const unique = <T extends SnapshotEntity>(list: readonly T[], kind: string): T[] => {
    const out: T[] = [];
    for (const e of list) {
      const first = byArn.get(e.arn);
      if (first) {
        warn(
          'snapshot.entity.duplicate',
          where(e),
          `duplicate ${kind} \`${e.arn}\` (first at \`${located(where(first))}\`); the first one is kept`,
        );
        continue;
      }
      byArn.set(e.arn, e);
      out.push(e);
    }
    return out;
  };
  const users = unique(c.users, 'user');
  const groups = unique(c.groups, 'group');
  const roles = unique(c.roles, 'role');
  const policies = unique(c.policies, 'managed policy');

  // One instance profile is listed under each role it holds: merge those, keep the first's fields.
  const profiles = new Map<string, { profile: RoleInstanceProfile; roleArns: string[] }>();
  for (const p of c.instanceProfiles) {
    const seen = profiles.get(p.arn);
    if (seen) {
      for (const r of p.roleArns) if (!seen.roleArns.includes(r)) seen.roleArns.push(r);
    } else if (byArn.has(p.arn)) {
      warn(
        'snapshot.entity.duplicate',
        where(p),
        `instance profile \`${p.arn}\` has the ARN of another entity; it is left out`,
      );
    } else {
      profiles.set(p.arn, { profile: p, roleArns: [...p.roleArns] });
    }
  }
  const instanceProfiles: InstanceProfile[] = [];
  for (const { profile, roleArns } of profiles.values()) {
    const ip: InstanceProfile = { ...profile, roleArns };
    c.paths.set(ip, where(profile));
    instanceProfiles.push(ip);
    byArn.set(ip.arn, ip);
  }

  // Unique ids are unique in a real account; placeholders in examples are not. Warn once per id.
  const sharedIds = new Map<string, { at: Location; others: number }>();
  for (const e of [...users, ...groups, ...roles, ...policies, ...instanceProfiles]) {
    if (!byId.has(e.id)) {
      byId.set(e.id, e);
      continue;
    }
    const shared = sharedIds.get(e.id);
    if (shared) shared.others++;
    else sharedIds.set(e.id, { at: where(e), others: 1 });
  }
  for (const [id, shared] of sharedIds) {
    const others = shared.others === 1 ? '1 other entity' : `${shared.others} other entities`;
    warn(
      'snapshot.id.duplicate',
      shared.at,
      `unique id \`${id}\` of \`${byId.get(id)!.arn}\` is shared by ${others}; lookups by id find the first`,
    );
  }

  const usersByName = new Map(users.map((u) => [u.name, u]));
  const groupsByName = new Map(groups.map((g) => [g.name, g]));
  const rolesByName = new Map(roles.map((r) => [r.name, r]));
  const instanceProfilesByName = new Map(instanceProfiles.map((p) => [p.name, p]));
  const policiesByName = new Map<string, ManagedPolicy[]>();
  for (const p of policies) push(policiesByName, p.name, p);

  // User → groups, group → members; a group named on a user but absent is a warning, once per group.
  const groupsOfUser = new Map<string, string[]>();
  const membersOfGroup = new Map<string, string[]>(groups.map((g) => [g.arn, []]));
  const missingGroups = new Map<string, { at: Location; users: number }>();
  for (const u of users) {
    const arns: string[] = [];
    for (const name of u.groupNames) {
      const g = groupsByName.get(name);
      if (g) {
        if (!arns.includes(g.arn)) {
          arns.push(g.arn);
          membersOfGroup.get(g.arn)!.push(u.arn);
        }
        continue;
      }
      const m = missingGroups.get(name);
      if (m) m.users++;
      else missingGroups.set(name, { at: { ...where(u), path: `${where(u).path}.GroupList` }, users: 1 });
    }
    groupsOfUser.set(u.arn, arns);
  }
  for (const [name, m] of missingGroups) {
    const who = m.users === 1 ? 'a user' : `${m.users} users`;
    warn(
      'snapshot.group.missing',
      m.at,
      `group \`${name}\` is named by ${who} but absent from the snapshot: its policies are unknown`,
    );
  }

  // Policy → what it is attached to and whom it bounds; referenced but absent is a warning.
  const usage = new Map<string, { attachedTo: string[]; boundaryOf: string[] }>();
  const use = (arn: string): { attachedTo: string[]; boundaryOf: string[] } => {
    let u = usage.get(arn);
    if (!u) usage.set(arn, (u = { attachedTo: [], boundaryOf: [] }));
    return u;
  };
  for (const p of policies) use(p.arn);
  const missing = new Map<string, { at: Location; attached: number; boundary: number }>();
  const note = (arn: string, at: Location, how: 'attached' | 'boundary'): void => {
    if (byArn.get(arn)?.kind === 'policy') return;
    let m = missing.get(arn);
    if (!m) missing.set(arn, (m = { at, attached: 0, boundary: 0 }));
    m[how]++;
  };
  for (const e of [...users, ...groups, ...roles]) {
    const seen = new Set<string>();
    for (const a of e.attachedPolicies) {
      if (seen.has(a.arn)) continue;
      seen.add(a.arn);
      use(a.arn).attachedTo.push(e.arn);
      note(a.arn, { ...where(e), path: `${where(e).path}.AttachedManagedPolicies` }, 'attached');
    }
    if (e.kind !== 'group' && e.permissionsBoundary) {
      use(e.permissionsBoundary.arn).boundaryOf.push(e.arn);
      note(
        e.permissionsBoundary.arn,
        { ...where(e), path: `${where(e).path}.PermissionsBoundary` },
        'boundary',
      );
    }
  }
  for (const [arn, m] of missing) {
    if (m.attached > 0) {
      const who = m.attached === 1 ? 'an identity' : `${m.attached} identities`;
      warn(
        'snapshot.policy.missing',
        m.at,
        `managed policy \`${arn}\` is attached to ${who} but its document is absent: its permissions are unknown`,
      );
    } else {
      const who = m.boundary === 1 ? 'an identity' : `${m.boundary} identities`;
      warn(
        'snapshot.boundary.missing',
        m.at,
        `managed policy \`${arn}\` is the permissions boundary of ${who} but its document is absent: the boundary cannot be evaluated`,
      );
    }
  }
  const policyUsage = new Map<string, PolicyUsage>(usage);

  const instanceProfilesOfRole = new Map<string, string[]>();
  for (const p of instanceProfiles) for (const r of p.roleArns) push(instanceProfilesOfRole, r, p.arn);

  // Account id and partition: the bundle's, else the most frequent in the identities' ARNs.
  const accounts = new Map<string, number>();
  const partitions = new Map<string, number>();
  for (const e of [...users, ...groups, ...roles, ...policies, ...instanceProfiles]) {
    const parts = arnParts(e.arn);
    if (!parts) continue;
    partitions.set(parts.partition, (partitions.get(parts.partition) ?? 0) + 1);
    if (parts.account !== 'aws' && parts.account !== '')
      accounts.set(parts.account, (accounts.get(parts.account) ?? 0) + 1);
  }
  const b = c.bundle;
  const accountId = b?.accountId ?? mostFrequent(accounts) ?? '';
  const partition = b?.partition ?? mostFrequent(partitions) ?? 'aws';
  d.input = inputs[0];
  if (accountId === '')
    d.warning('snapshot.account.unknown', '', 'no ARN names the account: its id is unknown');
  const others = [...accounts.keys()].filter((a) => a !== accountId);
  if (others.length > 0) {
    d.warning(
      'snapshot.account.mixed',
      '',
      `ARNs name other accounts than \`${accountId}\`: ${others
        .slice(0, 5)
        .map((a) => `\`${a}\``)
        .join(', ')}`,
    );
  }
  const alias = b?.alias ?? b?.accountAliases[0];

  const extra = Object.fromEntries(c.extra.flatMap((e) => Object.entries(e)));
  const snapshot: Snapshot = {
    account: { id: accountId, ...(alias === undefined ? {} : { alias }), partition },
    ...(b?.collectedAt === undefined ? {} : { collectedAt: b.collectedAt }),
    source: {
      kind: b ? (b.sourceKind ?? 'file') : 'authorization-details',
      ...(b?.tool === undefined ? {} : { tool: b.tool }),
      inputs: [...inputs],
    },
    users,
    groups,
    roles,
    policies,
    instanceProfiles,
    resourcePolicies: b?.resourcePolicies ?? [],
    ...(b?.organization === undefined ? {} : { organization: b.organization }),
    identityProviders: b?.identityProviders ?? { saml: [], oidc: [] },
    ...(b?.credentialReport === undefined ? {} : { credentialReport: b.credentialReport }),
    ...(b?.passwordPolicy === undefined ? {} : { passwordPolicy: b.passwordPolicy }),
    ...(b?.accountSummary === undefined ? {} : { accountSummary: b.accountSummary }),
    accountAliases: b?.accountAliases ?? [],
    collectionWarnings: b?.warnings ?? [],
    extra,
    byArn,
    byId,
    usersByName,
    groupsByName,
    rolesByName,
    policiesByName,
    instanceProfilesByName,
    groupsOfUser,
    membersOfGroup,
    policyUsage,
    instanceProfilesOfRole,
  };
  freezeSnapshot(snapshot);
  return snapshot;
}
