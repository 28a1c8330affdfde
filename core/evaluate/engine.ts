// The AWS decision for one request: compile a PolicySet once, then evaluate requests against it,
// following AWS's policy evaluation logic, with the explanation as data.
// Imports only core/model, core/policy and core/evaluate/conditions.
import type { RequestContext } from '../model/context';
import type { Diagnostic } from '../model/diagnostic';
import type {
  ConditionCheck,
  Decision,
  DeniedBy,
  EvaluationResult,
  LayerResult,
  LayerVerdict,
  PolicyKind,
  PolicySet,
  PrincipalGrant,
  PrincipalInfo,
  SimulationRequest,
  StatementResult,
} from '../model/evaluate';
import type { PolicyDocument, PolicyStatement } from '../model/policy';
import { compileResourcePattern } from '../policy/arn';
import { compilePattern, foldCase, type CompiledPattern } from '../policy/pattern';
import { compileConditionBlock, type CompiledCondition } from './conditions/index';
import { compilePrincipal, listedForms, matchPrincipal, type PrincipalSpec } from './principal';
import { prepareRequest, type PreparedRequest } from './request';

interface PatternList {
  readonly not: boolean;
  /** Lower-cased literal actions, for a set lookup; patterns with wildcards go to `globs`. */
  readonly literals: ReadonlySet<string>;
  readonly globs: readonly CompiledPattern[];
  readonly all: boolean;
  /** Lower-cased service prefixes the list can match; null when a pattern's prefix has a wildcard. */
  readonly services: ReadonlySet<string> | null;
}

interface CompiledStatement {
  readonly id: string;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: PatternList | null;
  readonly resources: { readonly not: boolean; readonly patterns: readonly CompiledPattern[] } | null;
  readonly principal: { readonly not: boolean; readonly spec: PrincipalSpec } | null;
  readonly condition: CompiledCondition | null;
  /** The (constant) result when the action does not match: most statements stop there, so it is built once. */
  readonly actionMismatch: StatementResult;
  /** The (constant) result when a statement without Condition matches. */
  readonly unconditionalMatch: StatementResult;
}

/** A policy document compiled to matchers. */
export interface CompiledPolicy {
  readonly id: string;
  readonly statements: readonly CompiledStatement[];
}

/** One compiled organisation level. */
export interface CompiledLevel {
  readonly orgIdentifier: string;
  readonly policies: readonly CompiledPolicy[];
}

/** A PolicySet compiled once, evaluated many times. */
export interface CompiledPolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly resource: CompiledPolicy | null;
  readonly scp: readonly CompiledLevel[] | null;
  readonly rcp: readonly CompiledLevel[] | null;
  readonly boundary: readonly CompiledPolicy[] | null;
  readonly session: CompiledPolicy | null;
  readonly endpoint: readonly CompiledPolicy[] | null;
  readonly managementAccountId: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

// Compiled patterns are immutable, and the same patterns recur across policies (`*`, `s3:Get*`,
// `arn:aws:s3:::bucket/*`): compile each once per process, up to a bound.
const PATTERN_CACHE_LIMIT = 20_000;
const actionPatterns = new Map<string, CompiledPattern>();
const resourcePatterns = new Map<string, CompiledPattern>();

function cachedPattern(cache: Map<string, CompiledPattern>, key: string, make: () => CompiledPattern): CompiledPattern {
  let p = cache.get(key);
  if (p === undefined) {
    if (cache.size >= PATTERN_CACHE_LIMIT) cache.clear();
    p = make();
    cache.set(key, p);
  }
  return p;
}

const NONE: readonly string[] = Object.freeze([]);
const NO_CHECKS: readonly ConditionCheck[] = Object.freeze([]);

