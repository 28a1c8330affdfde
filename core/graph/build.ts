// Builds the escalation graph of a snapshot: applies every rule of ./rules.ts, asking the access
// oracle each question with the full policy set (boundaries, SCPs, RCPs, explicit denies and
// trust policies decide), after cheap bitset pre-filters. Imports only core/.
import type { EscalationGraph, GraphEdge, GraphNode, GraphNodeKind } from '../model/graph';
import { ADMIN_NODE } from '../model/graph';
import type { PolicyDocument, PolicyPrincipal } from '../model/policy';
import type { Group, ManagedPolicy, Role, Snapshot, User } from '../model/snapshot';
import { getCatalog } from '../catalog/catalog';
import { createEvaluatorOracle, grantsEverything, groupMemberArn, identityDocuments, type AccessAnswer, type AccessOracle, type QuestionContext } from './oracle';
import { RULES_BY_ID, pathfindingIdOf, type EscalationRule } from './rules';

/** Options of `buildEscalationGraph`. */
export interface BuildGraphOptions {
  /** The access oracle to ask; defaults to one over the evaluation engine. */
  readonly oracle?: AccessOracle;
}

const ALLOWED: AccessAnswer = { kind: 'allowed' };
const DENIED: AccessAnswer = { kind: 'denied' };

/** Both answers together: denied if either is, conditional (keys merged) if either is. */
function both(a: AccessAnswer, b: AccessAnswer): AccessAnswer {
  if (a.kind === 'denied' || b.kind === 'denied') return DENIED;
  if (a.kind === 'allowed') return b;
  if (b.kind === 'allowed') return a;
  return { kind: 'conditional', missingKeys: [...new Set([...a.missingKeys, ...b.missingKeys])] };
}

function rule(id: string): EscalationRule {
  const r = RULES_BY_ID.get(id);
  // INVARIANT: every id the builder names is declared in rules.ts (the rules test checks it).
  if (r === undefined) throw new Error(`graph: unknown rule \`${id}\``);
  return r;
}

/** One way of making principal T an administrator, found for caller P. */
interface Grant {
  readonly rule: EscalationRule;
  readonly answer: AccessAnswer;
  readonly permissions: readonly string[];
  readonly target?: string;
}

interface CredentialState {
  readonly password: boolean;
  readonly activeKeys: number;
}

/** Parses the credential report CSV: user ARN → password enabled, active access keys. Bad rows are skipped. */
function parseCredentialReport(csv: string | undefined): Map<string, CredentialState> | undefined {
  if (csv === undefined || csv.trim() === '') return undefined;
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',');
  const col = (name: string): number => header.indexOf(name);
  const [arnI, pwI, k1I, k2I] = [col('arn'), col('password_enabled'), col('access_key_1_active'), col('access_key_2_active')];
  if (arnI < 0 || pwI < 0 || k1I < 0 || k2I < 0) return undefined;
  const out = new Map<string, CredentialState>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const arn = f[arnI];
    if (arn === undefined) continue;
    out.set(arn, { password: f[pwI] === 'true', activeKeys: (f[k1I] === 'true' ? 1 : 0) + (f[k2I] === 'true' ? 1 : 0) });
  }
  return out;
}

/** The principals a trust policy's Allow statements name for one action. */
interface TrustPrincipals {
  aws: Set<string>;
  services: Set<string>;
  federated: Set<string>;
  anyone: boolean;
}

function trustPrincipals(doc: PolicyDocument | undefined, actionIds: readonly number[]): TrustPrincipals {
  const out: TrustPrincipals = { aws: new Set(), services: new Set(), federated: new Set(), anyone: false };
  if (doc === undefined) return out;
  const cat = getCatalog();
  for (const st of doc.Statement) {
    if (st.Effect !== 'Allow') continue;
    const acts = st.Action ?? st.NotAction ?? [];
    const matches = actionIds.some((id) => {
      const hit = acts.some((a) => cat.expandActionPattern(a).includes(id));
      return st.Action !== undefined ? hit : !hit;
    });
    if (!matches) continue;
    if (st.NotPrincipal !== undefined) {
      out.anyone = true;
      continue;
    }
    const p: PolicyPrincipal | undefined = st.Principal;
    if (p === undefined) continue;
    if (p === '*') {
      out.anyone = true;
      continue;
    }
    for (const [type, values] of Object.entries(p)) {
      for (const v of values) {
        if (type === 'AWS') {
          if (v === '*') out.anyone = true;
          else out.aws.add(v);
        }
        else if (type === 'Service') out.services.add(v.toLowerCase());
        else if (type === 'Federated') out.federated.add(v);
      }
    }
  }
  return out;
}

/** `arn:aws:iam::<account>:root` for an account id or root ARN; undefined for other values. */
function accountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:[^:]+:iam::(\d{12}):/.exec(value);
  return m?.[1];
}

function isAccountRoot(value: string): boolean {
  return /^\d{12}$/.test(value) || /^arn:[^:]+:iam::\d{12}:root$/.test(value);
}

