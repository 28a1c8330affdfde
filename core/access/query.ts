// can / who-can over a compiled snapshot: builds each request's policy set from precompiled
// policies, filters principals by action bitsets, and delegates every decision to the evaluator.
// Imports only core/; no node:*, no DOM.
import {
  compilePolicySet,
  decidePrepared,
  evaluatePrepared,
  type CompiledLevel,
  type CompiledPolicy,
  type CompiledPolicySet,
} from '../evaluate/engine';
import { listedForms, matchPrincipal } from '../evaluate/principal';
import { buildContext, parsePrincipal, type PreparedRequest } from '../evaluate/request';
import type {
  AppliedPolicies,
  RequiredCondition,
  CanQuery,
  CanResult,
  QueryContext,
  WhoCanEntry,
  WhoCanQuery,
  WhoCanResult,
  AccessPrincipalKind,
} from '../model/access';
import type { ContextValue, RequestContext } from '../model/context';
import type { Diagnostic } from '../model/diagnostic';
import type { PolicyDocument } from '../model/policy';
import type {
  EvaluationResult,
  LayerResult,
  PolicyKind,
  PrincipalInfo,
  StatementResult,
} from '../model/evaluate';
import { parseArn } from '../policy/arn';
import {
  slimUnit,
  statementLabel,
  type CompiledAccess,
  type CompiledOrgPath,
  type PolicyUnit,
  type PrincipalAccess,
  type ResourceUnit,
  type StatementInfo,
} from './compile';
import { decideWithContext, type DecidedAccess } from './conditional';

/** An error in an access query (unknown principal, bad ARN), one line. */
export class AccessError extends Error {}

/**
 * Policies a query adds to every evaluation (SPEC.md simulation cases `session` and `endpoint`).
 * AWS "Session policies" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session):
 * a session's permissions are the intersection of its identity-based policies and the session
 * policy. AWS PrivateLink "Control access to VPC endpoints using endpoint policies"
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html): a request through
 * an endpoint must also be allowed by the endpoint's policy, which grants nothing by itself.
 */
export interface QueryPolicies {
  /** A session policy the principals' sessions carry; null or absent for none. */
  readonly session?: PolicyDocument | null;
  /** The VPC endpoint policies on the request's path; null, absent or empty for none. */
  readonly endpoint?: readonly PolicyDocument[] | null;
}

/** A query's session and endpoint policies compiled as units, and what they read. */
interface Extra {
  readonly session: PolicyUnit | null;
  readonly endpoint: readonly PolicyUnit[];
  /** Some statement reads who the principal is (its name, ARN, id). */
  readonly personal: boolean;
  /** Some statement reads the principal's tags. */
  readonly readsTags: boolean;
}

const NO_EXTRA: Extra = { session: null, endpoint: [], personal: false, readsTags: false };

/** Compiles a query's session and endpoint policies; throws AccessError naming the first error. */
function extraOf(c: CompiledAccess, q: QueryPolicies): Extra {
  const session = q.session ?? null;
  const endpoint = q.endpoint ?? [];
  if (session === null && endpoint.length === 0) return NO_EXTRA;
  const diagnostics: Diagnostic[] = [];
  const compileOne = (label: string, doc: PolicyDocument, kind: 'session' | 'endpoint'): PolicyUnit => {
    const r = c.queryUnit(label, doc, kind);
    diagnostics.push(...r.diagnostics);
    return r.unit;
  };
  const s = session === null ? null : compileOne('session', session, 'session');
  const e = endpoint.map((doc, i) => compileOne(`endpoint[${i}]`, doc, 'endpoint'));
  const bad = diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new AccessError(bad.path ? `${bad.path}: ${bad.message}` : bad.message);
  const all = s ? [s, ...e] : e;
  // An endpoint statement naming principals (not `*`) treats principals differently: no sharing.
  const namesPrincipals = e.some((u) =>
    u.statements.some((st) => st.principal !== null && (st.principal.not || !st.principal.spec.any)),
  );
  return {
    session: s,
    endpoint: e,
    personal: namesPrincipals || all.some((u) => u.principalDependent),
    readsTags: all.some((u) => u.readsTags),
  };
}

/** The units of each layer of one evaluation, to name its statements. */
interface LayerUnits {
  readonly identity: readonly PolicyUnit[];
  readonly boundary: readonly PolicyUnit[];
  readonly resource: readonly PolicyUnit[];
  readonly scp: readonly PolicyUnit[];
  readonly rcp: readonly PolicyUnit[];
  readonly session: readonly PolicyUnit[];
  readonly endpoint: readonly PolicyUnit[];
}

/** Rewrites statement ids positionally: each layer lists its policies' statements in order. */
function relabel(result: EvaluationResult, units: LayerUnits): EvaluationResult {
  const byKind: Partial<Record<PolicyKind, readonly PolicyUnit[]>> = units;
  const layers: LayerResult[] = result.explain.layers.map((layer) => {
    const list = byKind[layer.kind];
    if (!list || layer.statements.length === 0) return layer;
    const labels: string[] = [];
    for (const u of list) for (const st of u.statements) labels.push(statementLabel(u.label, st.index));
    const statements: StatementResult[] = layer.statements.map((st, i) => {
      const label = labels[i];
      if (label === undefined) return st;
      return { ...st, id: label };
    });
    return { ...layer, statements };
  });
  // `deciding`: the matching Deny statements for an explicit deny, else every matching Allow.
  const deciding: string[] = [];
  if (result.decision !== 'implicitDeny') {
    const effect = result.decision === 'explicitDeny' ? 'Deny' : 'Allow';
    for (const layer of layers)
      for (const st of layer.statements)
        if (st.effect === effect && st.outcome.kind === 'matched') deciding.push(st.id);
  }
  return { decision: result.decision, explain: { ...result.explain, layers, deciding } };
}