function compileActions(list: readonly string[], not: boolean): PatternList {
  const literals = new Set<string>();
  const globs: CompiledPattern[] = [];
  let services: Set<string> | null = new Set<string>();
  let all = false;
  for (const a of list) {
    // AWS "IAM JSON policy elements: Action": action names are case-insensitive. Actions are
    // folded once here and once per request, so the patterns themselves match case-sensitively.
    const folded = foldCase(a);
    const colon = folded.indexOf(':');
    const prefix = colon < 0 ? folded : folded.slice(0, colon);
    if (colon < 0 || prefix.includes('*') || prefix.includes('?')) services = null;
    else services?.add(prefix);
    if (a === '*') all = true;
    else if (!folded.includes('*') && !folded.includes('?')) literals.add(folded);
    else globs.push(cachedPattern(actionPatterns, folded, () => compilePattern(folded, { caseInsensitive: false, variables: false })));
  }
  return { not, literals, globs, all, services };
}

/** Matches a lower-cased action against a compiled Action/NotAction list. */
function matchesActions(list: PatternList, lower: string, service: string): boolean {
  if (list.all) return true;
  if (list.services !== null && !list.services.has(service)) return false;
  if (list.literals.has(lower)) return true;
  for (const g of list.globs) if (g.match(lower).matched) return true;
  return false;
}

function compileStatement(
  st: PolicyStatement,
  id: string,
  path: string,
  version: string | undefined,
  kind: PolicyKind,
  diagnostics: Diagnostic[],
): CompiledStatement | null {
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
    diagnostics.push({ id: 'policy.statement.effect.invalid', severity: 'error', path: `${path}.Effect`, message: `expected \`Allow\` or \`Deny\`, found \`${st.Effect}\`` });
    return null;
  }
  // AWS "IAM JSON policy elements: Version": policy variables work only in version 2012-10-17.
  const variables = version === '2012-10-17';
  const actions = st.Action ? compileActions(st.Action, false) : st.NotAction ? compileActions(st.NotAction, true) : null;
  const resList = st.Resource ?? st.NotResource;
  const resources = resList
    ? { not: st.Resource === undefined, patterns: resList.map((r) => cachedPattern(resourcePatterns, variables ? `v${r}` : `l${r}`, () => compileResourcePattern(r, { variables }))) }
    : null;
  // Principal elements only mean something in resource-based, RCP and endpoint policies.
  const principalKinds: readonly PolicyKind[] = ['resource', 'rcp', 'endpoint'];
  const principalElement = st.Principal ?? st.NotPrincipal;
  const principal =
    principalKinds.includes(kind) && principalElement !== undefined ? { not: st.Principal === undefined, spec: compilePrincipal(principalElement) } : null;
  let condition: CompiledCondition | null = null;
  if (st.Condition && Object.keys(st.Condition).length > 0) {
    const c = compileConditionBlock(st.Condition, `${path}.Condition`, { policyVariables: variables });
    diagnostics.push(...c.diagnostics);
    condition = c.condition;
  }
  const actionMismatch: StatementResult = Object.freeze({
    id,
    ...(st.Sid === undefined ? {} : { sid: st.Sid }),
    effect: st.Effect,
    outcome: Object.freeze({ kind: 'notMatched' as const, element: actions?.not ? ('NotAction' as const) : ('Action' as const), missingVariables: NONE }),
  });
  const unconditionalMatch: StatementResult = Object.freeze({
    id,
    ...(st.Sid === undefined ? {} : { sid: st.Sid }),
    effect: st.Effect,
    outcome: Object.freeze({ kind: 'matched' as const, conditions: NO_CHECKS }),
  });
  return { id, sid: st.Sid, effect: st.Effect, actions, resources, principal, condition, actionMismatch, unconditionalMatch };
}

function compilePolicy(doc: PolicyDocument, id: string, kind: PolicyKind, diagnostics: Diagnostic[]): CompiledPolicy {
  const statements: CompiledStatement[] = [];
  doc.Statement.forEach((st, i) => {
    const c = compileStatement(st, `${id}.Statement[${i}]`, `policies.${id}.Statement[${i}]`, doc.Version, kind, diagnostics);
    if (c) statements.push(c);
  });
  return { id, statements };
}