/** Builds the escalation graph of a snapshot. */
export function buildEscalationGraph(snapshot: Snapshot, options: BuildGraphOptions = {}): EscalationGraph {
  const oracle = options.oracle ?? createEvaluatorOracle(snapshot);
  const cat = getCatalog();
  const partition = snapshot.account.partition || 'aws';
  const account = snapshot.account.id;
  const adminPolicy = `arn:${partition}:iam::aws:policy/AdministratorAccess`;
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeByKey = new Map<string, GraphEdge>();
  const addNode = (id: string, kind: GraphNodeKind, admin = false): void => {
    if (!nodes.has(id)) nodes.set(id, { id, kind, admin });
  };
  addNode(ADMIN_NODE, 'admin', true);

  const principals: (User | Role)[] = [...snapshot.users, ...snapshot.roles];
  const principalArns = new Set(principals.map((p) => p.arn));
  const fullAdmins = new Set<string>();
  for (const p of principals) {
    const admin = oracle.isFullAdmin(p.arn);
    if (admin) fullAdmins.add(p.arn);
    addNode(p.arn, p.kind, admin);
  }
  for (const g of snapshot.groups) addNode(g.arn, 'group');
  for (const sp of snapshot.identityProviders.saml) addNode(sp.arn, 'saml-provider');
  for (const op of snapshot.identityProviders.oidc) addNode(op.arn, 'oidc-provider');

  /** Callers whose hops that are conditional cannot shorten their own path (see addEdge). */
  const dominated = new Set<string>();
  const firstAdminHop = new Set<string>();
  const addEdge = (
    from: string,
    to: string,
    r: EscalationRule,
    answer: AccessAnswer,
    extra: { prerequisites?: readonly string[]; permissions?: readonly string[]; target?: string } = {},
  ): GraphEdge | undefined => {
    if (answer.kind === 'denied' || from === to) return undefined;
    // INVARIANT (paths.ts costs): a caller whose first hop to admin is conditional is at distance
    // at most CONDITIONAL_HOP; a later conditional hop from it to admin ties and is never chosen,
    // and one to a node other than a full administrator costs more. Neither can change any path,
    // so neither is kept (this removes the conditional fan-out of broad MFA-conditional callers).
    const conditional = answer.kind === 'conditional' || (extra.prerequisites ?? []).length > 0;
    if (conditional && dominated.has(from) && (to === ADMIN_NODE || !fullAdmins.has(to))) return undefined;
    const prerequisites = [...(extra.prerequisites ?? [])];
    if (answer.kind === 'conditional') prerequisites.push(`a request context that satisfies the conditions on ${answer.missingKeys.map((k) => `\`${k}\``).join(', ')}`);
    const permissions = extra.permissions ?? r.permissions;
    const unique = [...new Set(prerequisites)];
    prerequisites.length = 0;
    prerequisites.push(...unique);
    const key = `${from}\u0000${to}\u0000${r.id}\u0000${extra.target ?? ''}`;
    const old = edgeByKey.get(key);
    if (old !== undefined) return old;
    const edge: GraphEdge = {
      from,
      to,
      method: r.id,
      pathfindingId: pathfindingIdOf(r),
      permissions,
      conditional: prerequisites.length > 0,
      prerequisites,
      ...(extra.target === undefined ? {} : { target: extra.target }),
    };
    edgeByKey.set(key, edge);
    edges.push(edge);
    return edge;
  };

  /** The ARNs of `sorted` the caller's identity policies may allow `action` on (prefix pre-filter). */
  const candidates = (p: string, action: string, sorted: readonly string[]): readonly string[] => {
    const prefixes = oracle.resourcePrefixes?.(p, action) ?? null;
    if (prefixes === null) return sorted;
    const out = new Set<string>();
    for (const prefix of prefixes) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.add(sorted[i]!);
    }
    return [...out];
  };
  const prefixAllows = (p: string, action: string, resource: string): boolean => {
    const prefixes = oracle.resourcePrefixes?.(p, action) ?? null;
    return prefixes === null || prefixes.some((x) => resource.startsWith(x));
  };
  const ask = (p: string, action: string, resource: string, context?: QuestionContext): AccessAnswer =>
    oracle.mayAllow(p, action) && prefixAllows(p, action, resource) ? oracle.can(p, action, resource, context) : DENIED;
  // Service permissions are asked on the resources the action is authorised on (AWS Service
  // Authorization Reference, "Resource types" column: every required type), named as a new
  // resource the caller would create, and on `*`; the better answer counts.
  const probes = new Map<string, string[]>();
  const probeArns = (action: string): string[] => {
    let out = probes.get(action);
    if (out !== undefined) return out;
    const id = cat.actionId(action);
    const types = id === undefined ? [] : cat.resourceTypes(id);
    const chosen = types.filter((t) => t.required);
    out = (chosen.length > 0 ? chosen : types.slice(0, 1)).map((t) =>
      t.arn
        .replace('${Partition}', partition)
        .replace('${Region}', 'us-east-1')
        .replace('${Account}', account)
        .replace(/\$\{[A-Za-z]+\}/g, 'ariadne-probe'),
    );
    probes.set(action, out);
    return out;
  };
  const serviceCache = new Map<string, AccessAnswer>();
  const askService = (p: string, action: string): AccessAnswer => {
    const key = `${p}\u0000${action}`;
    let a = serviceCache.get(key);
    if (a === undefined) {
      a = askServiceUncached(p, action);
      serviceCache.set(key, a);
    }
    return a;
  };
  const askServiceUncached = (p: string, action: string): AccessAnswer => {
    const star = oracle.can(p, action, '*');
    if (star.kind === 'allowed') return star;
    const arns = probeArns(action);
    if (arns.length === 0) return star;
    let a: AccessAnswer = ALLOWED;
    for (const arn of arns) a = both(a, oracle.can(p, action, arn));
    return a.kind === 'denied' ? star : a;
  };
  const askAll = (p: string, actions: readonly string[]): AccessAnswer => {
    let a: AccessAnswer = ALLOWED;
    for (const action of actions) {
      if (!oracle.mayAllow(p, action)) return DENIED;
    }
    for (const action of actions) {
      a = both(a, askService(p, action));
      if (a.kind === 'denied') return a;
    }
    return a;
  };

  // Entity lookups.
  const managedAttached = (t: User | Role): ManagedPolicy[] => {
    const arns = new Set(t.attachedPolicies.map((a) => a.arn));
    if (t.kind === 'user') {
      for (const g of snapshot.groupsOfUser.get(t.arn) ?? []) {
        const group = snapshot.byArn.get(g);
        if (group?.kind === 'group') for (const a of group.attachedPolicies) arns.add(a.arn);
      }
    }
    const out: ManagedPolicy[] = [];
    for (const arn of arns) {
      const p = snapshot.byArn.get(arn);
      if (p?.kind === 'policy' && !p.awsManaged) out.push(p);
    }
    return out;
  };
  const boundaryAllowsAll = (t: User | Role): boolean => {
    if (t.permissionsBoundary === undefined) return true;
    const b = snapshot.byArn.get(t.permissionsBoundary.arn);
    return b?.kind === 'policy' ? grantsEverything([b.defaultDocument.document]) : true;
  };
  const grantPerms = ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutGroupPolicy', 'iam:AttachGroupPolicy', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary'];
  const mayGrant = (p: string): boolean => grantPerms.some((a) => oracle.mayAllow(p, a));
  /**
   * True when every hop of dominated caller `p` by `action` on this account's users or roles would
   * be conditional or denied, hence dropped (see addEdge): its identity side treats every resource
   * alike, and IAM users and roles have no resource policies, so one question answers for all.
   */
  const noUnconditionalHop = (p: string, action: string, probe: string): boolean =>
    dominated.has(p) && oracle.resourceIndependent?.(p, action) === true && oracle.can(p, action, probe).kind !== 'allowed';
  const probeUser = `arn:${partition}:iam::${account}:user/ariadne-probe`;
  const probeRole = `arn:${partition}:iam::${account}:role/ariadne-probe`;

  /**
   * The ways caller `p` can make `t` an administrator in IAM: AWS "AttachUserPolicy" /
   * "AttachRolePolicy" / "AttachGroupPolicy" are authorised on the identity with the `iam:PolicyARN`
   * key; "PutUserPolicy" / "PutRolePolicy" / "PutGroupPolicy" on the identity;
   * "CreatePolicyVersion" and "SetDefaultPolicyVersion" on the policy. A permissions boundary that
   * does not allow everything must go too (Delete…PermissionsBoundary on the identity).
   */
  const grantCache = new Map<string, Grant[]>();
  const grantsOn = (p: string, t: User | Role): Grant[] => {
    if (!mayGrant(p)) return [];
    const key = `${p}\u0000${t.arn}`;
    let g = grantCache.get(key);
    if (g === undefined) {
      g = computeGrants(p, t);
      grantCache.set(key, g);
    }
    return g;
  };
  const computeGrants = (p: string, t: User | Role): Grant[] => {
    // AWS "Using service-linked roles": their policies and trust cannot be changed by IAM principals.
    if (isServiceLinked(t.arn)) return [];
    const out: Grant[] = [];
    const isUser = t.kind === 'user';
    const putRule = rule(isUser ? 'iam.put-user-policy' : 'iam.put-role-policy');
    const attachRule = rule(isUser ? 'iam.attach-user-policy' : 'iam.attach-role-policy');
    const raw: Grant[] = [];
    raw.push({ rule: putRule, answer: ask(p, putRule.permissions[0]!, t.arn), permissions: putRule.permissions });
    raw.push({ rule: attachRule, answer: ask(p, attachRule.permissions[0]!, t.arn, { 'iam:PolicyARN': adminPolicy }), permissions: attachRule.permissions });
    if (oracle.mayAllow(p, 'iam:CreatePolicyVersion') || oracle.mayAllow(p, 'iam:SetDefaultPolicyVersion')) {
      for (const mp of managedAttached(t)) {
        const cpv = rule('iam.create-policy-version');
        raw.push({ rule: cpv, answer: ask(p, 'iam:CreatePolicyVersion', mp.arn), permissions: cpv.permissions, target: mp.arn });
        const broader = mp.versions.some((v) => !v.isDefault && v.policy !== undefined && grantsEverything([v.policy.document]));
        if (broader) {
          const sdv = rule('iam.set-default-policy-version');
          raw.push({ rule: sdv, answer: ask(p, 'iam:SetDefaultPolicyVersion', mp.arn), permissions: sdv.permissions, target: mp.arn });
        }
      }
    }
    if (isUser) {
      for (const g of snapshot.groupsOfUser.get(t.arn) ?? []) {
        const pg = rule('iam.put-group-policy');
        const ag = rule('iam.attach-group-policy');
        raw.push({ rule: pg, answer: ask(p, 'iam:PutGroupPolicy', g), permissions: pg.permissions, target: g });
        raw.push({ rule: ag, answer: ask(p, 'iam:AttachGroupPolicy', g, { 'iam:PolicyARN': adminPolicy }), permissions: ag.permissions, target: g });
      }
    }
    const granted = raw.filter((g) => g.answer.kind !== 'denied');
    if (boundaryAllowsAll(t)) return granted;
    // AWS "Permissions boundaries for IAM entities": effective permissions are the intersection of
    // the identity policies and the boundary, so the boundary must be removed or replaced too.
    const del = rule(isUser ? 'iam.delete-user-permissions-boundary' : 'iam.delete-role-permissions-boundary');
    const put = rule(isUser ? 'iam.put-user-permissions-boundary' : 'iam.put-role-permissions-boundary');
    const delAns = ask(p, del.permissions[0]!, t.arn);
    const putAns = ask(p, put.permissions[0]!, t.arn, { 'iam:PermissionsBoundary': adminPolicy });
    const lift = delAns.kind !== 'denied' ? { r: del, a: delAns } : putAns.kind !== 'denied' ? { r: put, a: putAns } : undefined;
    if (lift === undefined) return [];
    // The principal's own policies may already allow everything: lifting the boundary is enough.
    if (grantsEverything(identityDocuments(snapshot, t))) out.push({ rule: lift.r, answer: lift.a, permissions: lift.r.permissions });
    for (const g of granted) out.push({ ...g, answer: both(g.answer, lift.a), permissions: [...g.permissions, ...lift.r.permissions] });
    return out;
  };

  // 1. Self-escalation: one IAM call (or a short IAM-only sequence) gives the principal admin.
  const shadowAdmins = new Set<string>();
  for (const p of principals) {
    if (fullAdmins.has(p.arn)) continue;
    for (const g of grantsOn(p.arn, p)) {
      addEdge(p.arn, ADMIN_NODE, g.rule, g.answer, { permissions: g.permissions, ...(g.target === undefined ? {} : { target: g.target }) });
      if (g.answer.kind === 'allowed') shadowAdmins.add(p.arn);
    }
    // Create-then-use (no pathfinding id): a new user or role the caller makes administrator.
    if (account !== '' && oracle.mayAllow(p.arn, 'iam:CreateUser')) {
      const nu = `arn:${partition}:iam::${account}:user/ariadne-new-user`;
      const a = both(both(ask(p.arn, 'iam:CreateUser', nu), ask(p.arn, 'iam:CreateAccessKey', nu)), ask(p.arn, 'iam:AttachUserPolicy', nu, { 'iam:PolicyARN': adminPolicy }));
      addEdge(p.arn, ADMIN_NODE, rule('iam.create-user'), a);
    }
    if (account !== '' && oracle.mayAllow(p.arn, 'iam:CreateRole')) {
      const nr = `arn:${partition}:iam::${account}:role/ariadne-new-role`;
      const a = both(ask(p.arn, 'iam:CreateRole', nr), ask(p.arn, 'iam:AttachRolePolicy', nr, { 'iam:PolicyARN': adminPolicy }));
      addEdge(p.arn, ADMIN_NODE, rule('iam.create-role'), a);
    }
  }

  // Callers whose first hop to admin (from step 1) is conditional: see addEdge.
  for (const e of edges) {
    if (e.to !== ADMIN_NODE || firstAdminHop.has(e.from)) continue;
    firstAdminHop.add(e.from);
    if (e.conditional) dominated.add(e.from);
  }

  // 2. Groups as carriers: a group whose policies allow everything makes its members admins.
  const adminGroups = new Set<string>();
  for (const g of snapshot.groups) {
    if (grantsEverything(groupDocuments(snapshot, g))) {
      adminGroups.add(g.arn);
      addEdge(g.arn, ADMIN_NODE, rule('group.admin-policies'), ALLOWED);
    }
  }
  // A group whose policies let a member make itself an administrator in one call (for example
  // `iam:*`): joining it is one hop from admin. Asked of the oracle's stand-in member.
  for (const g of snapshot.groups) {
    if (adminGroups.has(g.arn)) continue;
    const m = groupMemberArn(g.arn);
    const cands: { r: string; a: AccessAnswer; target?: string }[] = [
      { r: 'iam.put-user-policy', a: ask(m, 'iam:PutUserPolicy', m) },
      { r: 'iam.attach-user-policy', a: ask(m, 'iam:AttachUserPolicy', m, { 'iam:PolicyARN': adminPolicy }) },
      { r: 'iam.put-group-policy', a: ask(m, 'iam:PutGroupPolicy', g.arn), target: g.arn },
      { r: 'iam.attach-group-policy', a: ask(m, 'iam:AttachGroupPolicy', g.arn, { 'iam:PolicyARN': adminPolicy }), target: g.arn },
    ];
    for (const a of g.attachedPolicies) {
      const mp = snapshot.byArn.get(a.arn);
      if (mp?.kind === 'policy' && !mp.awsManaged) cands.push({ r: 'iam.create-policy-version', a: ask(m, 'iam:CreatePolicyVersion', mp.arn), target: mp.arn });
    }
    for (const c of cands) addEdge(g.arn, ADMIN_NODE, rule(c.r), c.a, c.target === undefined ? {} : { target: c.target });
  }
  const groupArns = sortedArns(snapshot.groups);
  for (const u of snapshot.users) {
    if (fullAdmins.has(u.arn) || !oracle.mayAllow(u.arn, 'iam:AddUserToGroup')) continue;
    const member = new Set(snapshot.groupsOfUser.get(u.arn) ?? []);
    for (const g of candidates(u.arn, 'iam:AddUserToGroup', groupArns)) {
      if (member.has(g)) continue;
      const a = oracle.can(u.arn, 'iam:AddUserToGroup', g);
      addEdge(u.arn, g, rule('iam.add-user-to-group'), a);
      // One call that lands the user in an admin group (its boundary permitting) makes it a shadow admin.
      if (a.kind === 'allowed' && adminGroups.has(g) && boundaryAllowsAll(u)) shadowAdmins.add(u.arn);
      // Adding oneself to a group whose policies one can also rewrite.
      if (a.kind !== 'denied' && !adminGroups.has(g)) {
        const pg = ask(u.arn, 'iam:PutGroupPolicy', g);
        const ag = ask(u.arn, 'iam:AttachGroupPolicy', g, { 'iam:PolicyARN': adminPolicy });
        const best = pg.kind === 'allowed' || ag.kind === 'denied' ? { r: 'iam.put-group-policy', a: pg } : { r: 'iam.attach-group-policy', a: ag };
        if (boundaryAllowsAll(u)) addEdge(u.arn, ADMIN_NODE, rule('grant+reach'), both(a, best.a), { permissions: ['iam:AddUserToGroup', ...rule(best.r).permissions], target: g });
      }
    }
  }
  // INVARIANT: an admin's outgoing hops cannot shorten any path (it is already at distance 0 or
  // one unconditional hop from admin), so they are not computed.
  const skip = new Set([...fullAdmins, ...shadowAdmins]);
  // A caller that gets one unconditional hop to admin by making a principal it reaches an
  // administrator (grant + reach) is as close to admin as a non-admin can be: its other hops
  // cannot shorten any path, so they are not computed (the caller joins `skip`).
  const comboId = (grant: string, via: string): string => {
    // iam-015 / iam-018 name iam:CreateAccessKey; rotating a key (delete + create) is the same hop.
    const id = `${grant}+${via === 'iam.rotate-access-key' ? 'iam.create-access-key' : via}`;
    return RULES_BY_ID.has(id) ? id : 'grant+reach';
  };
  const addCombos = (to: User | Role, reachEdge: GraphEdge): void => {
    const from = reachEdge.from;
    // Every combination over a conditional reach is conditional: dominated (see addEdge).
    if (reachEdge.conditional && dominated.has(from)) return;
    const via = reachEdge.method;
    const viaRule = rule(via);
    const reachAnswer: AccessAnswer = reachEdge.conditional ? { kind: 'conditional', missingKeys: [] } : ALLOWED;
    for (const g of grantsOn(from, to)) {
      const r = rule(comboId(g.rule.id, via));
      const answer = both(g.answer, reachAnswer);
      const e = addEdge(from, ADMIN_NODE, r, answer.kind === 'conditional' && answer.missingKeys.length === 0 ? ALLOWED : answer, {
        permissions: [...new Set([...g.permissions, ...viaRule.permissions])],
        target: g.target ?? to.arn,
        prerequisites: reachEdge.prerequisites,
      });
      if (e !== undefined && !e.conditional) skip.add(from);
    }
  };

  // 3. Reaching other principals.
  const reach: { to: User | Role; edge: GraphEdge }[] = [];
  const reached = (to: User | Role, edge: GraphEdge | undefined): void => {
    if (edge !== undefined) reach.push({ to, edge });
  };
  const credentials = parseCredentialReport(snapshot.credentialReport);
  const assumeIds = ['sts:AssumeRole'].map((a) => cat.actionId(a)).filter((x): x is number => x !== undefined);
  const samlIds = ['sts:AssumeRoleWithSAML'].map((a) => cat.actionId(a)).filter((x): x is number => x !== undefined);
  const webIds = ['sts:AssumeRoleWithWebIdentity'].map((a) => cat.actionId(a)).filter((x): x is number => x !== undefined);
  const serviceRoles = new Map<string, { role: Role; answer: AccessAnswer }[]>();
  const roleArns = sortedArns(snapshot.roles);
  const userArns = sortedArns(snapshot.users);
  const roleByArn = new Map(snapshot.roles.map((r) => [r.arn, r]));
  const userByArn = new Map(snapshot.users.map((u) => [u.arn, u]));
  /** Trust principals of each role for sts:AssumeRole, and indexes from callers to roles. */
  const trustOf = new Map<string, TrustPrincipals>();
  const namedIn = new Map<string, Role[]>();
  const openRoles: Role[] = [];

  /** Roles whose trust policy is only "Allow sts:AssumeRole to this account's root", unconditionally. */
  const plainTrust = new Set<string>();
  for (const role of snapshot.roles) {
    const doc = role.trustPolicy?.document;
    const root = `arn:${partition}:iam::${accountOf(role.arn) ?? ''}:root`;
    const plain =
      doc !== undefined &&
      doc.Statement.length > 0 &&
      doc.Statement.every((st) => {
        if (st.Effect !== 'Allow' || st.Condition !== undefined || st.Action === undefined || st.Principal === undefined || st.Principal === '*') return false;
        if (!st.Action.every((a) => a.toLowerCase() === 'sts:assumerole')) return false;
        const entries = Object.entries(st.Principal);
        return entries.length === 1 && entries[0]![0] === 'AWS' && entries[0]![1].every((v) => v === root || v === accountOf(role.arn));
      });
    if (plain) plainTrust.add(role.arn);
  }

  for (const role of snapshot.roles) {
    const doc = role.trustPolicy?.document;
    const tp = trustPrincipals(doc, assumeIds);
    trustOf.set(role.arn, tp);
    const externals = new Set<string>();
    for (const v of tp.aws) {
      if (isAccountRoot(v)) {
        const acct = accountOf(v)!;
        if (acct !== account) externals.add(`arn:${partition}:iam::${acct}:root`);
      } else if (principalArns.has(v)) {
        const list = namedIn.get(v) ?? [];
        list.push(role);
        namedIn.set(v, list);
      } else externals.add(v);
    }
    if (tp.anyone) {
      openRoles.push(role);
      externals.add('*');
    }
    for (const x of externals) {
      // Any principal of another account: its identity policies are not in the snapshot, so the
      // hop also needs them to allow sts:AssumeRole on the role.
      const probe = x === '*' ? `arn:${partition}:iam::000000000000:root` : x;
      const a = oracle.can(probe, 'sts:AssumeRole', role.arn);
      if (a.kind === 'denied') continue;
      addNode(x, 'external');
      addEdge(x, role.arn, rule('sts.trust.external'), a, {
        prerequisites: [x === '*' ? 'any AWS principal whose own policies allow sts:AssumeRole on the role' : `the identity policies in account ${accountOf(x) ?? '?'} allow sts:AssumeRole on the role`],
      });
    }
    // Federation: AWS "Creating a role for SAML 2.0 federation" / "Creating a role for web identity
    // or OIDC federation": the provider's tokens are accepted when the trust policy allows
    // sts:AssumeRoleWithSAML / sts:AssumeRoleWithWebIdentity; the token's claims are context keys
    // the snapshot cannot know, so a condition on them makes the hop conditional.
    for (const [ids, action, ruleId] of [
      [samlIds, 'sts:AssumeRoleWithSAML', 'sts.assume-role-with-saml'],
      [webIds, 'sts:AssumeRoleWithWebIdentity', 'sts.assume-role-with-web-identity'],
    ] as const) {
      const fp = trustPrincipals(doc, ids);
      for (const f of fp.federated) {
        const a = oracle.can(f, action, role.arn);
        if (a.kind === 'denied') continue;
        if (f === 'cognito-identity.amazonaws.com') {
          const list = serviceRoles.get(f) ?? [];
          list.push({ role, answer: a });
          serviceRoles.set(f, list);
        }
        addNode(f, f.includes(':saml-provider/') ? 'saml-provider' : f.includes(':oidc-provider/') ? 'oidc-provider' : 'external');
        addEdge(f, role.arn, rule(ruleId), a);
      }
    }
    // Services the role trusts, for the pass-role and existing-compute rules.
    for (const s of tp.services) {
      const a = oracle.can(s, 'sts:AssumeRole', role.arn);
      if (a.kind === 'denied') continue;
      addNode(s, 'service');
      // An EC2 instance runs as a role only through an instance profile.
      const noProfile = s === 'ec2.amazonaws.com' && (snapshot.instanceProfilesOfRole.get(role.arn) ?? role.instanceProfileArns).length === 0;
      addEdge(s, role.arn, rule('service.trust'), a, noProfile ? { prerequisites: ['an instance profile holding the role (none in the snapshot)'] } : {});
      const list = serviceRoles.get(s) ?? [];
      list.push({ role, answer: a });
      serviceRoles.set(s, list);
    }
  }

  // sts:AssumeRole: AWS "Cross-account policy evaluation logic" / "How IAM roles differ from
  // resource-based policies": the caller's identity policies must allow sts:AssumeRole on the role
  // and the trust policy must allow the caller (in the same account, a trust policy that names the
  // principal itself is enough). The engine applies both, with SCPs and boundaries.
  // Callers are found from the trust side (named principals, the account, anyone) and checked
  // against their own policies. Hops are computed now for callers that could also change the
  // role's policies (grant + reach), and for the others only toward roles from which admin is
  // reachable (the fixpoint below), which keeps the graph to the hops that matter for paths.
  const principalByArn = new Map(principals.map((p) => [p.arn, p]));
  const byAccount = new Map<string, (User | Role)[]>();
  for (const p of principals) {
    const acct = accountOf(p.arn) ?? '';
    const list = byAccount.get(acct);
    if (list) list.push(p);
    else byAccount.set(acct, [p]);
  }
  const plainAnswers = new Map<string, AccessAnswer>();
  const assumeInto = (role: Role, eager: boolean): void => {
    const tp = trustOf.get(role.arn)!;
    const callers = new Set<User | Role>();
    for (const v of tp.aws) {
      const named = principalByArn.get(v);
      if (named !== undefined) callers.add(named);
      else if (isAccountRoot(v)) {
        for (const p of byAccount.get(accountOf(v)!) ?? []) {
          if (oracle.mayAllow(p.arn, 'sts:AssumeRole') && prefixAllows(p.arn, 'sts:AssumeRole', role.arn)) callers.add(p);
        }
      }
    }
    if (tp.anyone) for (const p of principals) callers.add(p);
    for (const p of callers) {
      if (p.arn === role.arn || skip.has(p.arn) || mayGrant(p.arn) !== eager) continue;
      // A role whose trust only names this account, without conditions, and a caller whose
      // policies treat every role alike: one question answers for all such roles.
      let a: AccessAnswer | undefined;
      const uniform = plainTrust.has(role.arn) && accountOf(role.arn) === accountOf(p.arn) && oracle.resourceIndependent?.(p.arn, 'sts:AssumeRole') === true;
      if (uniform) a = plainAnswers.get(p.arn);
      if (a === undefined) {
        a = oracle.can(p.arn, 'sts:AssumeRole', role.arn);
        if (uniform) plainAnswers.set(p.arn, a);
      }
      reached(role, addEdge(p.arn, role.arn, rule('sts.assume-role'), a));
    }
  };
  for (const role of snapshot.roles) assumeInto(role, true);

  // iam:UpdateAssumeRolePolicy on a role: rewrite its trust to name the caller, then assume it.
  for (const p of principals) {
    if (skip.has(p.arn) || !oracle.mayAllow(p.arn, 'iam:UpdateAssumeRolePolicy') || noUnconditionalHop(p.arn, 'iam:UpdateAssumeRolePolicy', probeRole)) continue;
    for (const arn of candidates(p.arn, 'iam:UpdateAssumeRolePolicy', roleArns)) {
      if (arn === p.arn || isServiceLinked(arn)) continue;
      const a = oracle.can(p.arn, 'iam:UpdateAssumeRolePolicy', arn);
      const e = addEdge(p.arn, arn, rule('iam.update-assume-role-policy'), a);
      reached(roleByArn.get(arn)!, e);
      if (e !== undefined && !fullAdmins.has(arn)) addCombos(roleByArn.get(arn)!, e);
      if (skip.has(p.arn)) break;
    }
  }

  // Credentials of other users: access keys and console passwords.
  for (const p of principals) {
    if (skip.has(p.arn)) continue;
    if (oracle.mayAllow(p.arn, 'iam:CreateAccessKey') && !noUnconditionalHop(p.arn, 'iam:CreateAccessKey', probeUser)) {
      for (const arn of candidates(p.arn, 'iam:CreateAccessKey', userArns)) {
        if (skip.has(p.arn)) break;
        if (arn === p.arn) continue;
        const u = userByArn.get(arn)!;
        const state = credentials?.get(arn);
        const a = oracle.can(p.arn, 'iam:CreateAccessKey', arn);
        if (a.kind === 'denied') continue;
        // AWS "Manage access keys for IAM users": a user has at most two access keys.
        const del = ask(p.arn, 'iam:DeleteAccessKey', arn);
        let e: GraphEdge | undefined;
        if (state !== undefined && state.activeKeys < 2) e = addEdge(p.arn, arn, rule('iam.create-access-key'), a);
        else if (del.kind !== 'denied') e = addEdge(p.arn, arn, rule('iam.rotate-access-key'), both(a, del));
        else if (state === undefined) e = addEdge(p.arn, arn, rule('iam.create-access-key'), a, { prerequisites: ['the user has fewer than two access keys'] });
        reached(u, e);
        if (e !== undefined && !fullAdmins.has(arn)) addCombos(u, e);
      }
    }
    for (const [action, ruleId, wantPassword, pre] of [
      ['iam:CreateLoginProfile', 'iam.create-login-profile', false, 'the user has no console password yet'],
      ['iam:UpdateLoginProfile', 'iam.update-login-profile', true, 'the user has a console password'],
    ] as const) {
      if (!oracle.mayAllow(p.arn, action) || noUnconditionalHop(p.arn, action, probeUser)) continue;
      for (const arn of candidates(p.arn, action, userArns)) {
        if (skip.has(p.arn)) break;
        if (arn === p.arn) continue;
        const state = credentials?.get(arn);
        if (state !== undefined && state.password !== wantPassword) continue;
        const a = oracle.can(p.arn, action, arn);
        reached(userByArn.get(arn)!, addEdge(p.arn, arn, rule(ruleId), a, state === undefined ? { prerequisites: [pre] } : {}));
      }
    }
  }

  // 4. Compute that runs as a role: new (iam:PassRole) and existing. These hops fan out (every
  // principal with, say, lambda:UpdateFunctionCode × every role Lambda may assume), so a hop is
  // kept only toward a role from which admin is reachable (found by a fixpoint: a new hop can
  // make more roles useful), or when the caller can also make the role an administrator.
  const hasProfile = (role: Role): boolean => (snapshot.instanceProfilesOfRole.get(role.arn) ?? role.instanceProfileArns).length > 0;
  const passRules = [...RULES_BY_ID.values()].filter((x) => x.kind === 'pass-role' || x.kind === 'existing');
  interface Launcher {
    readonly p: User | Role;
    readonly rule: EscalationRule;
    readonly service: string;
    readonly answer: AccessAnswer;
    readonly passCache: Map<string, AccessAnswer>;
  }
  const launchers: Launcher[] = [];
  for (const p of principals) {
    if (skip.has(p.arn)) continue;
    const canPass = oracle.mayAllow(p.arn, 'iam:PassRole');
    const passCache = new Map<string, AccessAnswer>();
    for (const r of passRules) {
      if (r.kind === 'pass-role' && !canPass) continue;
      const perms = r.servicePermissions ?? [];
      if (!perms.every((a) => oracle.mayAllow(p.arn, a))) continue;
      const svc = askAll(p.arn, perms);
      if (svc.kind === 'denied') continue;
      // Every hop of this launcher would be conditional: dominated (see addEdge).
      if (dominated.has(p.arn) && (svc.kind === 'conditional' || (r.prerequisites ?? []).length > 0)) continue;
      for (const service of r.services ?? []) if (serviceRoles.has(service)) launchers.push({ p, rule: r, service, answer: svc, passCache });
    }
  }
  /** The hop of launcher `l` to `role`, evaluated (iam:PassRole on the role's ARN where the rule passes one). */
  const launch = (l: Launcher, role: Role, trust: AccessAnswer): { answer: AccessAnswer; prerequisites: string[] } => {
    const prerequisites = [...(l.rule.prerequisites ?? [])];
    if (l.rule.needsInstanceProfile && !hasProfile(role)) prerequisites.push('an instance profile holding the role (none in the snapshot)');
    let a = both(l.answer, trust);
    if (l.rule.kind === 'pass-role' && a.kind !== 'denied') {
      // AWS "Grant a user permissions to pass a role to an AWS service": iam:PassRole is
      // authorised on the role's ARN; `iam:PassedToService` names the receiving service.
      const ck = `${role.arn}\u0000${l.service}`;
      let pa = l.passCache.get(ck);
      if (pa === undefined) {
        pa = oracle.can(l.p.arn, 'iam:PassRole', role.arn, { 'iam:PassedToService': l.service });
        l.passCache.set(ck, pa);
      }
      a = both(a, pa);
    }
    return { answer: a, prerequisites };
  };
  // Grant + launch: the caller can make the role an administrator and run code as it.
  for (const l of launchers) {
    if (!mayGrant(l.p.arn)) continue;
    for (const { role, answer: trust } of serviceRoles.get(l.service) ?? []) {
      if (role.arn === l.p.arn || fullAdmins.has(role.arn)) continue;
      const grants = grantsOn(l.p.arn, role);
      if (grants.length === 0) continue;
      const h = launch(l, role, trust);
      if (h.answer.kind === 'denied') continue;
      for (const g of grants) {
        addEdge(l.p.arn, ADMIN_NODE, rule('grant+reach'), both(g.answer, h.answer), {
          permissions: [...new Set([...g.permissions, ...l.rule.permissions])],
          target: g.target ?? role.arn,
          prerequisites: h.prerequisites,
        });
      }
    }
  }
  // Existing compute: the caller runs code in whatever the service already runs; the service
  // node's trust hops (service → role) carry it on to each role, so one hop per rule suffices.
  for (const l of launchers) {
    if (l.rule.kind !== 'existing') continue;
    addEdge(l.p.arn, l.service, l.rule, l.answer, { prerequisites: [...(l.rule.prerequisites ?? [])] });
  }
  // 5. Grant + reach: make a principal one can use an administrator, in one hop to admin.
  const seen = new Set<string>();
  for (const { to, edge: reachEdge } of reach) {
    const from = reachEdge.from;
    if (fullAdmins.has(to.arn) || fullAdmins.has(from) || shadowAdmins.has(from) || !principalArns.has(from)) continue;
    const k = `${from}\u0000${to.arn}\u0000${reachEdge.method}`;
    if (seen.has(k)) continue;
    seen.add(k);
    addCombos(to, reachEdge);
  }

  const processed = new Set<string>();
  for (let round = 0; round < 64; round++) {
    const useful = reachingAdmin(edges, fullAdmins);
    const fresh = new Set([...useful].filter((n) => roleByArn.has(n) && !processed.has(n)));
    if (fresh.size === 0) break;
    for (const n of fresh) processed.add(n);
    for (const n of fresh) assumeInto(roleByArn.get(n)!, false);
    for (const l of launchers) {
      if (l.rule.kind !== 'pass-role') continue;
      for (const { role, answer: trust } of serviceRoles.get(l.service) ?? []) {
        if (!fresh.has(role.arn) || role.arn === l.p.arn) continue;
        const h = launch(l, role, trust);
        addEdge(l.p.arn, role.arn, l.rule, h.answer, { prerequisites: h.prerequisites });
      }
    }
  }

  const admins = [...new Set([...fullAdmins, ...shadowAdmins])].sort();
  for (const a of shadowAdmins) {
    const n = nodes.get(a);
    if (n) nodes.set(a, { ...n, admin: true });
  }
  return { nodes, edges, admins, fullAdmins: [...fullAdmins].sort() };
}

/** Nodes from which `admin` or a full administrator is reachable over `edges`. */
function reachingAdmin(edges: readonly GraphEdge[], fullAdmins: ReadonlySet<string>): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    const list = incoming.get(e.to);
    if (list) list.push(e.from);
    else incoming.set(e.to, [e.from]);
  }
  const out = new Set<string>([ADMIN_NODE, ...fullAdmins]);
  const queue = [...out];
  for (let i = 0; i < queue.length; i++) {
    for (const f of incoming.get(queue[i]!) ?? []) {
      if (!out.has(f)) {
        out.add(f);
        queue.push(f);
      }
    }
  }
  return out;
}

function isServiceLinked(arn: string): boolean {
  return arn.includes(':role/aws-service-role/');
}

function sortedArns(list: readonly { readonly arn: string }[]): string[] {
  return list.map((x) => x.arn).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The policy documents of a group (inline and attached, default versions). */
function groupDocuments(snapshot: Snapshot, g: Group): PolicyDocument[] {
  const out: PolicyDocument[] = g.inlinePolicies.map((p) => p.policy.document);
  for (const a of g.attachedPolicies) {
    const p = snapshot.byArn.get(a.arn);
    if (p?.kind === 'policy') out.push(p.defaultDocument.document);
  }
  return out;
}