/** The principal of the snapshot a query names: a user or role ARN, or a session of a role. */
function findPrincipal(
  c: CompiledAccess,
  arn: string,
): { access: PrincipalAccess | undefined; info: PrincipalInfo } {
  const known = c.byArn.get(arn);
  if (known) return { access: known, info: known.info };
  let info: PrincipalInfo;
  try {
    info = parsePrincipal(arn);
  } catch (e) {
    throw new AccessError(
      e instanceof Error ? e.message.replace(/^request\.principal: /, 'principal: ') : String(e),
    );
  }
  const direct = c.byArn.get(arn);
  if (direct) return { access: direct, info: direct.info };
  if (info.kind === 'assumedRole') {
    const role = c.snapshot.rolesByName.get(info.roleName);
    const access = role ? c.byArn.get(role.arn) : undefined;
    if (access && 'account' in access.info && access.info.account === info.account) return { access, info };
  }
  if (info.kind === 'role' || info.kind === 'user') {
    // The ARN may omit the entity's path.
    const entity =
      info.kind === 'role' ? c.snapshot.rolesByName.get(info.name) : c.snapshot.usersByName.get(info.name);
    const access = entity ? c.byArn.get(entity.arn) : undefined;
    if (access && 'account' in access.info && access.info.account === info.account)
      return { access, info: access.info };
  }
  return { access: undefined, info };
}

function accountOf(info: PrincipalInfo): string | undefined {
  return 'account' in info ? info.account : undefined;
}

/** The account owning the resource: the resource policy's, the ARN's, else the principal's (as the evaluator resolves it). */
function resourceAccountOf(
  resource: string,
  ru: ResourceUnit | undefined,
  info: PrincipalInfo,
): string | undefined {
  if (ru?.account) return ru.account;
  const arn = parseArn(resource);
  if (arn !== undefined && /^\d{12}$/.test(arn.account)) return arn.account;
  return accountOf(info);
}

const NO_UNITS: readonly PolicyUnit[] = [];

/** Everything one evaluation needs, built from precompiled parts. */
interface Plan {
  readonly set: CompiledPolicySet;
  readonly units: LayerUnits;
  readonly info: PrincipalInfo;
  readonly resourceAccount: string | undefined;
  /** The snapshot's principal, whose own keys (tags, id) the context carries; undefined outside the snapshot. */
  readonly access: PrincipalAccess | undefined;
}

/** Parts of a plan restricted to the statements that can matter for one action and resource. */
interface SlimParts {
  readonly identity?: readonly PolicyUnit[];
  readonly boundary?: readonly PolicyUnit[];
  readonly scp?: SlimOrg;
}

/** An SCP path restricted to the statements that can matter: same levels, fewer statements. */
interface SlimOrg {
  readonly levels: readonly CompiledLevel[];
  readonly flat: readonly PolicyUnit[];
  readonly readsPrincipal: boolean;
}

function plan(
  c: CompiledAccess,
  access: PrincipalAccess | undefined,
  info: PrincipalInfo,
  resource: string,
  ru: ResourceUnit | undefined,
  slim: SlimParts,
  extra: Extra = NO_EXTRA,
): Plan {
  const resourceAccount = resourceAccountOf(resource, ru, info);
  const pAccount = accountOf(info);
  // SCPs of the bundle's organisation govern principals of the snapshot's account; RCPs its resources.
  const scpApplies = c.scp !== null && pAccount === c.account && (access ? access.scpApplies : true);
  const rcpApplies = c.rcp !== null && resourceAccount === c.account;
  const idUnits = slim.identity ?? access?.identity ?? NO_UNITS;
  const boundary = access?.boundary ? (slim.boundary ?? access.boundary) : null;
  const scp = scpApplies && c.scp ? (slim.scp ?? c.scp) : null;
  const set: CompiledPolicySet = {
    identity: idUnits.map((u) => u.compiled),
    resource: ru ? ru.unit.compiled : null,
    scp: scp ? scp.levels : null,
    rcp: rcpApplies && c.rcp ? c.rcp.levels : null,
    boundary: boundary ? boundary.map((u) => u.compiled) : null,
    session: extra.session ? extra.session.compiled : null,
    endpoint: extra.endpoint.length > 0 ? extra.endpoint.map((u) => u.compiled) : null,
    managementAccountId: c.managementAccountId,
    diagnostics: [],
  };
  const units: LayerUnits = {
    identity: idUnits,
    boundary: boundary ?? NO_UNITS,
    resource: ru ? [ru.unit] : NO_UNITS,
    scp: scp ? scp.flat : NO_UNITS,
    rcp: rcpApplies && c.rcp ? c.rcp.flat : NO_UNITS,
    session: extra.session ? [extra.session] : NO_UNITS,
    endpoint: extra.endpoint,
  };
  return { set, units, info, resourceAccount, access };
}

/** The SCP path restricted to the statements that can match the action and resource. */
function slimOrg(org: CompiledOrgPath, id: number, resource?: string): SlimOrg {
  const levels: CompiledLevel[] = [];
  const flat: PolicyUnit[] = [];
  org.units.forEach((levelUnits, l) => {
    const kept: PolicyUnit[] = [];
    for (const u of levelUnits) {
      const s = slimUnit(u, id, resource);
      if (s) kept.push(s);
    }
    flat.push(...kept);
    levels.push({
      orgIdentifier: (org.levels[l] as CompiledLevel).orgIdentifier,
      policies: kept.map((u) => u.compiled),
    });
  });
  return { levels, flat, readsPrincipal: flat.some((u) => u.principalDependent) };
}

/**
 * The keys the snapshot knows of the plan's principal (PrincipalAccess.entityKeys), and for a
 * named session of a role its aws:userid: AWS "AWS global condition context keys" > aws:userid,
 * `role-id:caller-specified-role-name` for a role session.
 */
function ownKeys(p: Plan): readonly (readonly [string, ContextValue])[] {
  const a = p.access;
  if (!a) return [];
  const info = p.info;
  if (info.kind === 'assumedRole' && a.kind === 'role' && a.entityId !== '')
    return [...a.entityKeys, ['aws:userid', `${a.entityId}:${info.sessionName}`]];
  return a.entityKeys;
}

function run(p: Plan, action: string, resource: string, context: QueryContext | undefined): EvaluationResult {
  const { context: ctx, derivedKeys } = buildContext(p.info, p.resourceAccount, context);
  // The principal's own keys from the snapshot (tags, id, organisation), unless the query gives them.
  for (const [k, v] of ownKeys(p)) if (ctx.setDefault(k, v)) derivedKeys[k] = v;
  const request: PreparedRequest = {
    principal: p.info,
    action,
    resource,
    resourceAccount: p.resourceAccount,
    context: ctx,
    derivedKeys,
  };
  return evaluatePrepared(p.set, request);
}