/** Compiles every policy of a set into matchers; errors (unknown operators, bad Effect) come back as diagnostics. */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const diagnostics: Diagnostic[] = [];
  const levels = (ls: PolicySet['scp'], kind: 'scp' | 'rcp'): CompiledLevel[] | null =>
    ls === null
      ? null
      : ls.map((level, l) => ({
          orgIdentifier: level.orgIdentifier,
          policies: level.policies.map((p, i) => compilePolicy(p, `${kind}[${l}][${i}]`, kind, diagnostics)),
        }));
  return {
    identity: set.identity.map((p, i) => compilePolicy(p, `identity[${i}]`, 'identity', diagnostics)),
    resource: set.resource ? compilePolicy(set.resource, 'resource[0]', 'resource', diagnostics) : null,
    scp: levels(set.scp, 'scp'),
    rcp: levels(set.rcp, 'rcp'),
    boundary: set.boundary ? set.boundary.map((p, i) => compilePolicy(p, `boundary[${i}]`, 'boundary', diagnostics)) : null,
    session: set.session ? compilePolicy(set.session, 'session[0]', 'session', diagnostics) : null,
    endpoint: set.endpoint ? set.endpoint.map((p, i) => compilePolicy(p, `endpoint[${i}]`, 'endpoint', diagnostics)) : null,
    managementAccountId: set.managementAccountId,
    diagnostics,
  };
}


/** Per-request state shared by the statement checks. */
interface Evaluation {
  readonly request: PreparedRequest;
  readonly hasBoundary: boolean;
  readonly missing: Set<string>;
  readonly lowerAction: string;
  readonly lowerService: string;
  /** False for a decision only (`decidePrepared`): statement results and missing keys are neither built nor kept. */
  readonly trace: boolean;
}

interface StatementHit {
  readonly result: StatementResult;
  readonly matched: boolean;
  readonly grant: PrincipalGrant | null;
}

/**
 * Whether one statement applies to the request. AWS "IAM JSON policy elements": `Action` /
 * `NotAction` ("NotAction": the statement applies to every action except those listed),
 * `Resource` / `NotResource` ("NotResource": every resource except those listed), `Principal` /
 * `NotPrincipal`, then `Condition` (every condition must be true).
 */
type MatchElement = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';

/** A statement that did not match, when no statement results are kept (`Evaluation.trace` false). */
const MISS: StatementHit = Object.freeze({ result: Object.freeze({ id: '', effect: 'Allow', outcome: Object.freeze({ kind: 'notMatched', element: 'Action', missingVariables: NONE }) }) as StatementResult, matched: false, grant: null });

function failed(st: CompiledStatement, element: MatchElement, missingVariables: readonly string[], ev: Evaluation): StatementHit {
  if (!ev.trace) return MISS;
  const result: StatementResult = { id: st.id, effect: st.effect, ...(st.sid === undefined ? {} : { sid: st.sid }), outcome: { kind: 'notMatched', element, missingVariables } };
  return { result, matched: false, grant: null };
}

