// Gathers, from a snapshot, every policy that applies to one principal's request: identity policies
// (inline, attached managed default versions, and those of the user's groups), the permissions
// boundary, the organisation's SCP and RCP path, and the resource's policy (a role's trust policy
// for sts:AssumeRole*). Also the context keys the snapshot knows (principal tags, ids, org id).
// Imports only core/model and core/policy.
import type { ContextValue } from '../model/context';
import type { OrganizationLevel, PolicySet } from '../model/evaluate';
import type { PolicyDocument } from '../model/policy';
import type { AttachedPolicy, InlinePolicy, ManagedPolicy, Organization, Role, Snapshot, User } from '../model/snapshot';
import { parseArn } from '../policy/arn';

/** The policies and context of one request gathered from a snapshot. */
export type GatherResult =
  | {
      readonly kind: 'ok';
      readonly set: PolicySet;
      /** Context keys the snapshot gives (aws:PrincipalTag/…, aws:userid, aws:PrincipalOrgID…). */
      readonly context: { readonly [key: string]: ContextValue };
      /** The owner of the resource, when the snapshot or the ARN tells it. */
      readonly resourceAccount: string | undefined;
      /** What each policy id (`identity[0]`, `boundary[0]`, `scp[1][0]`…) is, for the explanation. */
      readonly sources: { readonly [policyId: string]: string };
      /** What could not be found (a missing managed policy, an unknown boundary…). */
      readonly notes: readonly string[];
    }
  | { readonly kind: 'error'; readonly message: string };

// Actions whose resource-based policy is the role's trust policy (AWS "Roles terms and concepts":
// the trust policy is the role's resource-based policy).
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

function managed(snapshot: Snapshot, arn: string): ManagedPolicy | undefined {
  const e = snapshot.byArn.get(arn);
  return e?.kind === 'policy' ? e : undefined;
}

/** The principal's own identity: a user or a role (for a role or one of its sessions). */
function findIdentity(snapshot: Snapshot, principalArn: string): { kind: 'user'; user: User } | { kind: 'role'; role: Role; session?: string } | { kind: 'root' } | undefined {
  const arn = parseArn(principalArn);
  if (arn === undefined) return undefined;
  if (arn.service === 'iam' && arn.resource === 'root') return { kind: 'root' };
  const entity = snapshot.byArn.get(principalArn);
  if (entity?.kind === 'user') return { kind: 'user', user: entity };
  if (entity?.kind === 'role') return { kind: 'role', role: entity };
  if (arn.service === 'sts' && arn.resource.startsWith('assumed-role/')) {
    const [, roleName, ...session] = arn.resource.split('/');
    const role = roleName === undefined ? undefined : snapshot.rolesByName.get(roleName);
    if (role && parseArn(role.arn)?.account === arn.account) return { kind: 'role', role, session: session.join('/') };
  }
  return undefined;
}

function orgLevels(org: Organization, which: 'scps' | 'rcps', prefix: 'scp' | 'rcp', sources: Record<string, string>): OrganizationLevel[] {
  return org.path.map((level, l) => ({
    orgIdentifier: level.id,
    policies: level[which].map((p, i) => {
      sources[`${prefix}[${l}][${i}]`] = `${prefix.toUpperCase()} \`${p.name}\` at \`${level.name ?? level.id}\``;
      return p.policy.document;
    }),
  }));
}

/** The resource-based policy for `resource`: an exact match, else the longest parent (a bucket for its objects). */
function findResourcePolicy(snapshot: Snapshot, resource: string): { document: PolicyDocument; name: string; account?: string } | undefined {
  let best: { document: PolicyDocument; name: string; account?: string; length: number } | undefined;
  for (const rp of snapshot.resourcePolicies) {
    const fits = rp.resource === resource || resource.startsWith(`${rp.resource}/`);
    if (fits && (best === undefined || rp.resource.length > best.length)) {
      best = { document: rp.policy.document, name: `resource policy of \`${rp.resource}\``, length: rp.resource.length, ...(rp.account === undefined ? {} : { account: rp.account }) };
    }
  }
  return best;
}