/** The query's context over the keys AWS derives from the principal and resource account (looked up case-insensitively). */
class LayeredContext implements RequestContext {
  constructor(
    private readonly given: ReadonlyMap<string, ContextValue>,
    private readonly derived: ReadonlyMap<string, ContextValue>,
  ) {}

  get(key: string): ContextValue | undefined {
    const k = key.toLowerCase();
    return this.given.get(k) ?? this.derived.get(k);
  }
}

const derivedCache = new WeakMap<
  PrincipalInfo,
  Map<string, { map: ReadonlyMap<string, ContextValue>; keys: { readonly [key: string]: ContextValue } }>
>();
const derivedCacheFor = new WeakMap<PrincipalAccess, typeof derivedCache>();
const givenCache = new WeakMap<QueryContext, ReadonlyMap<string, ContextValue>>();
const NO_CONTEXT: QueryContext = Object.freeze({});

/**
 * `run` for many questions: the derived keys are built once per principal and resource account,
 * the query's keys once per context object. The derived keys it reports include those the query
 * overrides (the explanation of `can` uses `run`).
 */
function runFast(
  p: Plan,
  action: string,
  resource: string,
  context: QueryContext | undefined,
): EvaluationResult {
  return evaluatePrepared(p.set, prepareFast(p, action, resource, context));
}

/** The request `runFast` evaluates, with the cached derived keys and query context. */
function prepareFast(p: Plan, action: string, resource: string, context: QueryContext | undefined): PreparedRequest {
  const given0 = context ?? NO_CONTEXT;
  let given = givenCache.get(given0);
  if (!given)
    givenCache.set(given0, (given = new Map(Object.entries(given0).map(([k, v]) => [k.toLowerCase(), v]))));
  // Keyed by the principal's info, per snapshot principal (whose own keys join the derived ones).
  let byInfo = derivedCache;
  if (p.access) {
    let own = derivedCacheFor.get(p.access);
    if (!own) derivedCacheFor.set(p.access, (own = new WeakMap()));
    byInfo = own;
  }
  let perAccount = byInfo.get(p.info);
  if (!perAccount) byInfo.set(p.info, (perAccount = new Map()));
  const accountKey = p.resourceAccount ?? '';
  let derived = perAccount.get(accountKey);
  if (!derived) {
    const ctx = buildContext(p.info, p.resourceAccount, undefined);
    const keys = ctx.derivedKeys;
    for (const [k, v] of ownKeys(p)) if (ctx.context.setDefault(k, v)) keys[k] = v;
    derived = { map: new Map(Object.entries(keys).map(([k, v]) => [k.toLowerCase(), v])), keys };
    perAccount.set(accountKey, derived);
  }
  return {
    principal: p.info,
    action,
    resource,
    resourceAccount: p.resourceAccount,
    context: new LayeredContext(given, derived.map),
    derivedKeys: derived.keys,
  };
}

function applied(p: Plan): AppliedPolicies {
  return {
    identity: p.units.identity.map((u) => u.label),
    boundary: p.set.boundary === null ? null : p.units.boundary.map((u) => u.label),
    resource: p.units.resource[0]?.label ?? null,
    scp: p.set.scp !== null,
    rcp: p.set.rcp !== null,
  };
}

/**
 * May `principal` perform `action` on `resource`? The evaluator decides with the snapshot's
 * policies for that principal: identity (attached, inline, groups'), boundary, the organisation's
 * SCPs and RCPs, and the resource's policy if the bundle has it (bucket, key, role trust policy).
 * Throws AccessError for a principal that is not an ARN the evaluator understands.
 */
export function can(c: CompiledAccess, query: CanQuery & QueryPolicies): CanResult {
  const { access, info } = findPrincipal(c, query.principal);
  const ru = c.resourcePolicy(query.resource);
  const p = plan(c, access, info, query.resource, ru, {}, extraOf(c, query));
  const result = relabel(run(p, query.action, query.resource, query.context), p.units);
  return { ...result, policies: applied(p) };
}

/** Only the decision of `can`, without the explanation's labels: the fast path for many questions. */
export function canDecide(c: CompiledAccess, query: CanQuery & QueryPolicies): EvaluationResult['decision'] {
  const { access, info } = findPrincipal(c, query.principal);
  const extra = extraOf(c, query);
  const ru = c.resourcePolicy(query.resource);
  const id = c.catalog.actionId(query.action);
  let p: Plan;
  if (id !== undefined && access && extra === NO_EXTRA && info === access.info) {
    // A snapshot principal with the snapshot's policies only: its plan for the action is kept
    // (the same for every resource with the same policy and account).
    const cache = actionCache(c);
    const account = resourceAccountOf(query.resource, ru, info);
    const kept = cache.plan(access, id);
    if (kept && kept.resourceAccount === account && kept.units.resource[0] === ru?.unit) p = kept;
    else cache.keepPlan(access, id, (p = plan(c, access, info, query.resource, ru, slimParts(c, access, id), extra)));
  } else p = plan(c, access, info, query.resource, ru, id !== undefined && access ? slimParts(c, access, id) : {}, extra);
  return decidePrepared(p.set, prepareFast(p, query.action, query.resource, query.context));
}

/** The principal's identity and boundary units and the SCPs restricted to the statements covering the action (cached, bounded). */
function slimParts(c: CompiledAccess, access: PrincipalAccess, id: number): SlimParts {
  const cache = actionCache(c);
  const identity: PolicyUnit[] = [];
  for (const u of access.identity) {
    const s = cache.unit(u, id);
    if (s) identity.push(s);
  }
  let boundary: PolicyUnit[] | undefined;
  if (access.boundary) {
    boundary = [];
    for (const u of access.boundary) {
      const s = cache.unit(u, id);
      if (s) boundary.push(s);
    }
  }
  const scp = c.scp ? cache.org(c.scp, id) : undefined;
  return { identity, ...(boundary ? { boundary } : {}), ...(scp ? { scp } : {}) };
}