function checkStatement(st: CompiledStatement, kind: PolicyKind, ev: Evaluation): StatementHit {
  const { request } = ev;
  // A statement without Action and NotAction is invalid (validation reports it); it matches nothing.
  if (st.actions === null || matchesActions(st.actions, ev.lowerAction, ev.lowerService) === st.actions.not) return ev.trace ? { result: st.actionMismatch, matched: false, grant: null } : MISS;
  if (st.resources !== null) {
    let hit = false;
    let vars: string[] | undefined;
    for (const p of st.resources.patterns) {
      const m = p.match(request.resource, request.context);
      if (m.missingVariables.length > 0) (vars ??= []).push(...m.missingVariables);
      if (m.matched) {
        hit = true;
        break;
      }
    }
    if (vars) for (const v of vars) ev.missing.add(v);
    if (hit === st.resources.not) return failed(st, st.resources.not ? 'NotResource' : 'Resource', vars ?? NONE, ev);
  } else if (kind === 'identity' || kind === 'boundary' || kind === 'session') {
    // Identity-based policies must name their resources; resource-based, SCP, RCP and endpoint
    // statements may omit Resource (a trust policy's resource is the role itself).
    return failed(st, 'Resource', NONE, ev);
  }
  let grant: PrincipalGrant | null = null;
  if (kind === 'resource' || kind === 'rcp' || kind === 'endpoint') {
    if (st.principal === null) {
      // A resource-based policy statement must name its principal; RCP and endpoint statements
      // without one apply to everyone.
      if (kind === 'resource') return failed(st, 'Principal', NONE, ev);
      grant = 'wildcard';
    } else if (!st.principal.not) {
      grant = matchPrincipal(st.principal.spec, request.principal);
      if (grant === null) return failed(st, 'Principal', NONE, ev);
    } else {
      const listed = listedForms(st.principal.spec, request.principal);
      // AWS "Permissions boundaries for IAM entities": "The NotPrincipal element with a Deny effect
      // will always deny any IAM principal that has a permissions boundary policy attached,
      // regardless of the values specified in the NotPrincipal element."
      const boundaryOverride = st.effect === 'Deny' && ev.hasBoundary && isIamPrincipal(request.principal);
      // AWS "IAM JSON policy elements: NotPrincipal": with Deny, a principal is spared only when
      // every form of it is listed; with Allow, any listed form excludes it.
      const excluded = !boundaryOverride && (st.effect === 'Deny' ? listed.all : listed.some);
      if (excluded) return failed(st, 'NotPrincipal', NONE, ev);
      grant = 'wildcard';
    }
  }
  if (st.condition !== null) {
    if (!ev.trace) return st.condition.test(request.context) ? { result: st.unconditionalMatch, matched: true, grant } : MISS;
    const r = st.condition.evaluate(request.context);
    for (const k of r.missingKeys) ev.missing.add(k);
    const conditions: readonly ConditionCheck[] = r.trace;
    const base = { id: st.id, effect: st.effect, ...(st.sid === undefined ? {} : { sid: st.sid }) };
    if (!r.matched) return { result: { ...base, outcome: { kind: 'conditionFailed', conditions, missingKeys: r.missingKeys } }, matched: false, grant: null };
    return { result: { ...base, outcome: { kind: 'matched', conditions } }, matched: true, grant };
  }
  return { result: st.unconditionalMatch, matched: true, grant };
}

/**
 * A function that names how the statements of a policy set treat a resource for one action: two
 * resources with the same name (same account) get the same decision from `evaluatePrepared`.
 */
export type ResourceClassifier = (resource: string, context: RequestContext) => string;

/**
 * The resource classifier of `compiled` for `action`. The engine reads the resource only through
 * the Resource/NotResource elements of the statements whose Action/NotAction covers the action
 * (with the policy variables they resolve), through the resource's account (part of the request)
 * and through its type (`requiresResourcePolicy`); the name is built from exactly those.
 */
export function resourceClassifier(compiled: CompiledPolicySet, action: string): ResourceClassifier {
  const elements = resourceElements(compiled, action);
  return (resource, context) => {
    let name = requiresResourcePolicy(action, resource) ? 'r' : 'n';
    for (const el of elements) {
      let hit = false;
      let vars = '';
      for (const p of el.patterns) {
        const m = p.match(resource, context);
        if (m.missingVariables.length > 0) vars += m.missingVariables.join(',') + ';';
        if (m.matched) {
          hit = true;
          break;
        }
      }
      name += vars === '' ? (hit ? '1' : '0') : `${hit ? '1' : '0'}[${vars}]`;
    }
    return name;
  };
}

/**
 * The patterns (their source text) of the Resource/NotResource elements that tell resources apart
 * for `action` in `compiled` (see resourceClassifier): a resource that starts with none of their
 * literal prefixes is in the same class as every other such resource of its account and type.
 */
export function resourcePatternSources(compiled: CompiledPolicySet, action: string): string[] {
  return resourceElements(compiled, action).flatMap((el) => el.patterns.map((p) => p.source));
}

type ResourceElement = { readonly not: boolean; readonly patterns: readonly CompiledPattern[] };

/** Per compiled policy, per action (lower case): the Resource/NotResource elements that tell resources apart. */
const policyElements = new WeakMap<CompiledPolicy, Map<string, readonly ResourceElement[]>>();

