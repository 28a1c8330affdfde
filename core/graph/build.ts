// Builds the escalation graph of a snapshot: applies every rule of ./rules.ts, asking the access
// oracle each question with the full policy set (boundaries, SCPs, RCPs, explicit denies and
// trust policies decide), after cheap bitset pre-filters. Imports only core/.
import type { EscalationGraph, GraphEdge, GraphNode, GraphNodeKind } from '../model/graph';
import { ADMIN_NODE } from '../model/graph';
import type { PolicyDocument, PolicyPrincipal } from '../model/policy';
import type { Group, ManagedPolicy, Role, Snapshot, User } from '../model/snapshot';
import { getCatalog } from '../catalog/catalog';
import { innerList, innerMap } from './nested';
import { accountOnlyPolicyText, contextKey, createEvaluatorOracle, startsWithPrefix, grantsEverything, groupMemberArn, identityDocuments, type AccessAnswer, type AccessOracle, type QuestionContext } from './oracle';
import { CONDITIONAL_HOP, HOP } from './paths';
import { RULES_BY_ID, pathfindingIdOf, type EscalationRule } from './rules';

/** Options of `buildEscalationGraph`. */
export interface BuildGraphOptions {
  /** The access oracle to ask; defaults to one over the evaluation engine. */
  readonly oracle?: AccessOracle;
}

const ALLOWED: AccessAnswer = { kind: 'allowed' };
const NONE: readonly string[] = Object.freeze([]);
const DENIED: AccessAnswer = { kind: 'denied' };