/** Slim units and SCP paths per action, kept across `canDecide` questions; emptied when large. */
interface ActionCache {
  unit(u: PolicyUnit, id: number): PolicyUnit | null;
  org(org: CompiledOrgPath, id: number): SlimOrg;
  /** The last plan kept for a principal and action (`canDecide`), if any. */
  plan(access: PrincipalAccess, id: number): Plan | undefined;
  keepPlan(access: PrincipalAccess, id: number, p: Plan): void;
}

const ACTION_CACHE_LIMIT = 200_000;
// About 1 KB a plan with its slim units (measured on the large account): at most about 20 MB.
const PLAN_CACHE_LIMIT = 20_000;
const actionCaches = new WeakMap<CompiledAccess, ActionCache>();

function actionCache(c: CompiledAccess): ActionCache {
  let cache = actionCaches.get(c);
  if (cache) return cache;
  // Keyed by action, then unit uid: small integers, which maps hash fastest.
  const units = new Map<number, Map<number, PolicyUnit | null>>();
  let size = 0;
  const orgs = new Map<number, SlimOrg>();
  let plans = new WeakMap<PrincipalAccess, Map<number, Plan>>();
  let planCount = 0;
  cache = {
    unit(u, id) {
      let perAction = units.get(id);
      if (!perAction) units.set(id, (perAction = new Map()));
      let s = perAction.get(u.uid);
      if (s === undefined) {
        if (size >= ACTION_CACHE_LIMIT) {
          units.clear();
          units.set(id, perAction);
          perAction.clear();
          size = 0;
        }
        perAction.set(u.uid, (s = slimUnit(u, id)));
        size++;
      }
      return s;
    },
    org(org, id) {
      let s = orgs.get(id);
      if (!s) {
        if (orgs.size >= ACTION_CACHE_LIMIT) orgs.clear();
        orgs.set(id, (s = slimOrg(org, id)));
      }
      return s;
    },
    plan(access, id) {
      return plans.get(access)?.get(id);
    },
    keepPlan(access, id, p) {
      if (planCount >= PLAN_CACHE_LIMIT) {
        plans = new WeakMap();
        planCount = 0;
      }
      let perAccess = plans.get(access);
      if (!perAccess) plans.set(access, (perAccess = new Map()));
      if (!perAccess.has(id)) planCount++;
      perAccess.set(id, p);
    },
  };
  actionCaches.set(c, cache);
  return cache;
}

/** Principals named by a resource policy's Allow statements that are not principals of the snapshot. */
interface ExternalCandidate {
  readonly arn: string;
  readonly kind: AccessPrincipalKind;
  readonly info: PrincipalInfo;
  /** Assume the principal's own account allows (an identity policy allowing everything). */
  readonly assumeIdentity: boolean;
}

/** The identity and boundary units one evaluation used, in order. */
function unitsOf(slim: SlimParts, p: PrincipalAccess): PolicyUnit[] {
  return [...(slim.identity ?? p.identity), ...(slim.boundary ?? p.boundary ?? [])];
}

/** A shared answer, with the units it was computed with (to rename its statements for others). */
interface MemoEntry {
  readonly d: DecidedAccess;
  readonly identityAllows: boolean;
  readonly units: readonly PolicyUnit[];
  behaviourOf?: Map<string, number>;
}

/**
 * A shared answer's conditions named for another principal: the same memo key means statements of
 * the same behaviours, so each statement is renamed to the principal's statements of its behaviour.
 */
function renameConditions(
  conditions: readonly RequiredCondition[],
  entry: MemoEntry,
  to: readonly PolicyUnit[],
): readonly RequiredCondition[] {
  if (entry.units === to || conditions.length === 0 || sameLabels(entry.units, to)) return conditions;
  if (!entry.behaviourOf) {
    entry.behaviourOf = new Map();
    for (const u of entry.units)
      for (const st of u.statements) entry.behaviourOf.set(statementLabel(u.label, st.index), st.behaviourId);
  }
  const behaviourOf = entry.behaviourOf;
  return conditions.map((cond) => {
    const out = new Set<string>();
    for (const label of cond.statements) {
      const b = behaviourOf.get(label);
      let found = false;
      if (b !== undefined) {
        for (const u of to) {
          const labels = labelsByBehaviour(u).get(b);
          if (labels === undefined) continue;
          for (const l of labels) out.add(l);
          found = true;
        }
      }
      if (!found) out.add(label);
    }
    return { ...cond, statements: [...out] };
  });
}

const behaviourLabels = new WeakMap<PolicyUnit, Map<number, string[]>>();

/** A unit's statement labels by behaviour id, in statement order (made once per unit). */
function labelsByBehaviour(u: PolicyUnit): Map<number, string[]> {
  let m = behaviourLabels.get(u);
  if (!m) {
    m = new Map();
    for (const st of u.statements) {
      const label = statementLabel(u.label, st.index);
      const list = m.get(st.behaviourId);
      if (list) list.push(label);
      else m.set(st.behaviourId, [label]);
    }
    behaviourLabels.set(u, m);
  }
  return m;
}

/** True when two unit lists name their statements alike (same policies, same statements kept). */
function sameLabels(a: readonly PolicyUnit[], b: readonly PolicyUnit[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as PolicyUnit;
    const y = b[i] as PolicyUnit;
    if (x === y) continue;
    if (x.label !== y.label || x.statements.length !== y.statements.length) return false;
    for (let j = 0; j < x.statements.length; j++)
      if ((x.statements[j] as StatementInfo).index !== (y.statements[j] as StatementInfo).index) return false;
  }
  return true;
}

const KNOWN = 1;
const ALLOW = 2;
const DENY = 4;
const DENY_STAR = 8;

/**
 * Which principals the resource policy might allow on its own, without their identity policies:
 * those its Allow statements for the action name by ARN (user, role) or by `*`/NotPrincipal.
 * AWS "Policy evaluation logic" > "Resource-based policies": a grant to the account does not
 * stand alone (the account's own policies must allow).
 */