function resourceElements(compiled: CompiledPolicySet, action: string): ResourceElement[] {
  const lower = foldCase(action);
  const service = serviceOf(lower);
  const elements: ResourceElement[] = [];
  const collect = (policies: readonly CompiledPolicy[] | null | undefined): void => {
    for (const policy of policies ?? []) {
      let byAction = policyElements.get(policy);
      if (byAction === undefined) {
        byAction = new Map();
        policyElements.set(policy, byAction);
      }
      let own = byAction.get(lower);
      if (own === undefined) {
        const list: ResourceElement[] = [];
        for (const st of policy.statements) {
          if (st.actions === null || matchesActions(st.actions, lower, service) === st.actions.not) continue;
          // A `*` pattern matches every resource: such an element (Resource or NotResource) tells no resource apart.
          if (st.resources !== null && !st.resources.patterns.some((x) => x.source === '*')) list.push(st.resources);
        }
        own = list;
        byAction.set(lower, own);
      }
      elements.push(...own);
    }
  };
  collect(compiled.identity);
  collect(compiled.resource === null ? null : [compiled.resource]);
  collect(compiled.boundary);
  collect(compiled.session === null ? null : [compiled.session]);
  collect(compiled.endpoint);
  for (const level of compiled.scp ?? []) collect(level.policies);
  for (const level of compiled.rcp ?? []) collect(level.policies);
  return elements;
}

function isIamPrincipal(p: PrincipalInfo): boolean {
  return p.kind === 'user' || p.kind === 'role' || p.kind === 'assumedRole' || p.kind === 'federatedUser' || p.kind === 'root';
}

/** Matching Allow and Deny statements of a list of policies, with every statement's result. */
interface PoliciesOutcome {
  readonly results: StatementResult[];
  readonly allows: string[];
  readonly denies: string[];
  /** The most specific way a matching Allow named the principal (resource policies). */
  grant: PrincipalGrant;
  /** SCP/RCP levels (org ids) or endpoint policies (ids) that had no matching Allow. */
  readonly failing: string[];
}

const GRANT_RANK: Record<PrincipalGrant, number> = { none: 0, account: 1, role: 2, wildcard: 3, service: 3, federated: 3, session: 4, exact: 4 };

function checkPolicies(policies: readonly CompiledPolicy[], kind: PolicyKind, ev: Evaluation, into?: PoliciesOutcome): PoliciesOutcome {
  const out: PoliciesOutcome = into ?? { results: [], allows: [], denies: [], grant: 'none', failing: [] };
  for (const policy of policies) {
    for (const st of policy.statements) {
      const hit = checkStatement(st, kind, ev);
      if (ev.trace) out.results.push(hit.result);
      if (!hit.matched) continue;
      if (st.effect === 'Deny') out.denies.push(st.id);
      else {
        out.allows.push(st.id);
        if (hit.grant !== null && GRANT_RANK[hit.grant] > GRANT_RANK[out.grant]) out.grant = hit.grant;
      }
    }
  }
  return out;
}

// AWS Organizations "Resource control policies (RCPs)", "List of AWS services that support RCPs"
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html):
// RCPs apply only to requests to these services.
const RCP_SERVICES = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'cognito-idp', 'logs', 'dynamodb', 'ecr', 'aoss']);

// AWS "Policy evaluation logic" > "Resource-based policies": "IAM role trust policies and KMS key
// policies are exceptions to this logic, because they must explicitly allow access for principals."
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

