// can / who-can over a compiled snapshot: builds each request's policy set from precompiled
// policies, filters principals by action bitsets, and delegates every decision to the evaluator.
// Imports only core/; no node:*, no DOM.
import {
  compilePolicySet,
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
} from './compile';
import { decideWithContext, type DecidedAccess } from './conditional';

/** An error in an access query (unknown principal, bad ARN), one line. */
export class AccessError extends Error {}

/** The units of each layer of one evaluation, to name its statements. */
interface LayerUnits {
  readonly identity: readonly PolicyUnit[];
  readonly boundary: readonly PolicyUnit[];
  readonly resource: readonly PolicyUnit[];
  readonly scp: readonly PolicyUnit[];
  readonly rcp: readonly PolicyUnit[];
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
    session: null,
    endpoint: null,
    managementAccountId: c.managementAccountId,
    diagnostics: [],
  };
  const units: LayerUnits = {
    identity: idUnits,
    boundary: boundary ?? NO_UNITS,
    resource: ru ? [ru.unit] : NO_UNITS,
    scp: scp ? scp.flat : NO_UNITS,
    rcp: rcpApplies && c.rcp ? c.rcp.flat : NO_UNITS,
  };
  return { set, units, info, resourceAccount };
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

function run(p: Plan, action: string, resource: string, context: QueryContext | undefined): EvaluationResult {
  const { context: ctx, derivedKeys } = buildContext(p.info, p.resourceAccount, context);
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
  const given0 = context ?? NO_CONTEXT;
  let given = givenCache.get(given0);
  if (!given)
    givenCache.set(given0, (given = new Map(Object.entries(given0).map(([k, v]) => [k.toLowerCase(), v]))));
  let perAccount = derivedCache.get(p.info);
  if (!perAccount) derivedCache.set(p.info, (perAccount = new Map()));
  const accountKey = p.resourceAccount ?? '';
  let derived = perAccount.get(accountKey);
  if (!derived) {
    const keys = buildContext(p.info, p.resourceAccount, undefined).derivedKeys;
    derived = { map: new Map(Object.entries(keys).map(([k, v]) => [k.toLowerCase(), v])), keys };
    perAccount.set(accountKey, derived);
  }
  const request: PreparedRequest = {
    principal: p.info,
    action,
    resource,
    resourceAccount: p.resourceAccount,
    context: new LayeredContext(given, derived.map),
    derivedKeys: derived.keys,
  };
  return evaluatePrepared(p.set, request);
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
export function can(c: CompiledAccess, query: CanQuery): CanResult {
  const { access, info } = findPrincipal(c, query.principal);
  const ru = c.resourcePolicy(query.resource);
  const p = plan(c, access, info, query.resource, ru, {});
  const result = relabel(run(p, query.action, query.resource, query.context), p.units);
  return { ...result, policies: applied(p) };
}

/** Only the decision of `can`, without the explanation's labels: the fast path for many questions. */
export function canDecide(c: CompiledAccess, query: CanQuery): EvaluationResult['decision'] {
  const { access, info } = findPrincipal(c, query.principal);
  const ru = c.resourcePolicy(query.resource);
  const id = c.catalog.actionId(query.action);
  let slim: SlimParts = {};
  if (id !== undefined && access) {
    // Restricted to the statements covering the action, cached across questions (bounded).
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
    slim = { identity, ...(boundary ? { boundary } : {}), ...(scp ? { scp } : {}) };
  }
  return runFast(plan(c, access, info, query.resource, ru, slim), query.action, query.resource, query.context)
    .decision;
}

/** Slim units and SCP paths per action, kept across `canDecide` questions; emptied when large. */
interface ActionCache {
  unit(u: PolicyUnit, id: number): PolicyUnit | null;
  org(org: CompiledOrgPath, id: number): SlimOrg;
}

const ACTION_CACHE_LIMIT = 200_000;
const actionCaches = new WeakMap<CompiledAccess, ActionCache>();

function actionCache(c: CompiledAccess): ActionCache {
  let cache = actionCaches.get(c);
  if (cache) return cache;
  // Keyed by action, then unit uid: small integers, which maps hash fastest.
  const units = new Map<number, Map<number, PolicyUnit | null>>();
  let size = 0;
  const orgs = new Map<number, SlimOrg>();
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
  if (entry.units === to || conditions.length === 0) return conditions;
  if (!entry.behaviourOf) {
    entry.behaviourOf = new Map();
    for (const u of entry.units)
      for (const st of u.statements) entry.behaviourOf.set(statementLabel(u.label, st.index), st.behaviourId);
  }
  const byBehaviour = new Map<number, string[]>();
  for (const u of to) {
    for (const st of u.statements) {
      const list = byBehaviour.get(st.behaviourId);
      const label = statementLabel(u.label, st.index);
      if (list) list.push(label);
      else byBehaviour.set(st.behaviourId, [label]);
    }
  }
  const behaviourOf = entry.behaviourOf;
  return conditions.map((cond) => {
    const out = new Set<string>();
    for (const label of cond.statements) {
      const b = behaviourOf.get(label);
      const mine = b === undefined ? undefined : byBehaviour.get(b);
      if (mine) for (const l of mine) out.add(l);
      else out.add(label);
    }
    return { ...cond, statements: [...out] };
  });
}

/** The memo key part of statements: their behaviours, sorted and unique (order and repeats change nothing). */
function behaviourKey(ids: number[]): string {
  if (ids.length <= 1) return ids.length === 0 ? '' : String(ids[0]);
  ids.sort((a, b) => a - b);
  let out = String(ids[0]);
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[i - 1]) out += `,${ids[i]}`;
  return out;
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

/**
 * Every principal that may make the request: users and roles of the snapshot (roles as their
 * sessions), through identity policies or the resource's own policy, and principals outside the
 * snapshot that the resource policy names (labelled `external`: their own account must allow too).
 * Principals are first filtered by action bitsets; every listed answer comes from the evaluator.
 */
export function whoCan(c: CompiledAccess, query: WhoCanQuery): WhoCanResult {
  const { action, resource } = query;
  const given: QueryContext = query.context ?? {};
  const strict = query.strict === true;
  const id = c.catalog.actionId(action);
  const ru = c.resourcePolicy(resource);
  const scp = c.scp;
  const principals: WhoCanEntry[] = [];
  let evaluated = 0;

  // Principals with the same relevant statements, grants and account get the same answer unless
  // one of those statements reads who the principal is: their evaluations are shared.
  const memo = new Map<string, MemoEntry>();
  const slims = new Map<PolicyUnit, PolicyUnit | null>();
  const perAction = actionCache(c);
  const slimOf = (u: PolicyUnit, actionId: number): PolicyUnit | null => {
    let s = slims.get(u);
    if (s === undefined) {
      // The action's statements are cached across questions; the resource is checked per question.
      const forAction = perAction.unit(u, actionId);
      s = forAction === null ? null : slimUnit(forAction, actionId, resource);
      slims.set(u, s);
    }
    return s;
  };
  const resourceReadsPrincipal = ru?.unit.principalDependent ?? false;
  const slimScp = scp && id !== undefined ? slimOrg(scp, id, resource) : undefined;
  const scpDenies = scp !== null && id !== undefined && scp.denyStar.has(id);
  const scpAllows = scp !== null && id !== undefined && scp.allow.has(id);
  // Per unit (by uid) and for this action: whether it allows, denies, denies on `*` unconditionally.
  const flags = new Uint8Array(c.unitCount);
  const flagsOf = (u: PolicyUnit, actionId: number): number => {
    let f = flags[u.uid] ?? 0;
    if (f === 0) {
      f =
        KNOWN |
        (u.allow.has(actionId) ? ALLOW : 0) |
        (u.deny.has(actionId) ? DENY : 0) |
        (u.denyStar.has(actionId) ? DENY_STAR : 0);
      flags[u.uid] = f;
    }
    return f;
  };
  const standaloneFor = standaloneGrants(ru, id);

  for (const p of c.principals) {
    const scpApplies = scp !== null && p.scpApplies && accountOf(p.info) === c.account;
    let slim: SlimParts = {};
    let key: string | undefined;
    if (id !== undefined) {
      // An unconditional Deny on `*` decides whatever the resource and context; every SCP level must allow.
      if (scpApplies && (scpDenies || !scpAllows)) continue;
      let identityMayAllow = false;
      let denied = false;
      for (const u of p.identity) {
        const f = flagsOf(u, id);
        if (f & DENY_STAR) denied = true;
        if (f & ALLOW) identityMayAllow = true;
      }
      let boundaryMayAllow = p.boundary === null;
      if (p.boundary) {
        for (const u of p.boundary) {
          const f = flagsOf(u, id);
          if (f & DENY_STAR) denied = true;
          if (f & ALLOW) boundaryMayAllow = true;
        }
      }
      if (denied) continue;
      // Unless the resource policy could allow this principal on its own, identity policies and
      // the boundary must allow.
      const standalone = standaloneFor(p);
      if (!(identityMayAllow && boundaryMayAllow) && !standalone) continue;
      const identity: PolicyUnit[] = [];
      let personal = resourceReadsPrincipal || (scpApplies && (slimScp?.readsPrincipal ?? false));
      const behaviours: number[] = [];
      let allows = false;
      for (const u of p.identity) {
        if ((flagsOf(u, id) & (ALLOW | DENY)) === 0) continue;
        const s = slimOf(u, id);
        if (!s) continue;
        identity.push(s);
        if (s.principalDependent) personal = true;
        for (const st of s.statements) {
          // The statement covers the action and may match the resource (see slimUnit): its
          // behaviour, not its text, decides.
          behaviours.push(st.behaviourId);
          if (st.effect === 'Allow') allows = true;
        }
      }
      // Without an identity Allow that may match, or a resource policy that could allow, nothing can.
      if (!allows && !standalone) continue;
      let parts = behaviourKey(behaviours);
      let boundary: PolicyUnit[] | undefined;
      if (p.boundary) {
        boundary = [];
        behaviours.length = 0;
        for (const u of p.boundary) {
          if ((flagsOf(u, id) & (ALLOW | DENY)) === 0) continue;
          const s = slimOf(u, id);
          if (!s) continue;
          boundary.push(s);
          if (s.principalDependent) personal = true;
          for (const st of s.statements) behaviours.push(st.behaviourId);
        }
        parts += `|b:${behaviourKey(behaviours)}`;
      }
      slim = { identity, ...(boundary ? { boundary } : {}), ...(slimScp ? { scp: slimScp } : {}) };
      if (!personal) {
        const sig = ru ? grantSignature(ru, p.info, p.boundary !== null) : '';
        key = `${p.kind}|${accountOf(p.info) ?? ''}|${scpApplies ? 1 : 0}|${p.arn.includes(':role/aws-service-role/') ? 1 : 0}|${parts}|${sig}`;
      }
    }
    let hit = key === undefined ? undefined : memo.get(key);
    let mine: PolicyUnit[] | undefined;
    if (!hit) {
      evaluated++;
      const pl = plan(c, p, p.info, resource, ru, slim);
      const d = decideWithContext(
        (ctx) => runFast(pl, action, resource, ctx),
        given,
        strict,
        (r) => relabel(r, pl.units),
      );
      const identityAllows = d.result.explain.layers.some(
        (l) => l.kind === 'identity' && l.verdict.kind === 'allow',
      );
      mine = unitsOf(slim, p);
      hit = { d, identityAllows, units: mine };
      if (key !== undefined) memo.set(key, hit);
    }
    const { d, identityAllows } = hit;
    if (d.kind === 'denied') continue;
    principals.push({
      arn: p.arn,
      kind: p.kind,
      decision: d.kind,
      conditions:
        d.kind === 'conditional' ? renameConditions(d.conditions, hit, mine ?? unitsOf(slim, p)) : [],
      external: false,
      via: identityAllows ? 'identity' : 'resource',
    });
  }

  if (ru) {
    for (const cand of externalCandidates(c, ru, id)) {
      const pl = plan(c, undefined, cand.info, resource, ru, {
        identity: cand.assumeIdentity ? [assumedIdentity()] : NO_UNITS,
      });
      const d = decideWithContext(
        (ctx) => runFast(pl, action, resource, ctx),
        given,
        strict,
        (r) => relabel(r, pl.units),
      );
      if (d.kind === 'denied') continue;
      principals.push({
        arn: cand.arn,
        kind: cand.kind,
        decision: d.kind,
        conditions: d.kind === 'conditional' ? d.conditions : [],
        external: true,
        via: 'resource',
      });
    }
  }
  return { action, resource, principals, evaluated };
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