function standaloneGrants(
  ru: ResourceUnit | undefined,
  id: number | undefined,
): (p: PrincipalAccess) => boolean {
  if (!ru) return () => false;
  const arns = new Set<string>();
  const roles = new Set<string>();
  let everyone = false;
  for (const st of ru.unit.statements) {
    if (st.effect !== 'Allow' || (id !== undefined && !st.actions.has(id))) continue;
    if (st.principal === null) continue;
    if (st.principal.not || st.principal.spec.any) everyone = true;
    for (const a of st.principal.spec.arns) arns.add(a);
    for (const r of st.principal.spec.roles) roles.add(r);
  }
  if (everyone) return () => true;
  if (arns.size === 0 && roles.size === 0) return () => false;
  return (p) => arns.has(p.arn) || (p.info.kind === 'role' && roles.has(`${p.info.account}/${p.info.name}`));
}

/** How each statement of a resource policy names the principal: equal signatures, equal principal matching. */
function grantSignature(ru: ResourceUnit, info: PrincipalInfo, hasBoundary: boolean): string {
  let sig = hasBoundary ? 'b' : '';
  for (const st of ru.unit.statements) {
    if (st.principal === null) sig += '-';
    else if (!st.principal.not) sig += matchPrincipal(st.principal.spec, info) ?? 'n';
    else {
      const l = listedForms(st.principal.spec, info);
      sig += `${l.all ? 'A' : 'a'}${l.some ? 'S' : 's'}`;
    }
    sig += ';';
  }
  return sig;
}

function externalCandidates(
  c: CompiledAccess,
  ru: ResourceUnit,
  id: number | undefined,
): ExternalCandidate[] {
  const out = new Map<string, ExternalCandidate>();
  const add = (cand: ExternalCandidate): void => {
    if (!out.has(cand.arn)) out.set(cand.arn, cand);
  };
  for (const st of ru.unit.statements) {
    if (st.effect !== 'Allow' || st.principal === null || st.principal.not) continue;
    if (id !== undefined && !st.actions.has(id)) continue;
    const spec = st.principal.spec;
    if (spec.any) add({ arn: '*', kind: 'anyone', info: { kind: 'anonymous' }, assumeIdentity: false });
    for (const account of spec.accounts) {
      // The own account's root delegates to the account's principals, which are evaluated themselves.
      if (account === c.account) continue;
      add({
        arn: `arn:aws:iam::${account}:root`,
        kind: 'account',
        info: {
          kind: 'root',
          arn: `arn:aws:iam::${account}:root`,
          account,
          partition: c.snapshot.account.partition,
        },
        assumeIdentity: false,
      });
    }
    for (const arn of spec.arns) {
      if (c.byArn.has(arn)) continue;
      try {
        const info = parsePrincipal(arn);
        add({ arn, kind: 'external', info, assumeIdentity: true });
      } catch {
        // A principal the evaluator cannot read never matches a request; nothing to list.
      }
    }
    for (const service of spec.services)
      add({ arn: service, kind: 'service', info: { kind: 'service', name: service }, assumeIdentity: false });
    for (const provider of spec.federated)
      add({ arn: provider, kind: 'federated', info: { kind: 'federated', provider }, assumeIdentity: false });
  }
  return [...out.values()];
}

let allowAllUnit: PolicyUnit | undefined;

/** A unit allowing everything: stands for an external principal's own (unknown) identity policies. */
function assumedIdentity(): PolicyUnit {
  if (allowAllUnit) return allowAllUnit;
  const empty = { has: () => false, addTo: () => undefined, empty: true };
  const c = compilePolicySet({
    identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] }],
    resource: null,
    scp: null,
    rcp: null,
    boundary: null,
    session: null,
    endpoint: null,
  });
  const compiled = c.identity[0] as CompiledPolicy;
  allowAllUnit = {
    uid: -1,
    docUid: -1,
    principalDependent: false,
    readsTags: false,
    label: 'assumed:own-account-allows',
    compiled,
    statements: [
      {
        index: 0,
        effect: 'Allow',
        actions: empty,
        resources: ['*'],
        notResource: false,
        anyResource: true,
        conditions: [],
        principal: null,
        readsPrincipal: false,
        readsTags: false,
        tagReads: [],
        contentId: -1,
        behaviourId: -1,
      },
    ],
    allow: empty,
    deny: empty,
    denyStar: empty,
    allowStar: empty,
  };
  return allowAllUnit;
}

/** An IAM user's tag key it lacks is absent from its requests (see PrincipalAccess.tagsFixed). */
function isTagKey(lowerKey: string): boolean {
  return lowerKey.startsWith('aws:principaltag/');
}

/** One unit restricted to one who-can question, shared by every principal holding the unit. */
interface UnitView {
  readonly slim: PolicyUnit;
  /** The set of its statements' behaviour ids (see StatementInfo.behaviourId), as an id of `Question.sets`. */
  readonly set: number;
  readonly allows: boolean;
  readonly personal: boolean;
  readonly readsTags: boolean;
  /** The statements' `tagReads`, together. */
  readonly tagReads: readonly string[];
}

/** Small integer ids for strings (a memo key's parts). */
class Interner {
  private readonly ids = new Map<string, number>();
  /** The id of `key`, from 0 up. */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}

// Pairs of ids below 2^26 combine into one safe integer: ids count distinct sets, signatures and
// principals of one snapshot, far fewer.
const PAIR = 67_108_864;

/** Small integer ids for pairs of small integer ids (a memo key built without strings). */
class PairIds {
  private readonly ids = new Map<number, number>();
  /** The id of the ordered pair (a, b), from 0 up. */
  id(a: number, b: number): number {
    const k = a * PAIR + b;
    let id = this.ids.get(k);
    if (id === undefined) this.ids.set(k, (id = this.ids.size));
    return id;
  }
}

/** Sets of behaviour ids (sorted, unique), numbered, with their unions cached. */
class BehaviourSets {
  private readonly interner = new Interner();
  private readonly members: (readonly number[])[] = [];
  private readonly unions = new Map<number, number>();

  /** The id of the set of `ids` (any order, repeats allowed; sorted in place). */
  of(ids: number[]): number {
    ids.sort((a, b) => a - b);
    const unique: number[] = [];
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) unique.push(ids[i] as number);
    const id = this.interner.id(unique.join(','));
    if (id === this.members.length) this.members.push(unique);
    return id;
  }

  /** The id of the union of sets `a` and `b`. */
  union(a: number, b: number): number {
    if (a === b) return a;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const k = lo * PAIR + hi;
    let id = this.unions.get(k);
    if (id === undefined) {
      id = this.of([...(this.members[lo] ?? []), ...(this.members[hi] ?? [])]);
      this.unions.set(k, id);
    }
    return id;
  }
}