function requiresResourcePolicy(action: string, resource: string): boolean {
  const a = action.toLowerCase();
  if (TRUST_ACTIONS.has(a) && /^arn:[^:]+:iam::\d{12}:role\//.test(resource)) return true;
  return /^arn:[^:]+:kms:/.test(resource);
}

/**
 * AWS Organizations "Service control policies": "SCPs don't affect service-linked roles"; the same
 * holds for RCPs. A service-linked role's path is `/aws-service-role/`; a session of one shows
 * only its name, which AWS starts with `AWSServiceRoleFor`.
 */
function isServiceLinkedRole(p: PrincipalInfo, context: RequestContext): boolean {
  if (p.kind === 'role') return p.arn.includes(':role/aws-service-role/');
  if (p.kind !== 'assumedRole') return false;
  const given = context.get('aws:PrincipalArn');
  if (typeof given === 'string' && given.includes(':role/aws-service-role/')) return true;
  return p.roleName.startsWith('AWSServiceRoleFor');
}

function principalAccountOf(p: PrincipalInfo): string | undefined {
  return 'account' in p ? p.account : undefined;
}

function serviceOf(action: string): string {
  const i = action.indexOf(':');
  return (i < 0 ? action : action.slice(0, i)).toLowerCase();
}

/** Evaluates a request against compiled policies. Throws RequestError when the principal cannot be parsed. */
export function evaluateRequest(compiled: CompiledPolicySet, request: SimulationRequest): EvaluationResult {
  return evaluatePrepared(compiled, prepareRequest(request));
}

/**
 * Only the decision of `evaluatePrepared` for the same request: the same checks in the same order,
 * without statement results or an explanation (the fast path for many questions, such as `can`).
 */
export function decidePrepared(compiled: CompiledPolicySet, request: PreparedRequest): Decision {
  return settle(compiled, request, false).decision;
}

/** The layers' outcomes and the decision, in AWS's order (see `evaluatePrepared`); `trace` keeps statement results. */
function settle(compiled: CompiledPolicySet, request: PreparedRequest, trace: boolean) {
  const p = request.principal;
  const iam = isIamPrincipal(p);
  const pAccount = principalAccountOf(p);
  const slr = isServiceLinkedRole(p, request.context);
  const mgmt = compiled.managementAccountId;
  const hasBoundary = compiled.boundary !== null && (p.kind === 'user' || p.kind === 'role' || p.kind === 'assumedRole' || p.kind === 'federatedUser');
  const lowerAction = foldCase(request.action);
  const ev: Evaluation = { request, hasBoundary, missing: new Set(), lowerAction, lowerService: serviceOf(lowerAction), trace };
  const crossAccount = iam && pAccount !== undefined && request.resourceAccount !== undefined && request.resourceAccount !== pAccount;
  const service = serviceOf(request.action);

  // Which kinds apply to this request, and why not when they don't.
  let rcpNa: string | null = null;
  if (compiled.rcp === null) rcpNa = 'no RCPs govern the resource account';
  else if (!RCP_SERVICES.has(service)) rcpNa = `RCPs do not apply to \`${service}\``;
  // AWS Organizations "Resource control policies (RCPs)": "RCPs don't apply to resources in the
  // management account"; they do not restrict service-linked roles.
  else if (mgmt !== undefined && request.resourceAccount === mgmt) rcpNa = 'the resource belongs to the management account';
  else if (slr) rcpNa = 'service-linked roles are not restricted by RCPs';
  let scpNa: string | null = null;
  if (compiled.scp === null) scpNa = 'no SCPs govern the principal account';
  // AWS Organizations "Service control policies (SCPs)": SCPs restrict IAM users and roles (and
  // the root user) of member accounts only; not service principals, web identities or anonymous.
  else if (!iam) scpNa = 'SCPs apply only to IAM principals of member accounts';
  // "SCPs don't affect users or roles in the management account."
  else if (mgmt !== undefined && pAccount === mgmt) scpNa = 'the principal belongs to the management account';
  // "SCPs don't affect service-linked roles."
  else if (slr) scpNa = 'service-linked roles are not restricted by SCPs';

  const rcp = rcpNa === null ? checkLevels(compiled.rcp!, 'rcp', ev) : null;
  const scp = scpNa === null ? checkLevels(compiled.scp!, 'scp', ev) : null;
  const endpoint = compiled.endpoint !== null && compiled.endpoint.length > 0 ? checkEndpoints(compiled.endpoint, ev) : null;
  const resource = compiled.resource !== null ? checkPolicies([compiled.resource], 'resource', ev) : null;
  // Identity-based policies, boundaries and session policies belong to IAM principals; the root
  // user has no identity policies and "has full access" (AWS "How AWS enforcement code logic…").
  const identityApplies = iam && p.kind !== 'root';
  const identity = identityApplies ? checkPolicies(compiled.identity, 'identity', ev) : null;
  const boundary = hasBoundary ? checkPolicies(compiled.boundary!, 'boundary', ev) : null;
  const session = compiled.session !== null && identityApplies ? checkPolicies([compiled.session], 'session', ev) : null;
  const outcomes: (PoliciesOutcome | null)[] = [rcp, scp, endpoint, resource, identity, boundary, session];

  // Step 1, "Deny evaluation": an explicit Deny in any applicable policy decides.
  const denies: string[] = [];
  for (const o of outcomes) if (o !== null && o.denies.length > 0) denies.push(...o.denies);

  let decision: Decision = 'allowed';
  let deniedBy: DeniedBy | null = null;
  if (denies.length > 0) decision = 'explicitDeny';
  else {
    deniedBy = firstMissingAllow(p, iam, crossAccount, request, rcp, scp, endpoint, resource, identity, boundary, session);
    if (deniedBy !== null) decision = 'implicitDeny';
  }
  return { p, ev, crossAccount, decision, deniedBy, denies, na: { rcpNa, scpNa }, rcp, scp, endpoint, resource, identity, boundary, session };
}

/**
 * Evaluates a prepared request (parsed principal, full context) against compiled policies: the
 * lower-level entry the access layer uses with precompiled policies and a prebuilt context.
 *
 * The order follows AWS "Policy evaluation logic" > "How AWS enforcement code logic evaluates
 * requests to allow or deny access"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
 * deny evaluation, RCPs, SCPs, resource-based policies, identity-based policies, permissions
 * boundaries, session policies; and "Cross-account policy evaluation logic" for requests whose
 * resource belongs to another account.
 */
export function evaluatePrepared(compiled: CompiledPolicySet, request: PreparedRequest): EvaluationResult {
  const { p, ev, crossAccount, decision, deniedBy, denies, na, rcp, scp, endpoint, resource, identity, boundary, session } = settle(compiled, request, true);
  const outcomes: (PoliciesOutcome | null)[] = [rcp, scp, endpoint, resource, identity, boundary, session];
  const { rcpNa, scpNa } = na;

  const deciding: string[] = [];
  if (decision === 'explicitDeny') deciding.push(...denies);
  else if (decision === 'allowed') for (const o of outcomes) if (o !== null) deciding.push(...o.allows);

  const layers: LayerResult[] = [
    layer('rcp', rcp, rcpNa ?? ''),
    layer('scp', scp, scpNa ?? ''),
    layer('endpoint', endpoint, 'no VPC endpoint on the request path'),
    layer('resource', resource, 'no resource-based policy'),
    p.kind === 'root'
      ? { kind: 'identity', verdict: { kind: 'notApplicable', reason: 'the root user has full access in its account' }, statements: [] }
      : layer('identity', identity, 'the principal has no identity-based policies'),
    layer('boundary', boundary, 'no permissions boundary'),
    layer('session', session, 'no session policy'),
  ];

  return {
    decision,
    explain: {
      principal: p,
      action: request.action,
      resource: request.resource,
      resourceAccount: request.resourceAccount,
      crossAccount,
      deciding,
      deniedBy,
      resourceGrant: resource?.grant ?? 'none',
      missingKeys: [...ev.missing],
      derivedKeys: request.derivedKeys,
      layers,
    },
  };
}

/** Every level of an SCP/RCP path must allow: a level with no matching Allow (or no policy) denies. */
function checkLevels(levels: readonly CompiledLevel[], kind: 'scp' | 'rcp', ev: Evaluation): PoliciesOutcome {
  const out: PoliciesOutcome = { results: [], allows: [], denies: [], grant: 'none', failing: [] };
  for (const level of levels) {
    const before = out.allows.length;
    checkPolicies(level.policies, kind, ev, out);
    if (out.allows.length === before) out.failing.push(level.orgIdentifier);
  }
  return out;
}

/** Every endpoint policy on the path must allow. */
function checkEndpoints(policies: readonly CompiledPolicy[], ev: Evaluation): PoliciesOutcome {
  const out: PoliciesOutcome = { results: [], allows: [], denies: [], grant: 'none', failing: [] };
  for (const policy of policies) {
    const before = out.allows.length;
    checkPolicies([policy], 'endpoint', ev, out);
    if (out.allows.length === before) out.failing.push(policy.id);
  }
  return out;
}

function layer(kind: PolicyKind, o: PoliciesOutcome | null, na: string): LayerResult {
  let verdict: LayerVerdict;
  if (o === null) verdict = { kind: 'notApplicable', reason: na };
  else if (o.denies.length > 0) verdict = { kind: 'explicitDeny' };
  else if (o.failing.length > 0) verdict = { kind: 'noAllow', levels: o.failing };
  else verdict = o.allows.length > 0 ? { kind: 'allow' } : { kind: 'noAllow' };
  return { kind, verdict, statements: o?.results ?? [] };
}

/** The identity side: identity policies (the root user needs none), then boundary, then session policy. */
function identitySide(p: PrincipalInfo, identity: PoliciesOutcome | null, boundary: PoliciesOutcome | null, session: PoliciesOutcome | null): DeniedBy | null {
  if (p.kind !== 'root' && (identity === null || identity.allows.length === 0)) return 'identity';
  if (boundary !== null && boundary.allows.length === 0) return 'boundary';
  if (session !== null && session.allows.length === 0) return 'session';
  return null;
}

/**
 * With no explicit deny: the first layer that lacks an allow, or null when the request is allowed.
 * The order follows AWS "How AWS enforcement code logic evaluates requests to allow or deny access".
 */
function firstMissingAllow(
  p: PrincipalInfo,
  iam: boolean,
  crossAccount: boolean,
  request: PreparedRequest,
  rcp: PoliciesOutcome | null,
  scp: PoliciesOutcome | null,
  endpoint: PoliciesOutcome | null,
  resource: PoliciesOutcome | null,
  identity: PoliciesOutcome | null,
  boundary: PoliciesOutcome | null,
  session: PoliciesOutcome | null,
): DeniedBy | null {
  // Step 2, "Organizations RCPs": every level of the resource account's path must allow.
  if (rcp !== null && rcp.failing.length > 0) return 'rcp';
  // Step 3, "Organizations SCPs": every level of the principal account's path must allow.
  if (scp !== null && scp.failing.length > 0) return 'scp';
  // AWS PrivateLink "Control access to VPC endpoints using endpoint policies": an endpoint policy
  // grants nothing, but a request through the endpoint must be allowed by it too.
  if (endpoint !== null && endpoint.failing.length > 0) return 'endpoint';
  const grant = resource?.grant ?? 'none';
  // Service principals, web identities and anonymous requests have no identity policies: only a
  // resource-based policy can allow them.
  if (!iam) return grant === 'none' ? 'resource' : null;
  if (crossAccount) {
    // AWS "Cross-account policy evaluation logic": the requesting account's policies (identity,
    // boundary, session) must allow, and the resource's policy must allow the principal (naming
    // it, its role, its account or everyone).
    return identitySide(p, identity, boundary, session) ?? (grant === 'none' ? 'crossAccount' : null);
  }
  // "IAM role trust policies and KMS key policies are exceptions …: they must explicitly allow
  // access for principals."
  if (grant === 'none' && requiresResourcePolicy(request.action, request.resource)) return 'resource';
  // AWS "Session policies": when a resource-based policy names the ARN of the user (or role),
  // its permissions are added before the session is created, so the session policy limits them
  // (a session given to an IAM user's ARN here is its federated-user session).
  if (grant === 'exact' && p.kind === 'user' && session !== null && session.allows.length === 0) return 'session';
  switch (grant) {
    case 'exact':
    case 'session':
    case 'wildcard':
    case 'service':
    case 'federated':
      // AWS "Policy evaluation logic" > "Resource-based policies" and "Permissions boundaries for
      // IAM entities" > "Resource-based policies": in the same account, a resource-based policy
      // that names the IAM user, or the role session (or federated user session) itself, allows
      // on its own: an implicit deny in identity policies, boundaries or session policies does
      // not limit it.
      return null;
    case 'role':
      // "Resource-based policies that grant permissions to an IAM role ARN are limited by an
      // implicit deny in a permissions boundary or session policy" (identity policies not needed).
      if (boundary !== null && boundary.allows.length === 0) return 'boundary';
      if (session !== null && session.allows.length === 0) return 'session';
      return null;
    default:
      // No resource-policy grant, or one to the whole account (which delegates to the account's
      // own policies): identity policies, boundary and session policy must all allow.
      return identitySide(p, identity, boundary, session);
  }
}