/** What an answer adds to a path (paths.ts costs): Infinity when denied. */
function answerCost(a: AccessAnswer): number {
  return a.kind === 'allowed' ? HOP : a.kind === 'conditional' ? CONDITIONAL_HOP : Infinity;
}

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
  // The contexts of the grant questions: one object each, so their texts are cached.
  const policyContext: QuestionContext = { 'iam:PolicyARN': adminPolicy };
  const boundaryContext: QuestionContext = { 'iam:PermissionsBoundary': adminPolicy };
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

  type Extra = { prerequisites?: readonly string[]; permissions?: readonly string[]; target?: string };
  /** The hop `from` → `to` by rule `r`, not yet in the graph; undefined when denied. */
  const makeEdge = (from: string, to: string, r: EscalationRule, answer: AccessAnswer, extra: Extra = {}): GraphEdge | undefined => {
    if (answer.kind === 'denied' || from === to) return undefined;
    const prerequisites = [...(extra.prerequisites ?? [])];
    if (answer.kind === 'conditional') prerequisites.push(`a request context that satisfies the conditions on ${answer.missingKeys.map((k) => `\`${k}\``).join(', ')}`);
    const unique = [...new Set(prerequisites)];
    return {
      from,
      to,
      method: r.id,
      pathfindingId: pathfindingIdOf(r),
      permissions: extra.permissions ?? r.permissions,
      conditional: unique.length > 0,
      prerequisites: unique,
      ...(extra.target === undefined ? {} : { target: extra.target }),
    };
  };
  /** Puts a hop in the graph (once per caller, target, method and via). */
  const register = (edge: GraphEdge): GraphEdge => {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.method}\u0000${edge.target ?? ''}`;
    const old = edgeByKey.get(key);
    if (old !== undefined) return old;
    edgeByKey.set(key, edge);
    edges.push(edge);
    return edge;
  };
  const addEdge = (from: string, to: string, r: EscalationRule, answer: AccessAnswer, extra: Extra = {}): GraphEdge | undefined => {
    const e = makeEdge(from, to, r, answer, extra);
    return e === undefined ? undefined : register(e);
  };
  const costOf = (e: GraphEdge): number => (e.conditional ? CONDITIONAL_HOP : HOP);
  /** A hop found but not yet made an edge (most are never kept: building edges is deferred). */
  interface Hop {
    readonly from: string;
    readonly to: string;
    readonly r: EscalationRule;
    readonly answer: AccessAnswer;
    readonly extra?: Extra;
  }
  const hop = (from: string, to: string, r: EscalationRule, answer: AccessAnswer, extra?: Extra): Hop | undefined =>
    answer.kind === 'denied' || from === to ? undefined : extra === undefined ? { from, to, r, answer } : { from, to, r, answer, extra };
  const hopCost = (h: Hop): number => (h.answer.kind === 'conditional' || (h.extra?.prerequisites ?? []).length > 0 ? CONDITIONAL_HOP : HOP);
  const edgeOf = (h: Hop): GraphEdge => makeEdge(h.from, h.to, h.r, h.answer, h.extra)!;

  /** The ARNs of `sorted` the caller's identity policies may allow `action` on (prefix pre-filter). */
  const candidates = (p: string, action: string, sorted: readonly string[]): readonly string[] => {
    // A Deny that leaves only a few named resources: those of them in `sorted` the filters pass.
    const leaves = oracle.screenLeaves?.(p, action) ?? null;
    if (leaves !== null) return [...new Set(leaves)].filter((r) => includesSorted(sorted, r) && prefixAllows(p, action, r)).sort();
    const all = prefixCandidates(p, action, sorted);
    const screen = screenOf(p, action);
    return screen === null ? all : all.filter((r) => !screen(r));
  };
  const prefixCandidates = (p: string, action: string, sorted: readonly string[]): readonly string[] => {
    const prefixes = prefixesOf(p, action);
    if (prefixes === undefined) return [];
    if (prefixes === null) return sorted;
    const out = new Set<string>();
    for (const prefix of prefixes) {
      for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.add(sorted[i]!);
    }
    return [...out].sort();
  };
  /** Per action, per caller: its resource prefixes (undefined: not allowed at all). Nested maps: no key strings. */
  const prefixCache = new Map<string, Map<string, readonly string[] | null | undefined>>();
  const prefixesOf = (p: string, action: string): readonly string[] | null | undefined => {
    const byCaller = innerMap(prefixCache, action);
    if (byCaller.has(p)) return byCaller.get(p);
    const v = oracle.mayAllow(p, action) ? (oracle.resourcePrefixes?.(p, action) ?? null) : undefined;
    byCaller.set(p, v);
    return v;
  };
  const screenCache = new Map<string, Map<string, ((resource: string) => boolean) | null>>();
  /** The caller's unconditional-Deny screen for `action` (oracle.denyScreen), cached. */
  const screenOf = (p: string, action: string): ((resource: string) => boolean) | null => {
    const byCaller = innerMap(screenCache, action);
    let v = byCaller.get(p);
    if (v === undefined) {
      v = oracle.denyScreen?.(p, action) ?? null;
      byCaller.set(p, v);
    }
    return v;
  };
  const prefixAllows = (p: string, action: string, resource: string): boolean => {
    const prefixes = prefixesOf(p, action);
    if (prefixes === undefined || (prefixes !== null && !prefixes.some((x) => resource.startsWith(x)))) return false;
    const screen = screenOf(p, action);
    return screen === null || !screen(resource);
  };
  /**
   * Per IAM action (and given context), per caller, per resource account: the one answer for the
   * resources that no pattern of the caller's policies tells apart (oracle.distinctPrefixes). IAM
   * resources have no resource-based policies and no RCP governs IAM, so nothing else does.
   */
  const uniformAnswers = new Map<string, Map<string, Map<string, AccessAnswer>>>();
  const iamArnPrefix = `arn:${partition}:iam::`;
  const resourceAccounts = new Map<string, string>();
  const uniformAnswer = (p: string, action: string, resource: string, context?: QuestionContext): AccessAnswer | undefined => {
    if (!action.startsWith('iam:') || !resource.startsWith(iamArnPrefix)) return undefined;
    // Resources that start with none of the prefixes of the patterns that tell resources apart
    // (oracle.distinctPrefixes: none at all when every pattern is `*`) form one class.
    const prefixes = distinctOf(p, action);
    if (prefixes === null || prefixes.some((x) => startsWithPrefix(resource, x))) return undefined;
    let acct = resourceAccounts.get(resource);
    if (acct === undefined) {
      acct = accountOf(resource) ?? '';
      resourceAccounts.set(resource, acct);
    }
    // The contexts the graph gives are fixed per action (the admin policy's ARN): part of the key.
    const byCaller = innerMap(innerMap(uniformAnswers, action), context === undefined ? '' : contextKey(context));
    const key = acct === account ? p : `${p}\u0000${acct}`;
    let a = byCaller.get(key);
    if (a === undefined) {
      a = oracle.can(p, action, resource, context);
      byCaller.set(key, a);
    }
    return a;
  };
  const distinctCache = new Map<string, Map<string, readonly string[] | null>>();
  const distinctOf = (p: string, action: string): readonly string[] | null => {
    const byCaller = innerMap(distinctCache, action);
    let v = byCaller.get(p);
    if (v === undefined) {
      v = oracle.distinctPrefixes?.(p, action) ?? (oracle.resourceIndependent?.(p, action) === true ? [] : null);
      byCaller.set(p, v);
    }
    return v;
  };
  /** Answers per action (and context), caller and resource: the same policy or group is asked about for many targets. */
  const asked = new Map<string, Map<string, Map<string, AccessAnswer>>>();
  const ask = (p: string, action: string, resource: string, context?: QuestionContext): AccessAnswer => {
    if (!prefixAllows(p, action, resource)) return DENIED;
    const uniform = uniformAnswer(p, action, resource, context);
    if (uniform !== undefined) return uniform;
    const byCaller = innerMap(asked, context === undefined ? action : `${action}\u0000${contextKey(context)}`);
    const byResource = innerMap(byCaller, p);
    let a = byResource.get(resource);
    if (a === undefined) {
      a = oracle.can(p, action, resource, context);
      byResource.set(resource, a);
    }
    return a;
  };
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
  /** Per action: answers by caller, or by the key callers with the same answers share (oracle.answerKey: probes have no resource policy). */
  const serviceCache = new Map<string, Map<string, AccessAnswer>>();
  const askService = (p: string, action: string): AccessAnswer => {
    const byCaller = innerMap(serviceCache, action);
    const key = oracle.answerKey?.(p, action) ?? p;
    let a = byCaller.get(key);
    if (a === undefined) {
      a = askServiceUncached(p, action);
      byCaller.set(key, a);
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
  const attachedCache = new Map<string, ManagedPolicy[]>();
  const managedAttached = (t: User | Role): ManagedPolicy[] => {
    let list = attachedCache.get(t.arn);
    if (list === undefined) {
      list = customerAttached(t);
      attachedCache.set(t.arn, list);
    }
    return list;
  };
  const customerAttached = (t: User | Role): ManagedPolicy[] => {
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
  const boundaryCache = new Map<string, boolean>();
  const boundaryAllowsAll = (t: User | Role): boolean => {
    if (t.permissionsBoundary === undefined) return true;
    let v = boundaryCache.get(t.arn);
    if (v === undefined) {
      const b = snapshot.byArn.get(t.permissionsBoundary.arn);
      v = b?.kind === 'policy' ? grantsEverything([b.defaultDocument.document]) : true;
      boundaryCache.set(t.arn, v);
    }
    return v;
  };
  /** Policies with a non-default version that allows everything (SetDefaultPolicyVersion makes it apply). */
  const broaderCache = new Map<string, boolean>();
  const hasBroaderVersion = (mp: ManagedPolicy): boolean => {
    let v = broaderCache.get(mp.arn);
    if (v === undefined) {
      v = mp.versions.some((x) => !x.isDefault && x.policy !== undefined && grantsEverything([x.policy.document]));
      broaderCache.set(mp.arn, v);
    }
    return v;
  };
  const grantPerms = ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutGroupPolicy', 'iam:AttachGroupPolicy', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary'];
  const grantCallers = new Map<string, boolean>();
  const mayGrant = (p: string): boolean => {
    let v = grantCallers.get(p);
    if (v === undefined) {
      v = grantPerms.some((a) => oracle.mayAllow(p, a));
      grantCallers.set(p, v);
    }
    return v;
  };

  /**
   * The ways caller `p` can make `t` an administrator in IAM: AWS "AttachUserPolicy" /
   * "AttachRolePolicy" / "AttachGroupPolicy" are authorised on the identity with the `iam:PolicyARN`
   * key; "PutUserPolicy" / "PutRolePolicy" / "PutGroupPolicy" on the identity;
   * "CreatePolicyVersion" and "SetDefaultPolicyVersion" on the policy. A permissions boundary that
   * does not allow everything must go too (Delete…PermissionsBoundary on the identity).
   */
  const grantCache = new Map<string, Map<string, Grant[]>>();
  const grantsOn = (p: string, t: User | Role): Grant[] => {
    if (!mayGrant(p)) return [];
    const byTarget = innerMap(grantCache, p);
    let g = byTarget.get(t.arn);
    if (g === undefined) {
      g = computeGrants(p, t);
      byTarget.set(t.arn, g);
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
    raw.push({ rule: attachRule, answer: ask(p, attachRule.permissions[0]!, t.arn, policyContext), permissions: attachRule.permissions });
    if (oracle.mayAllow(p, 'iam:CreatePolicyVersion') || oracle.mayAllow(p, 'iam:SetDefaultPolicyVersion')) {
      for (const mp of managedAttached(t)) {
        const cpv = rule('iam.create-policy-version');
        raw.push({ rule: cpv, answer: ask(p, 'iam:CreatePolicyVersion', mp.arn), permissions: cpv.permissions, target: mp.arn });
        if (hasBroaderVersion(mp)) {
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
        raw.push({ rule: ag, answer: ask(p, 'iam:AttachGroupPolicy', g, policyContext), permissions: ag.permissions, target: g });
      }
    }
    const granted = raw.filter((g) => g.answer.kind !== 'denied');
    if (boundaryAllowsAll(t)) return granted;
    // AWS "Permissions boundaries for IAM entities": effective permissions are the intersection of
    // the identity policies and the boundary, so the boundary must be removed or replaced too.
    const del = rule(isUser ? 'iam.delete-user-permissions-boundary' : 'iam.delete-role-permissions-boundary');
    const put = rule(isUser ? 'iam.put-user-permissions-boundary' : 'iam.put-role-permissions-boundary');
    const delAns = ask(p, del.permissions[0]!, t.arn);
    const putAns = ask(p, put.permissions[0]!, t.arn, boundaryContext);
    const lift = delAns.kind !== 'denied' ? { r: del, a: delAns } : putAns.kind !== 'denied' ? { r: put, a: putAns } : undefined;
    if (lift === undefined) return [];
    // The principal's own policies may already allow everything: lifting the boundary is enough.
    if (grantsEverything(identityDocuments(snapshot, t))) out.push({ rule: lift.r, answer: lift.a, permissions: lift.r.permissions });
    for (const g of granted) out.push({ ...g, answer: both(g.answer, lift.a), permissions: [...g.permissions, ...lift.r.permissions] });
    return out;
  };

  /**
   * False when no way of computeGrants can make `t` an administrator for `p` at a cost below
   * `below` (paths.ts costs): each of its questions is asked (cached), stopping at the first that
   * could; the combinations computeGrants makes can only cost more.
   */
  const mayGrantBelow = (p: string, t: User | Role, below: number): boolean => {
    if (isServiceLinked(t.arn)) return false;
    const possible = (action: string, resource: string, context?: QuestionContext): boolean => {
      return answerCost(ask(p, action, resource, context)) < below;
    };
    const isUser = t.kind === 'user';
    if (possible(isUser ? 'iam:PutUserPolicy' : 'iam:PutRolePolicy', t.arn)) return true;
    if (possible(isUser ? 'iam:AttachUserPolicy' : 'iam:AttachRolePolicy', t.arn, policyContext)) return true;
    for (const mp of managedAttached(t)) {
      if (possible('iam:CreatePolicyVersion', mp.arn)) return true;
      if (hasBroaderVersion(mp) && possible('iam:SetDefaultPolicyVersion', mp.arn)) return true;
    }
    if (isUser) {
      for (const g of snapshot.groupsOfUser.get(t.arn) ?? []) {
        if (possible('iam:PutGroupPolicy', g) || possible('iam:AttachGroupPolicy', g, policyContext)) return true;
      }
    }
    // Lifting a boundary can only make an answer worse, except that alone it may be the way.
    if (!boundaryAllowsAll(t)) {
      if (possible(isUser ? 'iam:DeleteUserPermissionsBoundary' : 'iam:DeleteRolePermissionsBoundary', t.arn)) return true;
      if (possible(isUser ? 'iam:PutUserPermissionsBoundary' : 'iam:PutRolePermissionsBoundary', t.arn, boundaryContext)) return true;
    }
    return false;
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
      const a = both(both(ask(p.arn, 'iam:CreateUser', nu), ask(p.arn, 'iam:CreateAccessKey', nu)), ask(p.arn, 'iam:AttachUserPolicy', nu, policyContext));
      addEdge(p.arn, ADMIN_NODE, rule('iam.create-user'), a);
    }
    if (account !== '' && oracle.mayAllow(p.arn, 'iam:CreateRole')) {
      const nr = `arn:${partition}:iam::${account}:role/ariadne-new-role`;
      const a = both(ask(p.arn, 'iam:CreateRole', nr), ask(p.arn, 'iam:AttachRolePolicy', nr, policyContext));
      addEdge(p.arn, ADMIN_NODE, rule('iam.create-role'), a);
    }
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
      { r: 'iam.attach-user-policy', a: ask(m, 'iam:AttachUserPolicy', m, policyContext) },
      { r: 'iam.put-group-policy', a: ask(m, 'iam:PutGroupPolicy', g.arn), target: g.arn },
      { r: 'iam.attach-group-policy', a: ask(m, 'iam:AttachGroupPolicy', g.arn, policyContext), target: g.arn },
    ];
    for (const a of g.attachedPolicies) {
      const mp = snapshot.byArn.get(a.arn);
      if (mp?.kind === 'policy' && !mp.awsManaged) cands.push({ r: 'iam.create-policy-version', a: ask(m, 'iam:CreatePolicyVersion', mp.arn), target: mp.arn });
    }
    for (const c of cands) addEdge(g.arn, ADMIN_NODE, rule(c.r), c.a, c.target === undefined ? {} : { target: c.target });
  }
  const groupArns = sortedArns(snapshot.groups);
  for (const u of snapshot.users) {
    if (fullAdmins.has(u.arn)) continue;
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
        const ag = ask(u.arn, 'iam:AttachGroupPolicy', g, policyContext);
        const best = pg.kind === 'allowed' || ag.kind === 'denied' ? { r: 'iam.put-group-policy', a: pg } : { r: 'iam.attach-group-policy', a: ag };
        if (boundaryAllowsAll(u)) addEdge(u.arn, ADMIN_NODE, rule('grant+reach'), both(a, best.a), { permissions: ['iam:AddUserToGroup', ...rule(best.r).permissions], target: g });
      }
    }
  }
  /** The cost of each caller's best hop straight to admin so far. */
  const adminHop = new Map<string, number>();
  for (const e of edges) if (e.to === ADMIN_NODE) adminHop.set(e.from, Math.min(adminHop.get(e.from) ?? Infinity, costOf(e)));
  // INVARIANT: an admin's outgoing hops cannot shorten any path (it is already at distance 0 or
  // one unconditional hop from admin), so they are not computed.
  const settledEarly = (p: string): boolean => fullAdmins.has(p) || shadowAdmins.has(p) || adminHop.get(p) === HOP;

  // 3. Trust policies: who may assume each role (AWS "Cross-account policy evaluation logic" / "How
  // IAM roles differ from resource-based policies": the caller's identity policies must allow
  // sts:AssumeRole on the role and the trust policy must allow the caller; in the same account a
  // trust policy that names the principal itself is enough; the engine applies both).
  const credentials = parseCredentialReport(snapshot.credentialReport);
  const assumeIds = ['sts:AssumeRole'].map((a) => cat.actionId(a)).filter((x): x is number => x !== undefined);
  const samlIds = ['sts:AssumeRoleWithSAML'].map((a) => cat.actionId(a)).filter((x): x is number => x !== undefined);
  const webIds = ['sts:AssumeRoleWithWebIdentity'].map((a) => cat.actionId(a)).filter((x): x is number => x !== undefined);
  const serviceRoles = new Map<string, { role: Role; answer: AccessAnswer }[]>();
  const servicesOfRole = new Map<string, string[]>();
  const roleArns = sortedArns(snapshot.roles);
  const userArns = sortedArns(snapshot.users);
  const roleByArn = new Map(snapshot.roles.map((r) => [r.arn, r]));
  const userByArn = new Map(snapshot.users.map((u) => [u.arn, u]));
  const principalByArn = new Map(principals.map((p) => [p.arn, p]));
  const trustOf = new Map<string, TrustPrincipals>();
  /** Per role: the text its trust policy shares with other roles that are treated alike, if any. */
  const trustText = new Map<string, string>();
  for (const role of snapshot.roles) {
    const doc = role.trustPolicy?.document;
    const tp = trustPrincipals(doc, assumeIds);
    trustOf.set(role.arn, tp);
    if (doc !== undefined) {
      const text = accountOnlyPolicyText(doc);
      if (text !== undefined) trustText.set(role.arn, text);
    }
    const externals = new Set<string>();
    for (const v of tp.aws) {
      if (isAccountRoot(v)) {
        const acct = accountOf(v)!;
        if (acct !== account) externals.add(`arn:${partition}:iam::${acct}:root`);
      } else if (!principalArns.has(v)) externals.add(v);
    }
    if (tp.anyone) externals.add('*');
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
          servicesOfRole.set(role.arn, [...(servicesOfRole.get(role.arn) ?? []), f]);
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
      servicesOfRole.set(role.arn, [...(servicesOfRole.get(role.arn) ?? []), s]);
    }
  }

  /** Per role, per service it trusts: the trust policy's answer. */
  const serviceTrust = new Map<string, Map<string, AccessAnswer>>();
  for (const [s, list] of serviceRoles) for (const { role, answer } of list) innerMap(serviceTrust, role.arn).set(s, answer);
  const trustOfService = (role: string, service: string): AccessAnswer | undefined => serviceTrust.get(role)?.get(service);

  // 4. Compute that runs as a role: new (iam:PassRole) and existing.
  const hasProfile = (role: Role): boolean => (snapshot.instanceProfilesOfRole.get(role.arn) ?? role.instanceProfileArns).length > 0;
  const passRules = [...RULES_BY_ID.values()].filter((x) => x.kind === 'pass-role' || x.kind === 'existing');
  interface Launcher {
    readonly p: User | Role;
    readonly rule: EscalationRule;
    readonly service: string;
    /** The service permissions' answer, asked on first use (most launchers are never needed). */
    readonly svc: { answer?: AccessAnswer };
    /** iam:PassRole answers of the caller, per service and role. */
    readonly passCache: Map<string, Map<string, AccessAnswer>>;
    /** The least a hop of this launcher can cost before its answer is known (a prerequisite makes it conditional). */
    readonly minCost: number;
    /** Its position among the launchers (they are asked in that order). */
    readonly order: number;
  }
  const serviceAnswer = (l: Launcher): AccessAnswer => (l.svc.answer ??= askAll(l.p.arn, l.rule.servicePermissions ?? []));
  /** The least a hop of launcher `l` can cost, its service permissions asked (Infinity when denied). */
  const launcherCost = (l: Launcher): number => {
    return Math.max(answerCost(serviceAnswer(l)), l.minCost);
  };
  const launchers: Launcher[] = [];
  const launchersOf = new Map<string, Launcher[]>();
  for (const p of principals) {
    if (settledEarly(p.arn)) continue;
    const canPass = oracle.mayAllow(p.arn, 'iam:PassRole');
    const passCache = new Map<string, Map<string, AccessAnswer>>();
    for (const r of passRules) {
      if (r.kind === 'pass-role' && !canPass) continue;
      const perms = r.servicePermissions ?? [];
      if (!perms.every((a) => oracle.mayAllow(p.arn, a))) continue;
      const svc = {};
      const minCost = (r.prerequisites ?? []).length > 0 ? CONDITIONAL_HOP : HOP;
      for (const service of r.services ?? []) {
        if (!serviceRoles.has(service)) continue;
        const l: Launcher = { p, rule: r, service, svc, passCache, minCost, order: launchers.length };
        launchers.push(l);
        const list = launchersOf.get(p.arn);
        if (list) list.push(l);
        else launchersOf.set(p.arn, [l]);
      }
    }
  }
  const passContexts = new Map<string, QuestionContext>();
  /** The context of iam:PassRole to a service (one object per service: its text is cached). */
  const passContext = (service: string): QuestionContext => {
    let c = passContexts.get(service);
    if (c === undefined) {
      c = { 'iam:PassedToService': service };
      passContexts.set(service, c);
    }
    return c;
  };
  /** The hop of launcher `l` to `role`, evaluated (iam:PassRole on the role's ARN where the rule passes one). */
  const launch = (l: Launcher, role: Role, trust: AccessAnswer): { answer: AccessAnswer; prerequisites: readonly string[] } => {
    const prerequisites = l.rule.needsInstanceProfile && !hasProfile(role) ? [...(l.rule.prerequisites ?? []), 'an instance profile holding the role (none in the snapshot)'] : (l.rule.prerequisites ?? NONE);
    let a = both(serviceAnswer(l), trust);
    if (l.rule.kind === 'pass-role' && a.kind !== 'denied') {
      // AWS "Grant a user permissions to pass a role to an AWS service": iam:PassRole is
      // authorised on the role's ARN; `iam:PassedToService` names the receiving service.
      const byRole = innerMap(l.passCache, l.service);
      let pa = byRole.get(role.arn);
      if (pa === undefined) {
        pa = ask(l.p.arn, 'iam:PassRole', role.arn, passContext(l.service));
        byRole.set(role.arn, pa);
      }
      a = both(a, pa);
    }
    return { answer: a, prerequisites };
  };

  // Hops from a caller to one principal, not yet in the graph (each AWS rule cited where asked).
  /** sts:AssumeRole on the role (identity side and trust policy, both by the engine). */
  const trustedAccounts = new Map<string, Set<string>>();
  for (const role of snapshot.roles) trustedAccounts.set(role.arn, new Set([...trustOf.get(role.arn)!.aws].filter(isAccountRoot).map((v) => accountOf(v)!)));
  /** Per caller that treats every role alike, per trust text: the answer (see intoRole's doneUniform). */
  const assumeByText = new Map<string, Map<string, AccessAnswer>>();
  const assumeHop = (p: string, role: Role): Hop | undefined => {
    const tp = trustOf.get(role.arn)!;
    const named = tp.aws.has(p);
    if (!named && !tp.anyone && !trustedAccounts.get(role.arn)!.has(accountOf(p) ?? '')) return undefined;
    if (!named && !prefixAllows(p, 'sts:AssumeRole', role.arn)) return undefined;
    const text = named ? undefined : trustText.get(role.arn);
    let a: AccessAnswer | undefined;
    if (text !== undefined && oracle.resourceIndependent?.(p, 'sts:AssumeRole') === true) {
      const byText = innerMap(assumeByText, p);
      a = byText.get(text);
      if (a === undefined) {
        a = oracle.can(p, 'sts:AssumeRole', role.arn);
        byText.set(text, a);
      }
    } else a = oracle.can(p, 'sts:AssumeRole', role.arn);
    return hop(p, role.arn, rule('sts.assume-role'), a);
  };
  /** iam:UpdateAssumeRolePolicy on a role: rewrite its trust to name the caller, then assume it. */
  const updateTrustHop = (p: string, role: Role): Hop | undefined =>
    isServiceLinked(role.arn) ? undefined : hop(p, role.arn, rule('iam.update-assume-role-policy'), ask(p, 'iam:UpdateAssumeRolePolicy', role.arn));
  /** Credentials of another user: a new access key (AWS "Manage access keys for IAM users": at most two per user). */
  const accessKeyHop = (p: string, u: User): Hop | undefined => {
    const a = ask(p, 'iam:CreateAccessKey', u.arn);
    if (a.kind === 'denied') return undefined;
    const state = credentials?.get(u.arn);
    if (state !== undefined && state.activeKeys < 2) return hop(p, u.arn, rule('iam.create-access-key'), a);
    const del = ask(p, 'iam:DeleteAccessKey', u.arn);
    if (del.kind !== 'denied') return hop(p, u.arn, rule('iam.rotate-access-key'), both(a, del));
    if (state === undefined) return hop(p, u.arn, rule('iam.create-access-key'), a, { prerequisites: ['the user has fewer than two access keys'] });
    return undefined;
  };
  const LOGIN = [
    ['iam:CreateLoginProfile', 'iam.create-login-profile', false, 'the user has no console password yet'],
    ['iam:UpdateLoginProfile', 'iam.update-login-profile', true, 'the user has a console password'],
  ] as const;
  /** A console password for another user: set a first one, or change the existing one. */
  const loginHop = (p: string, u: User, which: (typeof LOGIN)[number]): Hop | undefined => {
    const [action, ruleId, wantPassword, pre] = which;
    const state = credentials?.get(u.arn);
    if (state !== undefined && state.password !== wantPassword) return undefined;
    return hop(p, u.arn, rule(ruleId), ask(p, action, u.arn), state === undefined ? { prerequisites: [pre] } : {});
  };
  /** Every one-hop way from `p` to principal `t` (for grant + reach). */
  const hopsTo = (p: string, t: User | Role, below: number): Hop[] => {
    const out: Hop[] = [];
    const keep = (h: Hop | undefined): void => {
      if (h !== undefined && hopCost(h) < below) out.push(h);
    };
    if (t.kind === 'role') {
      keep(assumeHop(p, t));
      keep(updateTrustHop(p, t));
      const services = servicesOfRole.get(t.arn);
      if (services !== undefined) {
        for (const l of launchersOf.get(p) ?? []) {
          // A launcher's hop costs at least launcherCost (its trust, pass and prerequisites only add).
          if (l.minCost >= below || launcherCost(l) >= below) continue;
          for (const s of services) {
            if (s !== l.service) continue;
            const h = launch(l, t, trustOfService(t.arn, s)!);
            keep(hop(p, t.arn, l.rule, h.answer, { prerequisites: h.prerequisites }));
          }
        }
      }
    } else {
      keep(accessKeyHop(p, t));
      for (const which of LOGIN) keep(loginHop(p, t, which));
    }
    return out;
  };

  // 5. Grant + reach: make a principal one can reach an administrator, in one hop to admin.
  const comboId = (grant: string, via: string): string => {
    // iam-015 / iam-018 name iam:CreateAccessKey; rotating a key (delete + create) is the same hop.
    const id = `${grant}+${via === 'iam.rotate-access-key' ? 'iam.create-access-key' : via}`;
    return RULES_BY_ID.has(id) ? id : 'grant+reach';
  };
  /** Adds the caller's grant + reach hops to admin through `to`; only ones better than its best so far. */
  const addCombos = (to: User | Role, reachEdge: GraphEdge): void => {
    const from = reachEdge.from;
    const via = reachEdge.method;
    const viaRule = rule(via);
    const reachAnswer: AccessAnswer = reachEdge.conditional ? { kind: 'conditional', missingKeys: [] } : ALLOWED;
    for (const g of grantsOn(from, to)) {
      const answer = both(g.answer, reachAnswer);
      const e = makeEdge(from, ADMIN_NODE, rule(comboId(g.rule.id, via)), answer.kind === 'conditional' && answer.missingKeys.length === 0 ? ALLOWED : answer, {
        permissions: [...new Set([...g.permissions, ...viaRule.permissions])],
        target: g.target ?? to.arn,
        prerequisites: reachEdge.prerequisites,
      });
      // INVARIANT (paths.ts costs): a hop to admin no cheaper than the caller's best one cannot change its path.
      if (e === undefined || costOf(e) >= (adminHop.get(from) ?? Infinity)) continue;
      register(e);
      adminHop.set(from, costOf(e));
    }
  };
  // The principals a caller may make administrators: its grant permissions' pre-filters, asked
  // only of the principals it may reach (reachTargets below).
  const probe = (kind: string): string => `arn:${partition}:iam::${account}:${kind}/ariadne-probe`;
  const adminContext: Record<string, QuestionContext> = {
    'iam:AttachRolePolicy': policyContext,
    'iam:AttachUserPolicy': policyContext,
    'iam:AttachGroupPolicy': policyContext,
    'iam:PutRolePermissionsBoundary': boundaryContext,
    'iam:PutUserPermissionsBoundary': boundaryContext,
  };
  /** The context a grant permission is asked with (the admin policy's ARN where the action names one). */
  const grantContext = (action: string): QuestionContext | undefined => (Object.hasOwn(adminContext, action) ? adminContext[action] : undefined);
  /** Per caller and grant action: false when its policies treat every resource alike and deny the probe (no target at all). */
  const grantOpen = new Map<string, Map<string, boolean>>();
  const grantable = (p: string, action: string, kind: string, resource: string): boolean => {
    const byCaller = innerMap(grantOpen, action);
    let open = byCaller.get(p);
    if (open === undefined) {
      open = !(account !== '' && oracle.resourceIndependent?.(p, action) === true && ask(p, action, probe(kind), grantContext(action)).kind === 'denied');
      byCaller.set(p, open);
    }
    return open && prefixAllows(p, action, resource);
  };
  const ROLE_GRANTS = ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'];
  const USER_GRANTS = ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'];
  /**
   * True when caller `p` may use a grant permission on `t` by the pre-filters (prefixes, deny
   * screens, the probe): on the principal itself, on a customer managed policy it holds (directly
   * or through a group), or on a group it belongs to.
   */
  const isGrantTarget = (p: string, t: User | Role): boolean => {
    const isUser = t.kind === 'user';
    for (const a of isUser ? USER_GRANTS : ROLE_GRANTS) if (grantable(p, a, isUser ? 'user' : 'role', t.arn)) return true;
    for (const mp of managedAttached(t)) for (const a of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']) if (grantable(p, a, 'policy', mp.arn)) return true;
    if (isUser) for (const g of snapshot.groupsOfUser.get(t.arn) ?? []) for (const a of ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy']) if (grantable(p, a, 'group', g)) return true;
    return false;
  };
  // The principals a caller may reach in one hop, by the same prefix pre-filters and the trust
  // policies' principals: grants are asked only of principals in both sets.
  const trustedBy = new Map<string, string[]>();
  const trust = (key: string, role: string): void => {
    const list = trustedBy.get(key);
    if (list) list.push(role);
    else trustedBy.set(key, [role]);
  };
  for (const role of snapshot.roles) {
    const tp = trustOf.get(role.arn)!;
    for (const v of tp.aws) trust(isAccountRoot(v) ? `account:${accountOf(v)!}` : v, role.arn);
    if (tp.anyone) trust('*', role.arn);
  }
  const reachTargets = (p: string): Set<string> => {
    const out = new Set<string>();
    const addAll = (list: readonly string[] | undefined): void => {
      for (const x of list ?? []) out.add(x);
    };
    addAll(trustedBy.get(p));
    addAll(trustedBy.get('*'));
    if (oracle.mayAllow(p, 'sts:AssumeRole')) for (const r of trustedBy.get(`account:${accountOf(p) ?? ''}`) ?? []) if (prefixAllows(p, 'sts:AssumeRole', r)) out.add(r);
    addAll(candidates(p, 'iam:UpdateAssumeRolePolicy', roleArns));
    for (const l of launchersOf.get(p) ?? []) {
      if (serviceAnswer(l).kind === 'denied') continue;
      for (const { role } of serviceRoles.get(l.service) ?? []) if (l.rule.kind === 'existing' || prefixAllows(p, 'iam:PassRole', role.arn)) out.add(role.arn);
    }
    addAll(candidates(p, 'iam:CreateAccessKey', userArns));
    addAll(candidates(p, 'iam:CreateLoginProfile', userArns));
    addAll(candidates(p, 'iam:UpdateLoginProfile', userArns));
    return out;
  };
  // Targets a caller's policies treat alike (no pattern that tells resources apart names them:
  // oracle.distinctPrefixes) and that look alike to every question of grantsOn and hopsTo (the
  // shape below) give the same answers: the first of each shape stands for the others.
  const shapes = new Map<string, string>();
  const shapeOf = (t: User | Role): string => {
    let shape = shapes.get(t.arn);
    if (shape === undefined) {
      const parts: unknown[] = [t.kind, accountOf(t.arn), isServiceLinked(t.arn), boundaryAllowsAll(t)];
      if (!boundaryAllowsAll(t)) parts.push(t.permissionsBoundary?.arn, grantsEverything(identityDocuments(snapshot, t)));
      parts.push(managedAttached(t).map((mp) => `${mp.arn}${hasBroaderVersion(mp) ? '+' : ''}`).sort());
      if (t.kind === 'role') {
        parts.push(trustText.get(t.arn) ?? t.arn, hasProfile(t), (servicesOfRole.get(t.arn) ?? []).map((x) => [x, trustOfService(t.arn, x)]));
      } else parts.push([...(snapshot.groupsOfUser.get(t.arn) ?? [])].sort(), credentials?.get(t.arn) ?? null);
      shape = JSON.stringify(parts);
      shapes.set(t.arn, shape);
    }
    return shape;
  };
  const ROLE_QUESTIONS = ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary', 'sts:AssumeRole', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole'];
  const USER_QUESTIONS = ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary', 'iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'];
  /** The prefixes that tell targets of a kind apart for the caller, or null when they cannot be told. */
  const telling = (p: string, questions: readonly string[]): readonly string[] | null => {
    const out: string[] = [];
    for (const a of questions) {
      if (!oracle.mayAllow(p, a)) continue;
      const x = distinctOf(p, a);
      if (x === null) return null;
      out.push(...x);
    }
    return out;
  };
  const GRANT_KINDS: readonly (readonly [string, string])[] = [
    ...ROLE_GRANTS.map((a) => [a, 'role'] as const),
    ...USER_GRANTS.map((a) => [a, 'user'] as const),
    ['iam:CreatePolicyVersion', 'policy'],
    ['iam:SetDefaultPolicyVersion', 'policy'],
    ['iam:PutGroupPolicy', 'group'],
    ['iam:AttachGroupPolicy', 'group'],
  ];
  const GRANTS = GRANT_KINDS.map(([a]) => a);
  /**
   * False when no grant permission of `p` can make a principal of the account an administrator at
   * a cost below `below`: each is denied, or its policies tell no resource apart (every pattern is
   * `*`) and their one answer, asked on a probe of the resource's kind, costs as much.
   */
  const grantBelowAnywhere = (p: string, below: number): boolean => {
    if (account === '') return true;
    for (const [action, kind] of GRANT_KINDS) {
      if (!oracle.mayAllow(p, action)) continue;
      const distinct = distinctOf(p, action);
      if (distinct === null || distinct.length > 0) return true;
      if (answerCost(ask(p, action, probe(kind), grantContext(action))) < below) return true;
    }
    return false;
  };
  /** True when its Denies leave the caller every grant permission on nothing but itself (oracle.screenLeaves): no target. */
  const grantsOnlySelf = (p: string): boolean =>
    GRANTS.every((a) => {
      if (!oracle.mayAllow(p, a)) return true;
      const leaves = oracle.screenLeaves?.(p, a) ?? null;
      return leaves !== null && leaves.every((x) => x === p);
    });
  for (const p of principals) {
    if (settledEarly(p.arn) || !mayGrant(p.arn) || grantsOnlySelf(p.arn) || !grantBelowAnywhere(p.arn, adminHop.get(p.arn) ?? Infinity)) continue;
    // The principals it may reach and make administrators, in ARN order.
    const targets: string[] = [];
    for (const arn of reachTargets(p.arn)) {
      const t = principalByArn.get(arn);
      if (t !== undefined && arn !== p.arn && !fullAdmins.has(arn) && isGrantTarget(p.arn, t)) targets.push(arn);
    }
    if (targets.length === 0) continue;
    targets.sort();
    const tellRoles = telling(p.arn, ROLE_QUESTIONS);
    const tellUsers = telling(p.arn, USER_QUESTIONS);
    const seenShapes = new Set<string>();
    for (const arn of targets) {
      const best = adminHop.get(p.arn) ?? Infinity;
      if (best === HOP) break;
      const t = principalByArn.get(arn)!;
      const tell = t.kind === 'role' ? tellRoles : tellUsers;
      if (tell !== null && !tell.some((x) => startsWithPrefix(arn, x)) && !(t.kind === 'role' && trustOf.get(arn)!.aws.has(p.arn))) {
        const shape = shapeOf(t);
        if (seenShapes.has(shape)) continue;
        seenShapes.add(shape);
      }
      // INVARIANT (paths.ts costs): a combination is no cheaper than its grant or its reach hop,
      // so with a conditional hop to admin already, only unconditional ones can make a better one.
      if (!mayGrantBelow(p.arn, t, best) || !grantsOn(p.arn, t).some((g) => answerCost(g.answer) < best)) continue;
      const hops = hopsTo(p.arn, t, best);
      if (hops.length === 0) continue;
      for (const h of hops) addCombos(t, edgeOf(h));
    }
  }

  // 6. Hops toward the principals from which admin is reachable, found by a search backwards from
  // admin (Dijkstra, the costs of paths.ts): when a node settles at distance d, the hops into it are
  // asked of the callers that could still get closer than they are (d + the hop's cost below their
  // best so far), and only a hop that brings its caller closer is kept. Every shortest path of
  // paths.ts is in the result; hops that can lead nowhere near admin are never asked.
  const dist = new Map<string, number>();
  const settled = new Set<string>();
  const heap = new Heap();
  const relax = (node: string, cost: number): boolean => {
    if (settled.has(node) || cost >= (dist.get(node) ?? Infinity)) return false;
    dist.set(node, cost);
    heap.push(cost, node);
    return true;
  };
  /** The node each caller's best hop so far leads to. */
  const bestTo = new Map<string, string>();
  /**
   * Keeps hop `e` into a node settled at `d` when it brings its caller closer, or as close by
   * another method into the same node (so every way of taking that step is shown).
   */
  const offer = (h: Hop | undefined, d: number): void => {
    if (h === undefined || fullAdmins.has(h.from)) return;
    const cost = d + hopCost(h);
    if (relax(h.from, cost)) {
      bestTo.set(h.from, h.to);
      register(edgeOf(h));
    } else if (cost === dist.get(h.from) && bestTo.get(h.from) === h.to && !settled.has(h.from)) register(edgeOf(h));
  };
  /** True when caller `p` could still get closer through a hop into a node at `d` of at least `minCost`. */
  const open = (p: string, d: number, minCost = HOP, into?: string): boolean => {
    if (settled.has(p) || fullAdmins.has(p)) return false;
    const best = dist.get(p) ?? Infinity;
    return d + minCost < best || (into !== undefined && d + minCost === best && bestTo.get(p) === into);
  };
  const eagerInto = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const list = eagerInto.get(e.to);
    if (list) list.push(e);
    else eagerInto.set(e.to, [e]);
  }
  /** The callers with `action`, with their resource prefixes, in principal order. */
  interface Caller {
    /** The caller's position among the principals (callers are asked in that order). */
    readonly index: number;
    readonly arn: string;
    readonly prefixes: readonly string[] | null;
    readonly independent: boolean;
    /** For sts:AssumeRole callers: the key of callers with the same answers (oracle.answerKey). */
    readonly key?: string | undefined;
  }
  const callerLists = new Map<string, Caller[]>();
  const callersOf = (action: string): Caller[] => {
    let list = callerLists.get(action);
    if (list === undefined) {
      list = [];
      for (const [index, p] of principals.entries()) {
        if (fullAdmins.has(p.arn) || !oracle.mayAllow(p.arn, action)) continue;
        list.push({ index, arn: p.arn, prefixes: oracle.resourcePrefixes?.(p.arn, action) ?? null, independent: oracle.resourceIndependent?.(p.arn, action) === true });
      }
      callerLists.set(action, list);
    }
    return list;
  };
  const passes = (c: Caller, resource: string): boolean => c.prefixes === null || c.prefixes.some((x) => resource.startsWith(x));
  /**
   * Callers whose side treats every resource alike, asked once per account and trust text: the
   * first role settled with that text is the closest, so later ones cannot bring them closer.
   */
  const doneUniform = new Set<string>();
  /** Per account and trust text: the callers asked already for a role of that text their policies do not tell apart. */
  const doneDefault = new Map<string, Map<string, true>>();
  /**
   * The sts:AssumeRole callers of one account, split so that a role's question reaches only the
   * callers whose pre-filter its ARN passes: those whose side treats every resource alike, and the
   * others by the literal prefixes of the resources they may be allowed (PrefixIndex).
   */
  interface AccountCallers {
    readonly independent: Caller[];
    readonly others: PrefixIndex<Caller>;
  }
  const assumeCallersByAccount = new Map<string, AccountCallers>();
  const assumeCallersOf = (acct: string): AccountCallers => {
    let group = assumeCallersByAccount.get(acct);
    if (group === undefined) {
      group = { independent: [], others: prefixIndex() };
      for (const c of callersOf('sts:AssumeRole')) {
        if (accountOf(c.arn) !== acct) continue;
        const keyed: Caller = { ...c, key: oracle.answerKey?.(c.arn, 'sts:AssumeRole') };
        if (c.independent) group.independent.push(keyed);
        else indexUnder(group.others, keyed, c.prefixes);
      }
      assumeCallersByAccount.set(acct, group);
    }
    return group;
  };
  const intoRole = (role: Role, d: number): void => {
    const tp = trustOf.get(role.arn)!;
    const text = trustText.get(role.arn);
    const asked = new Set<string>();
    for (const v of tp.aws) {
      if (principalArns.has(v)) {
        if (!open(v, d)) continue;
        asked.add(v);
        offer(assumeHop(v, role), d);
      } else if (isAccountRoot(v)) {
        const acct = accountOf(v)!;
        const uniformKey = text === undefined ? undefined : `${acct}\u0000${text}`;
        const skipUniform = uniformKey !== undefined && doneUniform.has(uniformKey);
        const group = assumeCallersOf(acct);
        // A trust policy that names only accounts and reads nothing of the caller (it has a
        // shared text) answers alike for callers with the same answer key: asked once for them.
        const byKey = text === undefined ? undefined : new Map<string, AccessAnswer>();
        // INVARIANT: settle distances never decrease, so a caller that no hop into this node can
        // bring closer is not brought closer by any later one: it leaves the lists.
        const isOpen = (c: Caller): boolean => open(c.arn, d);
        const chosen: Caller[] = [];
        if (!skipUniform) keepInto(group.independent, isOpen, chosen);
        itemsFor(group.others, role.arn, isOpen, chosen);
        // Asked in principal order (a caller with several matching prefixes once).
        chosen.sort((x, y) => x.index - y.index);
        // A caller whose policies do not tell this role apart from others (no pattern of theirs
        // names it) answers as for every such role with the same trust text: the first one
        // settled is the closest, so it is asked once (see doneUniform).
        const doneText = uniformKey === undefined ? undefined : innerMap(doneDefault, uniformKey);
        for (const c of chosen) {
          if (asked.has(c.arn)) continue;
          asked.add(c.arn);
          if (doneText !== undefined) {
            const tell = distinctOf(c.arn, 'sts:AssumeRole');
            if (tell !== null && !tell.some((x) => startsWithPrefix(role.arn, x))) {
              if (doneText.has(c.arn)) continue;
              doneText.set(c.arn, true);
            }
          }
          let a = byKey === undefined || c.key === undefined ? undefined : byKey.get(c.key);
          if (a === undefined) {
            a = oracle.can(c.arn, 'sts:AssumeRole', role.arn);
            if (byKey !== undefined && c.key !== undefined) byKey.set(c.key, a);
          }
          offer(hop(c.arn, role.arn, rule('sts.assume-role'), a), d);
        }
        if (uniformKey !== undefined) doneUniform.add(uniformKey);
      }
    }
    if (tp.anyone) {
      for (const p of principals) {
        if (asked.has(p.arn) || !open(p.arn, d)) continue;
        offer(hop(p.arn, role.arn, rule('sts.assume-role'), oracle.can(p.arn, 'sts:AssumeRole', role.arn)), d);
      }
    }
    const updaters = callersOf('iam:UpdateAssumeRolePolicy');
    let kept = 0;
    for (const c of updaters) {
      if (!open(c.arn, d, HOP, role.arn)) continue;
      updaters[kept++] = c;
      if (passes(c, role.arn)) offer(updateTrustHop(c.arn, role), d);
    }
    updaters.length = kept;
    for (const s of servicesOfRole.get(role.arn) ?? []) {
      const trust = trustOfService(role.arn, s)!;
      const group = passersByService.get(s);
      if (group === undefined) continue;
      // Only launchers whose iam:PassRole pre-filter can name this role give a hop: the others
      // are not visited (nor their service permissions asked); in launcher order.
      const chosen: Launcher[] = [];
      itemsFor(group, role.arn, (l) => open(l.p.arn, d, l.minCost, role.arn), chosen);
      chosen.sort((x, y) => x.order - y.order);
      // A caller's launchers are next to each other: its pre-filter (deny screens) is asked once.
      let lastCaller = '';
      let passable = false;
      let last: Launcher | undefined;
      for (const l of chosen) {
        if (l === last) continue;
        last = l;
        if (l.p.arn !== lastCaller) {
          lastCaller = l.p.arn;
          passable = prefixAllows(l.p.arn, 'iam:PassRole', role.arn);
        }
        if (!passable || !open(l.p.arn, d, launcherCost(l), role.arn)) continue;
        const h = launch(l, role, trust);
        offer(hop(l.p.arn, role.arn, l.rule, h.answer, { prerequisites: h.prerequisites }), d);
      }
    }
  };
  const launchersByService = new Map<string, Launcher[]>();
  /** Per service: pass-role launchers by the literal prefixes of the roles their callers may pass. */
  const passersByService = new Map<string, PrefixIndex<Launcher>>();
  for (const l of launchers) {
    if (l.rule.kind !== 'pass-role') {
      innerList(launchersByService, l.service).push(l);
      continue;
    }
    let group = passersByService.get(l.service);
    if (group === undefined) {
      group = prefixIndex();
      passersByService.set(l.service, group);
    }
    const prefixes = prefixesOf(l.p.arn, 'iam:PassRole');
    if (prefixes !== undefined) indexUnder(group, l, prefixes);
  }
  // Existing compute: the caller runs code in whatever the service already runs; the service
  // node's trust hops (service → role) carry it on to each role, so one hop per rule suffices.
  const intoService = (s: string, d: number): void => {
    for (const l of launchersByService.get(s) ?? []) {
      if (!open(l.p.arn, d, l.minCost, s) || !open(l.p.arn, d, launcherCost(l), s)) continue;
      offer(hop(l.p.arn, s, l.rule, serviceAnswer(l), { prerequisites: [...(l.rule.prerequisites ?? [])] }), d);
    }
  };
  const intoUser = (u: User, d: number): void => {
    for (const [action, hop] of userHops) {
      const list = callersOf(action);
      let kept = 0;
      for (const c of list) {
        if (!open(c.arn, d, HOP, u.arn)) continue;
        list[kept++] = c;
        if (passes(c, u.arn)) offer(hop(c.arn, u), d);
      }
      list.length = kept;
    }
  };
  const userHops: readonly (readonly [string, (p: string, u: User) => Hop | undefined])[] = [
    ['iam:CreateAccessKey', accessKeyHop],
    ...LOGIN.map((which) => [which[0], (p: string, u: User) => loginHop(p, u, which)] as const),
  ];

  relax(ADMIN_NODE, 0);
  for (const a of [...fullAdmins].sort()) relax(a, 0);
  while (heap.size > 0) {
    const [d, node] = heap.pop();
    if (settled.has(node) || d > (dist.get(node) ?? Infinity)) continue;
    settled.add(node);
    for (const e of eagerInto.get(node) ?? []) if (!fullAdmins.has(e.from)) relax(e.from, d + costOf(e));
    const role = roleByArn.get(node);
    if (role !== undefined) intoRole(role, d);
    const user = userByArn.get(node);
    if (user !== undefined) intoUser(user, d);
    if (nodes.get(node)?.kind === 'service') intoService(node, d);
  }

  const admins = [...new Set([...fullAdmins, ...shadowAdmins])].sort();
  for (const a of shadowAdmins) {
    const n = nodes.get(a);
    if (n) nodes.set(a, { ...n, admin: true });
  }
  return { nodes, edges, admins, fullAdmins: [...fullAdmins].sort() };
}