/**
 * What who-can works out once per action, kept across questions: per unit uid its flags (0 = not
 * yet known), the views of units whose statements for the action do not depend on the resource,
 * and the sets of behaviours views hold (shared by every question on the action).
 */
interface ActionEntry {
  flags: Uint8Array;
  readonly shared: (UnitView | null | undefined)[];
  readonly sets: BehaviourSets;
}

/**
 * What who-can works out once per action and resource, kept across questions: the views of the
 * units whose statements depend on the resource (by uid, filled as principals need them).
 */
interface Question {
  readonly action: ActionEntry;
  readonly views: (UnitView | null | undefined)[];
  /** Answers of resource patterns for the question's resource (see slimUnit). */
  readonly patterns: Map<object, number>;
}

/** True when every statement of the unit matches every resource (no Resource, or `*` in it): its view serves every question on the action. */
function resourceFree(u: PolicyUnit): boolean {
  for (const st of u.compiled.statements) {
    const r = st.resources;
    if (r === null) continue;
    if (r.not || !r.patterns.some((p) => p.source === '*')) return false;
  }
  return true;
}

const QUESTIONS_KEPT = 16;
const ACTIONS_KEPT = 256;

/** Per compiled snapshot: entries per action and questions by action and resource, least recent dropped first. */
interface QuestionCache {
  readonly actions: Map<number, ActionEntry>;
  readonly questions: Map<string, Question>;
}

const questionCaches = new WeakMap<CompiledAccess, QuestionCache>();

function questionCache(c: CompiledAccess): QuestionCache {
  let q = questionCaches.get(c);
  if (!q) questionCaches.set(c, (q = { actions: new Map(), questions: new Map() }));
  return q;
}

/** The entry of action `id`, its flags sized for every unit compiled so far. */
function actionEntry(c: CompiledAccess, id: number): ActionEntry {
  const cache = questionCache(c).actions;
  let entry = cache.get(id);
  if (entry) cache.delete(id);
  else {
    if (cache.size >= ACTIONS_KEPT) cache.delete(cache.keys().next().value as number);
    entry = { flags: new Uint8Array(c.unitCount), shared: [], sets: new BehaviourSets() };
  }
  cache.set(id, entry);
  return entry;
}

function questionFor(c: CompiledAccess, id: number, resource: string): Question {
  const cache = questionCache(c).questions;
  const key = `${id}\u0000${resource}`;
  let q = cache.get(key);
  if (q) cache.delete(key);
  else {
    if (cache.size >= QUESTIONS_KEPT) cache.delete(cache.keys().next().value as string);
    q = { action: actionEntry(c, id), views: [], patterns: new Map() };
  }
  cache.set(key, q);
  const action = q.action;
  if (action.flags.length < c.unitCount) {
    // Units compiled since (a query's session policy) need room: keep what is known.
    const grown = new Uint8Array(c.unitCount);
    grown.set(action.flags);
    action.flags = grown;
  }
  return q;
}

/** The union of the behaviour sets of the first `n` views, as a set id (-1 for none). */
function unionOf(sets: BehaviourSets, views: readonly UnitView[], n: number): number {
  if (n === 0) return -1;
  let id = (views[0] as UnitView).set;
  for (let i = 1; i < n; i++) id = sets.union(id, (views[i] as UnitView).set);
  return id;
}

/**
 * The memo key part of the tags the first `n` views read: the principal's tags whose key starts
 * one of the texts the statements hold after `aws:PrincipalTag/` (see StatementInfo.tagReads).
 */
function tagKey(p: PrincipalAccess, views: readonly UnitView[], n: number): string {
  let out = '';
  for (const [key, text] of p.tagPairs) {
    let read = false;
    for (let i = 0; i < n && !read; i++)
      for (const r of (views[i] as UnitView).tagReads)
        if (r.startsWith(key)) {
          read = true;
          break;
        }
    if (read) out += `${text},`;
  }
  return out;
}

/** The plan parts of one principal from its views. */
function slimPartsOf(
  p: PrincipalAccess,
  idViews: readonly UnitView[],
  nId: number,
  bViews: readonly UnitView[],
  nB: number,
  scp: SlimOrg | undefined,
): SlimParts {
  return {
    identity: slimsOf(idViews, nId),
    ...(p.boundary ? { boundary: slimsOf(bViews, nB) } : {}),
    ...(scp ? { scp } : {}),
  };
}

/** The slim units of the first `n` views. */
function slimsOf(views: readonly UnitView[], n: number): PolicyUnit[] {
  const out: PolicyUnit[] = [];
  for (let i = 0; i < n; i++) out.push((views[i] as UnitView).slim);
  return out;
}

/**
 * `grantSignature` per principal as an id, computed once for all the principals that the
 * resource policy does not name by ARN or role name: for them it depends only on kind, account
 * and boundary. 0 without a resource policy.
 */
function grantSignatures(ru: ResourceUnit | undefined): (p: PrincipalAccess) => number {
  if (!ru) return () => 0;
  const arns = new Set<string>();
  const roles = new Set<string>();
  for (const st of ru.unit.statements) {
    if (st.principal === null) continue;
    for (const a of st.principal.spec.arns) arns.add(a);
    for (const r of st.principal.spec.roles) roles.add(r);
  }
  const ids = new Interner();
  const shared = new Map<number, number>();
  return (p) => {
    const info = p.info;
    const named = arns.has(p.arn) || (info.kind === 'role' && roles.has(`${info.account}/${info.name}`));
    if (named) return ids.id(grantSignature(ru, info, p.boundary !== null));
    const k = p.memoClassId * 2 + (p.boundary !== null ? 1 : 0);
    let sig = shared.get(k);
    if (sig === undefined) shared.set(k, (sig = ids.id(grantSignature(ru, info, p.boundary !== null))));
    return sig;
  };
}

const NO_CONDITIONS: readonly RequiredCondition[] = [];