/** Gathers the policies that apply when `principalArn` makes `action` on `resource` in `snapshot`. */
export function gatherPolicies(snapshot: Snapshot, principalArn: string, action: string, resource: string): GatherResult {
  const who = findIdentity(snapshot, principalArn);
  if (who === undefined) return { kind: 'error', message: `--principal: \`${principalArn}\` is not a user, role, role session or root of the snapshot` };
  const sources: Record<string, string> = {};
  const notes: string[] = [];
  const identity: PolicyDocument[] = [];
  const context: [string, ContextValue][] = [];

  const addInline = (owner: string, policies: readonly InlinePolicy[]): void => {
    for (const p of policies) {
      sources[`identity[${identity.length}]`] = `inline policy \`${p.name}\` of \`${owner}\``;
      identity.push(p.policy.document);
    }
  };
  const addAttached = (owner: string, policies: readonly AttachedPolicy[]): void => {
    for (const a of policies) {
      const m = managed(snapshot, a.arn);
      if (m === undefined) {
        notes.push(`managed policy \`${a.arn}\` attached to \`${owner}\` is not in the snapshot: left out`);
        continue;
      }
      sources[`identity[${identity.length}]`] = `managed policy \`${a.arn}\`${owner === principalArn ? '' : ` via \`${owner}\``}`;
      identity.push(m.defaultDocument.document);
    }
  };

  let boundary: PolicyDocument[] | null = null;
  let principalAccount = parseArn(principalArn)?.account;
  if (who.kind === 'user' || who.kind === 'role') {
    const entity = who.kind === 'user' ? who.user : who.role;
    principalAccount = parseArn(entity.arn)?.account ?? principalAccount;
    addInline(entity.arn, entity.inlinePolicies);
    addAttached(entity.arn, entity.attachedPolicies);
    if (who.kind === 'user') {
      // AWS "Policy evaluation logic": the policies of the groups a user belongs to apply to the user.
      for (const groupArn of snapshot.groupsOfUser.get(entity.arn) ?? []) {
        const g = snapshot.byArn.get(groupArn);
        if (g?.kind !== 'group') continue;
        addInline(g.arn, g.inlinePolicies);
        addAttached(g.arn, g.attachedPolicies);
      }
    }
    const pb = entity.permissionsBoundary;
    if (pb) {
      const m = managed(snapshot, pb.arn);
      if (m === undefined) notes.push(`permissions boundary \`${pb.arn}\` is not in the snapshot: evaluated without it`);
      else {
        boundary = [m.defaultDocument.document];
        sources['boundary[0]'] = `permissions boundary \`${pb.arn}\``;
      }
    }
    for (const t of entity.tags) context.push([`aws:PrincipalTag/${t.key}`, t.value]);
    if (who.kind === 'user') context.push(['aws:userid', entity.id]);
    else {
      context.push(['aws:PrincipalArn', entity.arn]);
      if (who.session !== undefined) context.push(['aws:userid', `${entity.id}:${who.session}`]);
    }
  }

  // Resource-based policy: the trust policy for role assumption, else a collected resource policy.
  let resourcePolicy: PolicyDocument | null = null;
  let resourceAccount: string | undefined;
  const target = snapshot.byArn.get(resource);
  if (TRUST_ACTIONS.has(action.toLowerCase()) && target?.kind === 'role') {
    if (target.trustPolicy) {
      resourcePolicy = target.trustPolicy.document;
      sources['resource[0]'] = `trust policy of \`${target.arn}\``;
    } else notes.push(`role \`${target.arn}\` has no trust policy in the snapshot`);
    resourceAccount = parseArn(target.arn)?.account;
  } else {
    const rp = findResourcePolicy(snapshot, resource);
    if (rp) {
      resourcePolicy = rp.document;
      sources['resource[0]'] = rp.name;
      resourceAccount = rp.account;
    }
  }
  const arnAccount = parseArn(resource)?.account;
  resourceAccount ??= arnAccount !== undefined && /^\d{12}$/.test(arnAccount) ? arnAccount : undefined;
  // A resource of the snapshot's account without an account in its ARN (S3) belongs to that account.
  if (resourceAccount === undefined && (target !== undefined || resourcePolicy !== null) && snapshot.account.id !== '') resourceAccount = snapshot.account.id;

  // The bundle's organisation path governs the snapshot's own account: its SCPs apply to its
  // principals, its RCPs to its resources.
  const org = snapshot.organization;
  const own = snapshot.account.id;
  const scp = org && principalAccount === own ? orgLevels(org, 'scps', 'scp', sources) : null;
  // When RCPs are enabled AWS attaches RCPFullAWSAccess to every root, OU and account, and it
  // cannot be detached; a path without any RCP therefore means RCPs are not enabled (none apply).
  const rcpsEnabled = org !== undefined && org.path.some((level) => level.rcps.length > 0);
  const rcp = org && rcpsEnabled && (resourceAccount ?? principalAccount) === own ? orgLevels(org, 'rcps', 'rcp', sources) : null;
  if (org?.id) context.push(['aws:PrincipalOrgID', org.id]);

  const set: PolicySet = {
    identity,
    resource: resourcePolicy,
    scp,
    rcp,
    boundary,
    session: null,
    endpoint: null,
    ...(org?.managementAccountId ? { managementAccountId: org.managementAccountId } : {}),
  };
  return { kind: 'ok', set, context: Object.fromEntries(context), resourceAccount, sources, notes };
}