/** A binary min-heap of (cost, node), ties in insertion order (so the search is deterministic). */
class Heap {
  private readonly items: { cost: number; seq: number; node: string }[] = [];
  private seq = 0;
  get size(): number {
    return this.items.length;
  }
  private less(a: { cost: number; seq: number }, b: { cost: number; seq: number }): boolean {
    return a.cost < b.cost || (a.cost === b.cost && a.seq < b.seq);
  }
  push(cost: number, node: string): void {
    const v = this.items;
    const item = { cost, seq: this.seq++, node };
    let i = v.length;
    v.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(item, v[parent]!)) break;
      v[i] = v[parent]!;
      i = parent;
    }
    v[i] = item;
  }
  pop(): [number, string] {
    const v = this.items;
    const top = v[0]!;
    const last = v.pop()!;
    const n = v.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && this.less(v[r]!, v[l]!) ? r : l;
        if (!this.less(v[m]!, last)) break;
        v[i] = v[m]!;
        i = m;
      }
      v[i] = last;
    }
    return [top.cost, top.node];
  }
}

function isServiceLinked(arn: string): boolean {
  return arn.includes(':role/aws-service-role/');
}

/** Items under the literal prefixes of the resources they may name; `broad` ones may name any. */
interface PrefixIndex<T> {
  readonly broad: T[];
  readonly byPrefix: Map<string, T[]>;
}