/** The principals outside the snapshot that the resource policy names, decided. */
function externalEntries(
  c: CompiledAccess,
  ru: ResourceUnit,
  id: number | undefined,
  query: WhoCanQuery,
  extra: Extra,
): WhoCanEntry[] {
  const { action, resource } = query;
  const out: WhoCanEntry[] = [];
  for (const cand of externalCandidates(c, ru, id)) {
    const pl = plan(
      c,
      undefined,
      cand.info,
      resource,
      ru,
      { identity: cand.assumeIdentity ? [assumedIdentity()] : NO_UNITS },
      extra,
    );
    const d = decideWithContext(
      (ctx) => runFast(pl, action, resource, ctx),
      query.context ?? {},
      query.strict === true,
      (r) => relabel(r, pl.units),
    );
    if (d.kind === 'denied') continue;
    out.push({
      arn: cand.arn,
      kind: cand.kind,
      decision: d.kind,
      conditions: d.kind === 'conditional' ? d.conditions : [],
      external: true,
      via: 'resource',
    });
  }
  return out;
}

/**
 * Every principal that may make the request: users and roles of the snapshot (roles as their
 * sessions), through identity policies or the resource's own policy, and principals outside the
 * snapshot that the resource policy names (labelled `external`: their own account must allow too).
 * Each principal's context carries its own tags and id from the snapshot (see PrincipalAccess
 * .entityKeys); a query's session and endpoint policies apply to every evaluation.
 *
 * Principals are first filtered by action bitsets; every listed answer comes from the evaluator.
 * Principals whose statements covering the action behave alike (same Effect and Condition, same
 * resource match), with the same grants from the resource policy, account and kind, share one
 * evaluation unless a statement reads who the principal is; when statements read principal tags,
 * only principals with the same tags share. `whoCanReference` is the same answer without sharing.
 * Throws AccessError for a session or endpoint policy the evaluator cannot compile.
 */
export function whoCan(c: CompiledAccess, query: WhoCanQuery & QueryPolicies): WhoCanResult {
  const { action, resource } = query;
  const given: QueryContext = query.context ?? {};
  const strict = query.strict === true;
  const extra = extraOf(c, query);
  const id = c.catalog.actionId(action);
  const ru = c.resourcePolicy(resource);
  const scp = c.scp;
  const principals: WhoCanEntry[] = [];
  let evaluated = 0;

  // Principals with the same relevant statements, grants and account get the same answer unless
  // one of those statements reads who the principal is: their evaluations are shared.
  const memo = new Map<number, MemoEntry>();
  const pairs = new PairIds();
  const tagIds = new Interner();
  const perAction = actionCache(c);
  const slimScp = scp && id !== undefined ? slimOrg(scp, id, resource) : undefined;
  const scpPersonal = slimScp?.readsPrincipal ?? false;
  const scpTags = slimScp?.flat.some((u) => u.readsTags) ?? false;
  const scpDenies = scp !== null && id !== undefined && scp.denyStar.has(id);
  const scpAllows = scp !== null && id !== undefined && scp.allow.has(id);
  const basePersonal = (ru?.unit.principalDependent ?? false) || extra.personal;
  const baseTags = (ru?.unit.readsTags ?? false) || extra.readsTags;
  // Per unit (by uid) and for this action: whether it allows, denies, denies on `*` unconditionally
  // (kept across questions); and, for this action and resource, the unit restricted to the
  // statements that can matter (null when none can).
  const units = c.units;
  const question = id === undefined ? undefined : questionFor(c, id, resource);
  const flags = question?.action.flags ?? new Uint8Array(0);
  const views = question?.views ?? [];
  const shared = question?.action.shared ?? [];
  const sets = question?.action.sets ?? new BehaviourSets();
  const flagsOf = (uid: number, actionId: number): number => {
    let f = flags[uid] as number;
    if (f === 0) {
      const u = units[uid] as PolicyUnit;
      f =
        KNOWN |
        (u.allow.has(actionId) ? ALLOW : 0) |
        (u.deny.has(actionId) ? DENY : 0) |
        (u.denyStar.has(actionId) ? DENY_STAR : 0);
      flags[uid] = f;
    }
    return f;
  };
  const viewOf = (uid: number, actionId: number): UnitView | null => {
    let v = views[uid];
    if (v === undefined) v = shared[uid];
    if (v === undefined) {
      const u = units[uid] as PolicyUnit;
      // The action's statements are cached across questions; the resource is checked per question
      // unless they match every resource.
      const forAction = perAction.unit(u, actionId);
      const into = forAction === null || resourceFree(forAction) ? shared : views;
      const slim = forAction === null ? null : slimUnit(forAction, actionId, resource, question?.patterns);
      if (slim === null) v = null;
      else {
        const behaviours: number[] = [];
        let allows = false;
        for (const st of slim.statements) {
          // The statement covers the action and may match the resource (see slimUnit): its
          // behaviour, not its text, decides.
          behaviours.push(st.behaviourId);
          if (st.effect === 'Allow') allows = true;
        }
        const tagReads = slim.readsTags ? [...new Set(slim.statements.flatMap((st) => st.tagReads))] : [];
        v = {
          slim,
          set: sets.of(behaviours),
          allows,
          personal: slim.principalDependent,
          readsTags: slim.readsTags,
          tagReads,
        };
      }
      into[uid] = v;
    }
    return v;
  };
  const standaloneFor = standaloneGrants(ru, id);
  const signatureOf = grantSignatures(ru);
  const idViews: UnitView[] = [];
  const bViews: UnitView[] = [];

  for (const p of c.principals) {
    const governed = scp !== null && p.scpApplies && accountOf(p.info) === c.account;
    let key = -1;
    let nId = 0;
    let nB = 0;
    if (id !== undefined) {
      // An unconditional Deny on `*` decides whatever the resource and context; every SCP level must allow.
      if (governed && (scpDenies || !scpAllows)) continue;
      let identityMayAllow = false;
      let denied = false;
      const idUids = p.identityUids;
      const bUids = p.boundaryUids;
      for (let i = 0; i < idUids.length; i++) {
        const f = flagsOf(idUids[i] as number, id);
        if (f & DENY_STAR) denied = true;
        if (f & ALLOW) identityMayAllow = true;
      }
      let boundaryMayAllow = bUids === null;
      if (bUids !== null) {
        for (let i = 0; i < bUids.length; i++) {
          const f = flagsOf(bUids[i] as number, id);
          if (f & DENY_STAR) denied = true;
          if (f & ALLOW) boundaryMayAllow = true;
        }
      }
      if (denied) continue;
      // Unless the resource policy could allow this principal on its own, identity policies and
      // the boundary must allow.
      const standalone = standaloneFor(p);
      if (!(identityMayAllow && boundaryMayAllow) && !standalone) continue;
      let personal = basePersonal || (governed && scpPersonal);
      // Tags read outside the principal's own policies: key by all its tags.
      const allTags = baseTags || (governed && scpTags);
      let tags = false;
      let allows = false;
      for (let i = 0; i < idUids.length; i++) {
        const uid = idUids[i] as number;
        if (((flags[uid] as number) & (ALLOW | DENY)) === 0) continue;
        const v = viewOf(uid, id);
        if (v === null) continue;
        idViews[nId++] = v;
        if (v.allows) allows = true;
        if (v.personal) personal = true;
        if (v.readsTags) tags = true;
      }
      // Without an identity Allow that may match, or a resource policy that could allow, nothing can.
      if (!allows && !standalone) continue;
      if (bUids !== null) {
        for (let i = 0; i < bUids.length; i++) {
          const uid = bUids[i] as number;
          if (((flags[uid] as number) & (ALLOW | DENY)) === 0) continue;
          const v = viewOf(uid, id);
          if (v === null) continue;
          bViews[nB++] = v;
          if (v.personal) personal = true;
          if (v.readsTags) tags = true;
        }
      }
      if (!personal) {
        // kind, account, SCP governance; identity statements' behaviours; the boundary's (or none);
        // how the resource policy names the principal; the tags read.
        const boundaryPart = bUids === null ? 0 : unionOf(sets, bViews, nB) + 2;
        let tagPart = 0;
        if (allTags) tagPart = tagIds.id(p.tagSignature) + 1;
        else if (tags && p.tagPairs.length > 0)
          tagPart = tagIds.id(`${tagKey(p, idViews, nId)}|${tagKey(p, bViews, nB)}`) + 1;
        key = pairs.id(
          pairs.id(
            pairs.id(pairs.id(p.memoClassId, unionOf(sets, idViews, nId) + 1), boundaryPart),
            signatureOf(p),
          ),
          tagPart,
        );
      }
    }
    let hit = key < 0 ? undefined : memo.get(key);
    let mine: readonly PolicyUnit[] | undefined;
    if (!hit) {
      evaluated++;
      const slim = id === undefined ? {} : slimPartsOf(p, idViews, nId, bViews, nB, slimScp);
      const pl = plan(c, p, p.info, resource, ru, slim, extra);
      const d = decideWithContext(
        (ctx) => runFast(pl, action, resource, ctx),
        given,
        strict,
        (r) => relabel(r, pl.units),
        p.tagsFixed ? isTagKey : undefined,
      );
      const identityAllows = d.result.explain.layers.some(
        (l) => l.kind === 'identity' && l.verdict.kind === 'allow',
      );
      mine = unitsOf(slim, p);
      hit = { d, identityAllows, units: mine };
      if (key >= 0) memo.set(key, hit);
    }
    const { d, identityAllows } = hit;
    if (d.kind === 'denied') continue;
    let conditions = NO_CONDITIONS;
    if (d.kind === 'conditional') {
      mine ??= id === undefined ? unitsOf({}, p) : [...slimsOf(idViews, nId), ...slimsOf(bViews, nB)];
      conditions = renameConditions(d.conditions, hit, mine);
    }
    principals.push({
      arn: p.arn,
      kind: p.kind,
      decision: d.kind,
      conditions,
      external: false,
      via: identityAllows ? 'identity' : 'resource',
    });
  }

  if (ru) principals.push(...externalEntries(c, ru, id, query, extra));
  return { action, resource, principals, evaluated };
}

/**
 * who-can without shared answers or bitset filters: every principal of the snapshot evaluated on
 * its own with all its policies. The reference `whoCan` is tested against; slow on large snapshots.
 */
export function whoCanReference(c: CompiledAccess, query: WhoCanQuery & QueryPolicies): WhoCanResult {
  const { action, resource } = query;
  const extra = extraOf(c, query);
  const ru = c.resourcePolicy(resource);
  const principals: WhoCanEntry[] = [];
  for (const p of c.principals) {
    const pl = plan(c, p, p.info, resource, ru, {}, extra);
    const d = decideWithContext(
      (ctx) => run(pl, action, resource, ctx),
      query.context ?? {},
      query.strict === true,
      (r) => relabel(r, pl.units),
      p.tagsFixed ? isTagKey : undefined,
    );
    if (d.kind === 'denied') continue;
    const identityAllows = d.result.explain.layers.some(
      (l) => l.kind === 'identity' && l.verdict.kind === 'allow',
    );
    principals.push({
      arn: p.arn,
      kind: p.kind,
      decision: d.kind,
      conditions: d.kind === 'conditional' ? d.conditions : NO_CONDITIONS,
      external: false,
      via: identityAllows ? 'identity' : 'resource',
    });
  }
  if (ru) principals.push(...externalEntries(c, ru, c.catalog.actionId(action), query, extra));
  return { action, resource, principals, evaluated: c.principals.length };
}

/** Whether a resource-policy statement names the principal well enough to grant on its own. */
export function namesPrincipal(
  spec: Parameters<typeof matchPrincipal>[0],
  info: PrincipalInfo,
): string | null {
  const g = matchPrincipal(spec, info);
  return g === null || g === 'account' ? null : g;
}

/** Parses `k=v` context arguments; a key given twice becomes multi-valued. */
export function parseContextArgs(args: readonly string[]): { [key: string]: ContextValue } {
  const values = new Map<string, string[]>();
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new AccessError(`--context: expected \`key=value\`, found \`${a}\``);
    const key = a.slice(0, eq);
    const list = values.get(key) ?? [];
    list.push(a.slice(eq + 1));
    values.set(key, list);
  }
  return Object.fromEntries([...values].map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]));
}