function prefixIndex<T>(): PrefixIndex<T> {
  return { broad: [], byPrefix: new Map() };
}

/** Puts `item` under each of its prefixes, or with the broad ones (null: any resource). */
function indexUnder<T>(index: PrefixIndex<T>, item: T, prefixes: readonly string[] | null): void {
  if (prefixes === null) index.broad.push(item);
  else for (const prefix of new Set(prefixes)) innerList(index.byPrefix, prefix).push(item);
}

/** Adds to `into` the items of `list` that `keep` keeps, and drops the others from `list` for good. */
function keepInto<T>(list: T[], keep: (item: T) => boolean, into: T[]): void {
  let kept = 0;
  for (const item of list) {
    if (!keep(item)) continue;
    list[kept++] = item;
    into.push(item);
  }
  list.length = kept;
}

/** Adds to `into` the items of `index` that may name `resource` and that `keep` keeps (see keepInto); an item under several matching prefixes comes once per prefix. */
function itemsFor<T>(index: PrefixIndex<T>, resource: string, keep: (item: T) => boolean, into: T[]): void {
  keepInto(index.broad, keep, into);
  for (const [prefix, list] of index.byPrefix) if (resource.startsWith(prefix)) keepInto(list, keep, into);
}

/** The first index of `sorted` (ascending) whose value is not below `value` (binary search). */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `sorted` (ascending) holds `value`. */
function includesSorted(sorted: readonly string[], value: string): boolean {
  return sorted[lowerBound(sorted, value)] === value;
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
