// The access questions the escalation graph asks ("may P do A on R?"), answered by the evaluation
// engine over every policy of the snapshot that applies. Imports only core/ (model, evaluate,
// catalog); the access layer of core/access can replace it behind the same interface.
import type { ContextValue, RequestContext } from '../model/context';
import type { EvaluationResult, OrganizationLevel, PrincipalInfo, StatementResult } from '../model/evaluate';
import type { PolicyDocument, PolicyStatement } from '../model/policy';
import type { ManagedPolicy, Snapshot, User, Role } from '../model/snapshot';
import { compilePolicySet, evaluatePrepared, resourceClassifier, resourcePatternSources, type CompiledPolicy, type CompiledPolicySet, type ResourceClassifier } from '../evaluate/engine';
import { buildContext, parsePrincipal, resolveResourceAccount, RequestError } from '../evaluate/request';
import { ActionSet } from '../catalog/action-set';
import { getCatalog } from '../catalog/catalog';
import { innerMap } from './nested';
import { compileResourcePattern } from '../policy/arn';
import type { CompiledPattern } from '../policy/pattern';
import { parseTemplate, resolveVariable } from '../policy/variables';

/** The answer to one access question. */
export type AccessAnswer =
  | { readonly kind: 'allowed' }
  /** The outcome depends on context keys the question did not give (listed). */
  | { readonly kind: 'conditional'; readonly missingKeys: readonly string[] }
  | { readonly kind: 'denied' };

/** Context values given with a question. */
export type QuestionContext = { readonly [key: string]: ContextValue };

/** What the escalation graph needs to know about access. */
export interface AccessOracle {
  /** May `principal` make the request, with every policy that applies (resource and trust policies included)? */
  can(principal: string, action: string, resource: string, context?: QuestionContext): AccessAnswer;
  /** Cheap pre-filter: false when no identity policy of `principal` (within its boundary) allows `action` on any resource. */
  mayAllow(principal: string, action: string): boolean;
  /** True when the principal's effective permissions allow every action on every resource (see `fullAdmin`). */
  isFullAdmin(principal: string): boolean;
  /**
   * Pre-filter on resources: literal ARN prefixes that every resource the principal's identity
   * policies may allow `action` on starts with, or null when any resource may be allowed.
   */
  resourcePrefixes?(principal: string, action: string): readonly string[] | null;
  /**
   * True when every statement of the principal's identity policies, boundary, SCPs and RCPs that
   * covers `action` has `Resource: "*"`: the principal's side then answers alike for every resource.
   */
  resourceIndependent?(principal: string, action: string): boolean;
  /**
   * A test of resources an unconditional Deny of the principal's identity policies or boundary
   * covers for `action` (true: the request is denied whatever else applies), or null when none does.
   */
  denyScreen?(principal: string, action: string): ((resource: string) => boolean) | null;
  /**
   * Literal prefixes of the resource patterns that tell resources apart for the principal and
   * `action` (its identity policies, boundary, SCPs, RCPs; see patternPrefix, tested with
   * startsWithPrefix): two resources of one account and type without a resource policy that
   * start with none of them get the same answer. Null when some pattern has no usable prefix.
   */
  distinctPrefixes?(principal: string, action: string): readonly string[] | null;
  /**
   * A key that principals share when they get the same answer to every question about `action`
   * on resources without a resource-based policy (the same statements decide, none reads who the
   * principal is), or undefined when the principal shares with none.
   */
  answerKey?(principal: string, action: string): string | undefined;
  /**
   * The only resources an unconditional Deny of the principal's policies may leave it for
   * `action` (those of denyScreen), when they can be listed: a NotResource of literal ARNs (policy
   * variables resolved for the principal); [] when every resource is denied; null when unknown.
   */
  screenLeaves?(principal: string, action: string): readonly string[] | null;
}

interface DenyParts {
  readonly all: boolean;
  readonly lists: readonly (readonly string[])[];
}

const contextKeys = new WeakMap<QuestionContext, string>();
/** The text of a question's context, keys sorted (cached per context object: the graph reuses them). */
export function contextKey(context: QuestionContext): string {
  let key = contextKeys.get(context);
  if (key === undefined) {
    key = '';
    for (const k of Object.keys(context).sort()) key += `${k}=${JSON.stringify(context[k])};`;
    contextKeys.set(context, key);
  }
  return key;
}

const WILD = /[*?]|\$\{/;

/**
 * The literal prefix of a resource pattern (see AccessOracle.distinctPrefixes): its text up to the
 * first wildcard or variable, except that an ARN whose account segment is a lone `*` keeps that
 * `*` (any account) and goes on into the resource segment, as the engine matches ARNs segment by
 * segment (`arn:aws:iam::*:user/${aws:username}` gives `arn:aws:iam::*:user/`).
 */
export function patternPrefix(source: string): string {
  const cut = source.search(WILD);
  if (cut < 0) return source;
  const parts = source.split(':');
  if (parts.length >= 6 && parts[0] === 'arn' && parts[4] === '*' && !WILD.test(parts.slice(0, 4).join(':'))) {
    const rest = parts.slice(5).join(':');
    const restCut = rest.search(WILD);
    return `${parts.slice(0, 4).join(':')}:*:${restCut < 0 ? rest : rest.slice(0, restCut)}`;
  }
  return source.slice(0, cut);
}

/** True when `resource` starts with a prefix of patternPrefix (a `*` there stands for one whole account segment). */
export function startsWithPrefix(resource: string, prefix: string): boolean {
  const star = prefix.indexOf('*');
  if (star < 0) return resource.startsWith(prefix);
  if (!resource.startsWith(prefix.slice(0, star))) return false;
  const end = resource.indexOf(':', star);
  return end >= 0 && resource.startsWith(prefix.slice(star + 1), end);
}

/** The ARNs a NotResource list names when every pattern is literal once its variables are resolved, else null. */
function literalArns(list: readonly string[], context: RequestContext): string[] | null {
  const out: string[] = [];
  for (const pattern of list) {
    let text = '';
    for (const part of parseTemplate(pattern)) {
      if (part.kind === 'escaped') text += part.text;
      else if (part.kind === 'text') {
        if (part.text.includes('*') || part.text.includes('?')) return null;
        text += part.text;
      } else {
        // A key the context lacks (even with a default) counts as matching in the screen: unknown.
        const missing: string[] = [];
        const value = resolveVariable(part, context, missing);
        if (value === undefined || missing.length > 0) return null;
        text += value;
      }
    }
    out.push(text);
  }
  return out;
}

const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] };

interface PrincipalEntry {
  readonly identity: readonly string[];
  readonly boundary: string | undefined;
  compiled?: CompiledPolicySet;
  allowed?: ActionSet;
}

/** The identity policy documents of a user or role, keyed so shared documents compile once. */
function identityKeys(snapshot: Snapshot, entity: User | Role, docs: Map<string, PolicyDocument>): string[] {
  const keys: string[] = [];
  const addInline = (owner: string, name: string, doc: PolicyDocument): void => {
    const key = `inline:${owner}:${name}`;
    docs.set(key, doc);
    keys.push(key);
  };
  const addManaged = (arn: string): void => {
    const p = snapshot.byArn.get(arn);
    if (p?.kind !== 'policy') return;
    docs.set(arn, p.defaultDocument.document);
    keys.push(arn);
  };
  for (const ip of entity.inlinePolicies) addInline(entity.arn, ip.name, ip.policy.document);
  for (const ap of entity.attachedPolicies) addManaged(ap.arn);
  if (entity.kind === 'user') {
    for (const g of snapshot.groupsOfUser.get(entity.arn) ?? []) {
      const group = snapshot.byArn.get(g);
      if (group?.kind !== 'group') continue;
      for (const ip of group.inlinePolicies) addInline(group.arn, ip.name, ip.policy.document);
      for (const ap of group.attachedPolicies) addManaged(ap.arn);
    }
  }
  return keys;
}

const statementCache = new WeakMap<PolicyStatement, ActionSet>();
/** Action sets by Action/NotAction text, across snapshots (bounded: cleared when full). */
const actionListCache = new Map<string, ActionSet>();
const ACTION_LIST_CACHE_LIMIT = 20_000;
const everywhereCache = new WeakMap<PolicyDocument, ActionSet>();

/** The actions a statement's Action/NotAction covers, as a bitset over the catalogue (cached; do not change the result). */
function statementActions(st: PolicyStatement): ActionSet {
  let s = statementCache.get(st);
  if (s === undefined) {
    // Statements with the same Action (or NotAction) list share one set.
    const key = `${st.Action === undefined && st.NotAction !== undefined ? 'N' : 'A'}${JSON.stringify(st.Action ?? st.NotAction ?? [])}`;
    s = actionListCache.get(key);
    if (s === undefined) {
      s = computeStatementActions(st);
      if (actionListCache.size >= ACTION_LIST_CACHE_LIMIT) actionListCache.clear();
      actionListCache.set(key, s);
    }
    statementCache.set(st, s);
  }
  return s;
}

function computeStatementActions(st: PolicyStatement): ActionSet {
  const cat = getCatalog();
  const set = cat.emptySet();
  for (const a of st.Action ?? st.NotAction ?? []) set.unionWith(cat.expandActionSet(a));
  return st.Action === undefined && st.NotAction !== undefined ? set.complement() : set;
}

/** Union of the actions the Allow statements of a document may allow (any resource, any condition). */
function mayAllowSet(doc: PolicyDocument): ActionSet {
  const set = getCatalog().emptySet();
  for (const st of doc.Statement) if (st.Effect === 'Allow') set.unionWith(statementActions(st));
  return set;
}

/** Actions a document allows on every resource without conditions (cached; do not change the result). */
function allowsEverywhere(doc: PolicyDocument): ActionSet {
  let s = everywhereCache.get(doc);
  if (s === undefined) {
    s = computeAllowsEverywhere(doc);
    everywhereCache.set(doc, s);
  }
  return s;
}

function computeAllowsEverywhere(doc: PolicyDocument): ActionSet {
  const set = getCatalog().emptySet();
  for (const st of doc.Statement) {
    if (st.Effect !== 'Allow' || st.Condition !== undefined && Object.keys(st.Condition).length > 0) continue;
    if (st.Resource === undefined || !st.Resource.includes('*')) continue;
    set.unionWith(statementActions(st));
  }
  return set;
}

function hasDeny(doc: PolicyDocument): boolean {
  return doc.Statement.some((st) => st.Effect === 'Deny' && !statementActions(st).isEmpty());
}

let allActions: ActionSet | undefined;
/** The set of every catalogue action (one shared instance: do not change it). */
function everyAction(): ActionSet {
  allActions ??= ActionSet.all(getCatalog().actionCount);
  return allActions;
}

/** True when the documents together allow every catalogue action on `*` without conditions, and none has a Deny. */
export function grantsEverything(docs: readonly PolicyDocument[]): boolean {
  const cat = getCatalog();
  const allowed = cat.emptySet();
  for (const d of docs) {
    if (hasDeny(d)) return false;
    allowed.unionWith(allowsEverywhere(d));
  }
  return allowed.equals(everyAction());
}

/** The identity policy documents of a user (its own and its groups') or role, default versions only. */
export function identityDocuments(snapshot: Snapshot, entity: User | Role): PolicyDocument[] {
  const docs = new Map<string, PolicyDocument>();
  return identityKeys(snapshot, entity, docs).map((k) => docs.get(k)!);
}

const REGION_KEY = 'aws:RequestedRegion';

/** True when a document may treat principals differently: policy variables or principal keys in conditions. */
function readsPrincipal(doc: PolicyDocument | PolicyStatement): boolean {
  const text = JSON.stringify(doc);
  return text.includes('${') || /aws:(principal|user|sourceidentity|federatedprovider)/i.test(text);
}

/** True when every Principal of a resource policy names only accounts, services, providers or `*`. */
function namesOnlyAccounts(doc: PolicyDocument): boolean {
  for (const st of doc.Statement) {
    if (st.NotPrincipal !== undefined) return false;
    const p = st.Principal;
    if (p === undefined || p === '*') continue;
    for (const [type, values] of Object.entries(p)) {
      if (type !== 'AWS') continue;
      for (const v of values) if (v !== '*' && !/^\d{12}$/.test(v) && !/^arn:[^:]+:iam::\d{12}:root$/.test(v)) return false;
    }
  }
  return true;
}

/**
 * The text of a resource policy that answers alike for every resource it is attached to (it names
 * only accounts, services, providers or `*`, reads nothing of the principal and has no Resource
 * element), or undefined. Two resources whose policies have the same such text are treated alike.
 */
export function accountOnlyPolicyText(doc: PolicyDocument): string | undefined {
  if (!namesOnlyAccounts(doc) || readsPrincipal(doc)) return undefined;
  if (!doc.Statement.every((st) => st.Resource === undefined && st.NotResource === undefined)) return undefined;
  return JSON.stringify(doc);
}

/** The ARN of the oracle's stand-in member of a group: a user with only the group's policies. */
export function groupMemberArn(groupArn: string): string {
  const i = groupArn.indexOf(':group/');
  const name = groupArn.slice(groupArn.lastIndexOf('/') + 1);
  return `${groupArn.slice(0, i)}:user/ariadne-group-member/${name}`;
}

/** Region values named by the conditions on `aws:RequestedRegion` of a result, plus `us-east-1`. */
function regionCandidates(r: EvaluationResult): string[] {
  const out = new Set<string>();
  for (const l of r.explain.layers) {
    for (const st of l.statements) {
      const checks = st.outcome.kind === 'notMatched' ? [] : st.outcome.conditions;
      for (const c of checks) {
        if (c.key.toLowerCase() !== REGION_KEY.toLowerCase()) continue;
        for (const v of c.policyValues) if (!/[*?$]/.test(v)) out.add(v);
      }
    }
  }
  out.add('us-east-1');
  return [...out].slice(0, 16);
}

function missingIn(st: StatementResult): readonly string[] {
  if (st.outcome.kind === 'conditionFailed') return st.outcome.missingKeys;
  if (st.outcome.kind === 'matched') return st.outcome.conditions.filter((c) => c.missing).map((c) => c.key);
  return [];
}

/**
 * Turns a decision into an answer. Allowed is allowed. An explicit deny by a statement that did not
 * depend on a missing key is denied; one that did is conditional when an identity-based Allow could
 * still grant. An implicit deny is conditional when the layer that lacked an allow has an Allow
 * statement that failed only for want of context keys; otherwise denied.
 */
function classify(r: EvaluationResult): AccessAnswer {
  if (r.decision === 'allowed') return { kind: 'allowed' };
  const layers = r.explain.layers;
  const keys = new Set<string>();
  if (r.decision === 'explicitDeny') {
    for (const l of layers) {
      for (const st of l.statements) {
        if (st.effect !== 'Deny' || st.outcome.kind !== 'matched') continue;
        const m = missingIn(st);
        if (m.length === 0) return { kind: 'denied' };
        for (const k of m) keys.add(k);
      }
    }
    const identity = layers.find((l) => l.kind === 'identity');
    const allowish =
      identity === undefined ||
      identity.verdict.kind === 'notApplicable' ||
      identity.statements.some((st) => st.effect === 'Allow' && (st.outcome.kind === 'matched' || (st.outcome.kind === 'conditionFailed' && st.outcome.missingKeys.length > 0)));
    return allowish && keys.size > 0 ? { kind: 'conditional', missingKeys: [...keys] } : { kind: 'denied' };
  }
  const by = r.explain.deniedBy === 'crossAccount' ? 'resource' : r.explain.deniedBy;
  const layer = layers.find((l) => l.kind === by);
  for (const st of layer?.statements ?? []) {
    if (st.effect === 'Allow' && st.outcome.kind === 'conditionFailed') for (const k of st.outcome.missingKeys) keys.add(k);
  }
  return keys.size > 0 ? { kind: 'conditional', missingKeys: [...keys] } : { kind: 'denied' };
}

/** Options of `createEvaluatorOracle`. */
export interface EvaluatorOracleOptions {
  /** Share one evaluation among resources the policies treat alike (default true; false evaluates every question, for tests). */
  readonly shareByResourceClass?: boolean;
}

/**
 * Creates an oracle over the evaluation engine: each principal's identity policies (its own, its
 * groups'), permissions boundary, the organisation's SCPs and RCPs, and the target's resource
 * policy (a role's trust policy for `sts:AssumeRole*`, the bundle's resource policies otherwise).
 * Principals the snapshot does not hold (other accounts) are given unknown identity policies: an
 * allow-everything stand-in, so only the resource side decides.
 */
export function createEvaluatorOracle(snapshot: Snapshot, options: EvaluatorOracleOptions = {}): AccessOracle {
  const noClassShare = options.shareByResourceClass === false;
  // A hop is taken now, with credentials obtained now: the request time is the snapshot's
  // collection time (or today), and so is the issue time of the session's token (AWS "AWS global
  // condition context keys": aws:CurrentTime, aws:EpochTime, aws:TokenIssueTime). A condition
  // that only held in the past (DateLessThan a past date) can then not make a hop conditional.
  const nowMs = (snapshot.collectedAt === undefined ? undefined : Date.parse(snapshot.collectedAt)) ?? Date.now();
  const now = new Date(Number.isFinite(nowMs) ? nowMs : Date.now());
  const timeKeys: QuestionContext = {
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:TokenIssueTime': now.toISOString(),
  };
  const cat = getCatalog();
  const docs = new Map<string, PolicyDocument>();
  const entries = new Map<string, PrincipalEntry>();
  for (const e of [...snapshot.users, ...snapshot.roles]) {
    entries.set(e.arn, { identity: identityKeys(snapshot, e, docs), boundary: e.permissionsBoundary?.arn });
  }
  // A stand-in member of each group with only the group's policies: what joining the group gives.
  for (const g of snapshot.groups) {
    const keys: string[] = [];
    for (const ip of g.inlinePolicies) {
      const key = `inline:${g.arn}:${ip.name}`;
      docs.set(key, ip.policy.document);
      keys.push(key);
    }
    for (const ap of g.attachedPolicies) {
      const p = snapshot.byArn.get(ap.arn);
      if (p?.kind !== 'policy') continue;
      docs.set(ap.arn, p.defaultDocument.document);
      keys.push(ap.arn);
    }
    entries.set(groupMemberArn(g.arn), { identity: keys, boundary: undefined });
  }
  const org = snapshot.organization;
  const levels = (kind: 'scps' | 'rcps'): OrganizationLevel[] | null =>
    org === undefined ? null : org.path.map((l) => ({ orgIdentifier: l.id, policies: l[kind].map((p) => p.policy.document) }));
  const scpLevels = levels('scps');
  // AWS Organizations "Resource control policies": when RCPs are enabled, `RCPFullAWSAccess` is
  // attached to every root, OU and account and cannot be detached; a path with no RCP at any
  // level therefore means RCPs are not enabled (or were not collected), not "deny everything".
  const rcpLevels = org !== undefined && org.path.some((l) => l.rcps.length > 0) ? levels('rcps') : null;
  const shared = compilePolicySet({ identity: [], resource: null, scp: scpLevels, rcp: rcpLevels, boundary: null, session: null, endpoint: null });
  const managementAccountId = org?.managementAccountId;
  const compiledDocs = new Map<string, CompiledPolicy>();
  const compileDoc = (key: string, doc: PolicyDocument): CompiledPolicy => {
    let c = compiledDocs.get(key);
    if (c === undefined) {
      c = compilePolicySet({ identity: [doc], resource: null, scp: null, rcp: null, boundary: null, session: null, endpoint: null }).identity[0]!;
      compiledDocs.set(key, c);
    }
    return c;
  };
  const boundaryDoc = (arn: string): PolicyDocument | undefined => {
    const p = snapshot.byArn.get(arn);
    return p?.kind === 'policy' ? (p as ManagedPolicy).defaultDocument.document : undefined;
  };
  const resourcePolicies = new Map<string, PolicyDocument>();
  for (const rp of snapshot.resourcePolicies) resourcePolicies.set(rp.resource, rp.policy.document);
  const textIds = new Map<string, number>();
  const resourceTextId = new Map<CompiledPolicy, number>();
  const trustAction = new Map<string, boolean>();
  const trustPolicies = new Map<string, CompiledPolicy | null>();
  const otherPolicies = new Map<string, CompiledPolicy | null>();
  const resourcePolicyFor = (action: string, resource: string): CompiledPolicy | null => {
    let trust = trustAction.get(action);
    if (trust === undefined) {
      trust = TRUST_ACTIONS.has(action.toLowerCase());
      trustAction.set(action, trust);
    }
    const cache = trust ? trustPolicies : otherPolicies;
    const hit = cache.get(resource);
    if (hit !== undefined || cache.has(resource)) return hit ?? null;
    const c = compileResourcePolicy(trust, resource);
    cache.set(resource, c);
    return c;
  };
  const compileResourcePolicy = (trust: boolean, resource: string): CompiledPolicy | null => {
    let doc: PolicyDocument | undefined;
    if (trust) {
      const role = snapshot.byArn.get(resource);
      doc = role?.kind === 'role' ? role.trustPolicy?.document : undefined;
    } else doc = resourcePolicies.get(resource);
    const c = doc ? compilePolicySet({ identity: [], resource: doc, scp: null, rcp: null, boundary: null, session: null, endpoint: null }).resource : null;
    if (c !== null && doc !== undefined) {
      const open = namesOnlyAccounts(doc) && !readsPrincipal(doc);
      agnosticCache.set(c, open);
      // A policy that names only accounts, reads nothing of the principal and has no Resource
      // element answers alike for every resource it is attached to: its text identifies it.
      if (open && doc.Statement.every((st) => st.Resource === undefined && st.NotResource === undefined)) {
        const text = JSON.stringify(doc);
        let id = textIds.get(text);
        if (id === undefined) {
          id = textIds.size;
          textIds.set(text, id);
        }
        resourceTextId.set(c, id);
      }
    }
    return c;
  };
  const external = compilePolicySet({ identity: [ALLOW_ALL], resource: null, scp: null, rcp: null, boundary: null, session: null, endpoint: null });
  const none = compilePolicySet({ identity: [], resource: null, scp: null, rcp: null, boundary: null, session: null, endpoint: null });

  const compiledFor = (principal: string): CompiledPolicySet => {
    const entry = entries.get(principal);
    if (entry === undefined) return principal.startsWith('arn:') && !principal.includes(':saml-provider/') && !principal.includes(':oidc-provider/') ? external : none;
    if (entry.compiled === undefined) {
      const bdoc = entry.boundary === undefined ? undefined : boundaryDoc(entry.boundary);
      entry.compiled = {
        ...shared,
        identity: entry.identity.map((k) => compileDoc(k, docs.get(k)!)),
        // A boundary whose document the snapshot lacks cannot be checked: it is left out (the
        // snapshot-gap finding reports it) rather than treated as denying everything.
        boundary: bdoc === undefined ? null : [compileDoc(entry.boundary!, bdoc)],
        managementAccountId,
      };
    }
    return entry.compiled;
  };

  const allowedSet = (principal: string): ActionSet | undefined => {
    const entry = entries.get(principal);
    if (entry === undefined) return undefined;
    if (entry.allowed === undefined) {
      const set = cat.emptySet();
      for (const k of entry.identity) set.unionWith(mayAllowCached(k));
      const bdoc = entry.boundary === undefined ? undefined : boundaryDoc(entry.boundary);
      if (bdoc !== undefined) set.intersectWith(mayAllowCached(entry.boundary!, bdoc));
      entry.allowed = set;
    }
    return entry.allowed;
  };
  const mayCache = new Map<string, ActionSet>();
  const mayAllowCached = (key: string, doc?: PolicyDocument): ActionSet => {
    let s = mayCache.get(key);
    if (s === undefined) {
      s = mayAllowSet(doc ?? docs.get(key)!);
      mayCache.set(key, s);
    }
    return s;
  };
  const adminCache = new Map<string, boolean>();
  const sharedAnswers = new Map<string, AccessAnswer>();
  const scpAgnostic = org === undefined || org.path.every((l) => [...l.scps, ...l.rcps].every((p) => !readsPrincipal(p.policy.document)));
  const agnosticCache = new Map<CompiledPolicy, boolean>();
  const agnostic = (res: CompiledPolicy): boolean => agnosticCache.get(res) ?? false;
  const signatures = new Map<string, string | null>();
  const docReads = new Map<string, boolean>();
  const readsCached = (key: string, doc: PolicyDocument | undefined): boolean => {
    let v = docReads.get(key);
    if (v === undefined) {
      v = doc === undefined ? false : readsPrincipal(doc);
      docReads.set(key, v);
    }
    return v;
  };
  /**
   * A key shared, for one action, by principals whose answers cannot differ: the same statements
   * of their identity policies and boundary cover the action (statements that do not cover it
   * take no part in the decision), none of them reads who the principal is, and the principals
   * are of one kind and account with a boundary or without. Undefined when no key is safe.
   */
  const coveringSignatures = new Map<string, Map<number, string | null>>();
  const statementIds = new Map<PolicyStatement, number>();
  const statementTextIds = new Map<string, number>();
  /** A statement's id: statements of the same text (in any policy) share one. */
  const statementId = (st: PolicyStatement): number => {
    let n = statementIds.get(st);
    if (n === undefined) {
      const text = JSON.stringify(st);
      n = statementTextIds.get(text);
      if (n === undefined) {
        n = statementTextIds.size;
        statementTextIds.set(text, n);
      }
      statementIds.set(st, n);
    }
    return n;
  };
  const principalReading = new Map<PolicyStatement, boolean>();
  /** Per document and action: the ids of its statements that cover the action, or null when one reads who the principal is. */
  const documentCover = new Map<string, Map<number, string | null>>();
  const coverOf = (key: string, doc: PolicyDocument, id: number): string | null => {
    const byAction = innerMap(documentCover, key);
    let cover = byAction.get(id);
    if (cover === undefined) {
      cover = '';
      for (const st of doc.Statement) {
        if (!actionsOf(st).has(id)) continue;
        let reads = principalReading.get(st);
        if (reads === undefined) {
          reads = readsPrincipal(st);
          principalReading.set(st, reads);
        }
        if (reads) {
          cover = null;
          break;
        }
        cover += `${statementId(st)},`;
      }
      byAction.set(id, cover);
    }
    return cover;
  };
  const coveringSignature = (principal: string, action: string): string | undefined => {
    const entry = entries.get(principal);
    const id = cat.actionId(action);
    if (entry === undefined || id === undefined) return undefined;
    const byAction = innerMap(coveringSignatures, principal);
    let sig = byAction.get(id);
    if (sig === undefined) {
      let ids: string | null = '';
      for (const k of entry.identity) {
        const cover = coverOf(k, docs.get(k)!, id);
        ids = cover === null ? null : ids + cover;
        if (ids === null) break;
      }
      const b = entry.boundary === undefined ? undefined : boundaryDoc(entry.boundary);
      const bcover = b === undefined ? '' : coverOf(`boundary:${entry.boundary}`, b, id);
      const safe = ids !== null && bcover !== null;
      // A service-linked role is not governed by SCPs: its own kind.
      const kind = principal.includes(':role/aws-service-role/') ? 'slr' : principal.includes(':role/') ? 'role' : 'user';
      sig = safe ? `${kind}:${principal.split(':')[4] ?? ''}:${entry.boundary === undefined ? '-' : b === undefined ? '?' : 'b'}:${ids}|${bcover}` : null;
      byAction.set(id, sig);
    }
    return sig ?? undefined;
  };
  /** A key shared by principals whose answers cannot differ, or undefined. */
  const signatureOf = (principal: string): string | undefined => {
    let sig = signatures.get(principal);
    if (sig === undefined) {
      const entry = entries.get(principal);
      sig = null;
      if (entry !== undefined && !entry.identity.some((k) => readsCached(k, docs.get(k))) && (entry.boundary === undefined || !readsCached(entry.boundary, boundaryDoc(entry.boundary)))) {
        const kind = principal.includes(':role/') ? 'role' : 'user';
        sig = `${kind}:${principal.split(':')[4] ?? ''}:${entry.identity.join('|')}#${entry.boundary ?? ''}`;
      }
      signatures.set(principal, sig);
    }
    return sig ?? undefined;
  };
  const parsed = new Map<string, PrincipalInfo>();
  const leaves = new Map<string, Map<number, readonly string[] | null>>();
  const denyPartsCache = new Map<string, Map<number, DenyParts | undefined>>();
  /**
   * The unconditional Deny statements of a principal's identity policies and boundary that cover
   * an action (AWS "Policy evaluation logic": an explicit Deny overrides any Allow; statements with
   * a Condition are left out, so nothing conditional is ever screened): `all` when one denies every
   * resource, and the NotResource lists of the others. Undefined for a principal not in the snapshot.
   */
  const denyParts = (principal: string, id: number): DenyParts | undefined => {
    const entry = entries.get(principal);
    if (entry === undefined) return undefined;
    const byAction = innerMap(denyPartsCache, principal);
    if (byAction.has(id)) return byAction.get(id);
    const lists: (readonly string[])[] = [];
    let all = false;
    const docsOf: PolicyDocument[] = entry.identity.map((k) => docs.get(k)!);
    const b = entry.boundary === undefined ? undefined : boundaryDoc(entry.boundary);
    if (b !== undefined) docsOf.push(b);
    for (const d of docsOf) {
      for (const st of d.Statement) {
        if (st.Effect !== 'Deny' || (st.Condition !== undefined && Object.keys(st.Condition).length > 0) || !actionsOf(st).has(id)) continue;
        if (st.Resource !== undefined && st.Resource.includes('*')) all = true;
        else if (st.NotResource !== undefined) lists.push(st.NotResource);
      }
    }
    const parts = { all, lists };
    byAction.set(id, parts);
    return parts;
  };
  const contexts = new Map<string, Map<string, { context: RequestContext; derivedKeys: { [key: string]: ContextValue } }>>();
  const prefixCache = new Map<string, readonly string[] | null>();
  const independentCache = new Map<string, boolean>();
  const resourceAccounts = new Map<string, string>();
  const screens = new Map<string, Map<number, ((resource: string) => boolean) | null>>();
  // Deny screens' patterns by text: the same NotResource lists recur across many principals. A
  // pattern with a variable is compiled per screen, as it keeps the glob built for one context.
  const screenPatterns = new Map<string, CompiledPattern>();
  const screenPattern = (r: string): CompiledPattern => {
    if (r.includes('${')) return compileResourcePattern(r, { variables: true });
    let pt = screenPatterns.get(r);
    if (pt === undefined) screenPatterns.set(r, (pt = compileResourcePattern(r, { variables: true })));
    return pt;
  };
  const distinct = new Map<string, Map<string, readonly string[] | null>>();
  const givenContexts = new Map<string, Map<string, { context: RequestContext; derivedKeys: { [key: string]: ContextValue } }>>();
  /** Per principal: the resource classifier of each action, and answers by resource class. */
  const classifiers = new Map<string, Map<string, ResourceClassifier>>();
  const classAnswers = new Map<string, Map<string, AccessAnswer>>();
  /** The resource classifier of `principal`'s policies for `action`, shared by the principals of one covering signature (`owner`). */
  const classifierFor = (owner: string, action: string, principal: string): ResourceClassifier => {
    const byAction = innerMap(classifiers, owner);
    let c = byAction.get(action);
    if (c === undefined) {
      c = resourceClassifier(compiledFor(principal), action);
      byAction.set(action, c);
    }
    return c;
  };
  const stmtActions = new Map<PolicyStatement, ActionSet>();
  const actionsOf = (st: PolicyStatement): ActionSet => {
    let a = stmtActions.get(st);
    if (a === undefined) {
      a = statementActions(st);
      stmtActions.set(st, a);
    }
    return a;
  };

  return {
    can(principal, action, resource, context) {
      const res = resourcePolicyFor(action, resource);
      // Fast path: the answer of this principal (or one with the same policies) for the resource's class.
      const textId = res === null ? -1 : resourceTextId.get(res);
      if (textId !== undefined && !noClassShare) {
        const p = principalInfo(principal);
        if (p === undefined) return { kind: 'denied' };
        const resourceAccount = accountOfResource(principal, action, resource, p);
        const key = classKey(p, principal, action, resource, resourceAccount, context, textId);
        const sig = scpAgnostic && (res === null || agnostic(res)) ? coveringSignature(principal, action) : undefined;
        const owner = sig ?? principal;
        const memo = innerMap(classAnswers, owner);
        let a = memo.get(key);
        if (a === undefined) {
          a = evaluateAnswer(p, principal, action, resource, resourceAccount, context, res === null ? compiledFor(principal) : { ...compiledFor(principal), resource: res });
          memo.set(key, a);
        }
        return a;
      }
      // Principals with the same policies (and no policy that reads who the principal is) get the
      // same answer to the same question: share it.
      const sig = context === undefined && scpAgnostic && (res === null || agnostic(res)) ? signatureOf(principal) : undefined;
      if (sig !== undefined) {
        const key = `${sig}\u0000${action}\u0000${resource}`;
        let a = sharedAnswers.get(key);
        if (a === undefined) {
          a = answer(principal, action, resource, context, res);
          sharedAnswers.set(key, a);
        }
        return a;
      }
      return answer(principal, action, resource, context, res);
    },
    answerKey(principal, action) {
      return scpAgnostic ? coveringSignature(principal, action) : undefined;
    },
    distinctPrefixes(principal, action) {
      if (!entries.has(principal)) return null;
      const byAction = innerMap(distinct, principal);
      if (byAction.has(action)) return byAction.get(action)!;
      let out: string[] | null = [];
      for (const source of resourcePatternSources(compiledFor(principal), action)) {
        const prefix = patternPrefix(source);
        // A prefix as short as `arn:` could match nearly anything: no screen then.
        const star = prefix.indexOf('*');
        if ((star < 0 ? prefix.length : star) < 12) {
          out = null;
          break;
        }
        out.push(prefix);
      }
      byAction.set(action, out);
      return out;
    },
    denyScreen(principal, action) {
      const id = cat.actionId(action);
      if (id === undefined) return null;
      const byAction = innerMap(screens, principal);
      if (byAction.has(id)) return byAction.get(id)!;
      const parts = denyParts(principal, id);
      let screen: ((resource: string) => boolean) | null = null;
      const p = principalInfo(principal);
      if (parts?.all === true) screen = () => true;
      else if (parts !== undefined && parts.lists.length > 0 && p !== undefined) {
        const context = contextOf(p, principal, 'account' in p ? p.account : undefined).context;
        const lists = parts.lists.map((list) => list.map(screenPattern));
        // NotResource: the Deny applies to every resource no pattern matches (a pattern with an
        // unresolved variable counts as matching, so nothing is screened out on a guess).
        screen = (resource) => {
          for (const list of lists) {
            let named = false;
            for (const pt of list) {
              const m = pt.match(resource, context);
              if (m.matched || m.missingVariables.length > 0) {
                named = true;
                break;
              }
            }
            if (!named) return true;
          }
          return false;
        };
      }
      byAction.set(id, screen);
      return screen;
    },
    screenLeaves(principal, action) {
      const id = cat.actionId(action);
      const p = principalInfo(principal);
      if (id === undefined || p === undefined) return null;
      const byAction = innerMap(leaves, principal);
      if (byAction.has(id)) return byAction.get(id)!;
      const parts = denyParts(principal, id);
      let out: readonly string[] | null = null;
      if (parts?.all === true) out = [];
      else if (parts !== undefined) {
        const context = contextOf(p, principal, 'account' in p ? p.account : undefined).context;
        // Every list must match the resource for the Deny to spare it: a list of literal ARNs
        // (variables resolved) bounds the resources spared.
        for (const list of parts.lists) {
          const literals = literalArns(list, context);
          if (literals !== null) out = out === null ? literals : out.filter((x) => literals.includes(x));
        }
      }
      byAction.set(id, out);
      return out;
    },
    mayAllow(principal, action) {
      const set = allowedSet(principal);
      if (set === undefined) return true;
      const id = cat.actionId(action);
      return id === undefined ? true : set.has(id);
    },
    resourcePrefixes(principal, action) {
      const entry = entries.get(principal);
      const id = cat.actionId(action);
      if (entry === undefined || id === undefined) return null;
      const key = `${principal}\u0000${id}`;
      if (prefixCache.has(key)) return prefixCache.get(key)!;
      const name = principal.slice(principal.lastIndexOf('/') + 1);
      const out = new Set<string>();
      let any = false;
      for (const k of entry.identity) {
        for (const st of docs.get(k)!.Statement) {
          if (st.Effect !== 'Allow' || !actionsOf(st).has(id)) continue;
          if (st.Resource === undefined) {
            any = true;
            break;
          }
          for (const pattern of st.Resource) {
            // AWS "IAM policy elements: Variables and tags": ${aws:username} is the user's name.
            const text = principal.includes(':user/') ? pattern.replaceAll('${aws:username}', name) : pattern;
            const cut = text.search(/[*?]|\$\{/);
            const prefix = cut < 0 ? text : text.slice(0, cut);
            if (prefix.length < 6) any = true;
            else out.add(prefix);
          }
          if (any) break;
        }
        if (any) break;
      }
      const result = any ? null : [...out];
      prefixCache.set(key, result);
      return result;
    },
    resourceIndependent(principal, action) {
      const entry = entries.get(principal);
      const id = cat.actionId(action);
      if (entry === undefined || id === undefined) return false;
      const key = `${principal}\u0000${id}`;
      let v = independentCache.get(key);
      if (v === undefined) {
        const list: PolicyDocument[] = entry.identity.map((k) => docs.get(k)!);
        const b = entry.boundary === undefined ? undefined : boundaryDoc(entry.boundary);
        if (b !== undefined) list.push(b);
        for (const level of scpLevels ?? []) list.push(...level.policies);
        for (const level of rcpLevels ?? []) list.push(...level.policies);
        v = list.every((d) => d.Statement.every((st) => !actionsOf(st).has(id) || (st.Resource !== undefined && st.Resource.length === 1 && st.Resource[0] === '*')));
        independentCache.set(key, v);
      }
      return v;
    },
    isFullAdmin(principal) {
      let v = adminCache.get(principal);
      if (v === undefined) {
        v = fullAdmin(principal);
        adminCache.set(principal, v);
      }
      return v;
    },
  };

  /** The request context of a principal toward a resource account with given keys (`ctxKey` names them), shared likewise. */
  function contextWith(p: PrincipalInfo, principal: string, resourceAccount: string | undefined, context: QuestionContext, ctxKey: string): { context: RequestContext; derivedKeys: { [key: string]: ContextValue } } {
    const byKey = innerMap(givenContexts, principal);
    const key = `${resourceAccount ?? ''}\u0000${ctxKey}`;
    let built = byKey.get(key);
    if (built === undefined) {
      built = buildContext(p, resourceAccount, { ...timeKeys, ...context });
      byKey.set(key, built);
    }
    return built;
  }

  /** The request context of a principal toward a resource account, without given keys (shared: the engine only reads it). */
  function contextOf(p: PrincipalInfo, principal: string, resourceAccount: string | undefined): { context: RequestContext; derivedKeys: { [key: string]: ContextValue } } {
    const byAccount = innerMap(contexts, principal);
    let built = byAccount.get(resourceAccount ?? '');
    if (built === undefined) {
      built = buildContext(p, resourceAccount, timeKeys);
      byAccount.set(resourceAccount ?? '', built);
    }
    return built;
  }

  /** The parsed principal, or undefined when it cannot make requests. */
  function principalInfo(principal: string): PrincipalInfo | undefined {
    let info = parsed.get(principal);
    if (info === undefined) {
      try {
        info = parsePrincipal(principal);
      } catch (e) {
        if (e instanceof RequestError) return undefined;
        throw e;
      }
      parsed.set(principal, info);
    }
    return info;
  }

  /** The account of a resource (its ARN's, else the principal's), cached per resource and principal account. */
  function accountOfResource(principal: string, action: string, resource: string, p: PrincipalInfo): string | undefined {
    // The ARN's own account when it names one (the same for every principal), else resolved per request.
    let a = resourceAccounts.get(resource);
    if (a === undefined) {
      const m = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(resource);
      a = m?.[1] ?? '';
      resourceAccounts.set(resource, a);
    }
    return a !== '' ? a : resolveResourceAccount({ principal, action, resource }, p);
  }

  /** The memo key of a question whose resource policy is absent or shared text `textId` (see resourceClassifier). */
  function classKey(p: PrincipalInfo, principal: string, action: string, resource: string, resourceAccount: string | undefined, context: QuestionContext | undefined, textId: number): string {
    const ctxKey = context === undefined ? '' : contextKey(context);
    const built = context === undefined ? contextOf(p, principal, resourceAccount) : contextWith(p, principal, resourceAccount, context, ctxKey);
    const cls = classifierFor(coveringSignature(principal, action) ?? principal, action, principal)(resource, built.context);
    return `${action}\u0000${cls}\u0000${resourceAccount ?? ''}\u0000${ctxKey}\u0000${textId}`;
  }

  function answer(principal: string, action: string, resource: string, context: QuestionContext | undefined, res: CompiledPolicy | null): AccessAnswer {
    const base = compiledFor(principal);
    const compiled: CompiledPolicySet = res === null ? base : { ...base, resource: res };
    const p = principalInfo(principal);
    if (p === undefined) return { kind: 'denied' };
    const resourceAccount = resolveResourceAccount({ principal, action, resource }, p);
    return evaluateAnswer(p, principal, action, resource, resourceAccount, context, compiled);
  }

  function evaluateAnswer(
    p: PrincipalInfo,
    principal: string,
    action: string,
    resource: string,
    resourceAccount: string | undefined,
    context: QuestionContext | undefined,
    compiled: CompiledPolicySet,
  ): AccessAnswer {
    const ask = (extra?: QuestionContext): EvaluationResult => {
      let built: { context: RequestContext; derivedKeys: { [key: string]: ContextValue } } | undefined;
      if (extra === undefined && context === undefined) built = contextOf(p, principal, resourceAccount);
      else built = buildContext(p, resourceAccount, { ...timeKeys, ...context, ...extra });
      return evaluatePrepared(compiled, { principal: p, action, resource, resourceAccount, context: built.context, derivedKeys: built.derivedKeys });
    };
    const first = ask();
    let best = classify(first);
    // The caller chooses the region of its request: try the regions the deciding conditions name.
    if (best.kind !== 'allowed' && first.explain.missingKeys.includes(REGION_KEY)) {
      for (const region of regionCandidates(first)) {
        const a = classify(ask({ [REGION_KEY]: region }));
        if (a.kind === 'allowed') return a;
        if (a.kind === 'conditional' && best.kind === 'denied') best = a;
      }
    }
    return best;
  }

  /**
   * SPEC.md "paths --json": an admin's effective permissions allow every action on every resource.
   * Tested with bitsets: the unconditional `Resource: "*"` allows of the identity policies cover
   * the whole catalogue, the boundary (if any) and every SCP level do too, and no identity or
   * boundary policy has a Deny statement. SCP Deny statements are guardrails that bind every
   * principal of the account (root included), so they do not stop a principal being its admin.
   */
  function fullAdmin(principal: string): boolean {
    const entry = entries.get(principal);
    if (entry === undefined) return false;
    const all = everyAction();
    const allowed = cat.emptySet();
    for (const k of entry.identity) {
      const d = docs.get(k)!;
      if (hasDeny(d)) return false;
      allowed.unionWith(allowsEverywhere(d));
    }
    if (!allowed.equals(all)) return false;
    if (entry.boundary !== undefined) {
      const b = boundaryDoc(entry.boundary);
      if (b !== undefined && (hasDeny(b) || !allowsEverywhere(b).equals(all))) return false;
    }
    const account = principal.split(':')[4];
    if (scpLevels !== null && account !== managementAccountId) {
      for (const level of scpLevels) {
        const s = cat.emptySet();
        for (const d of level.policies) s.unionWith(allowsEverywhere(d));
        if (!s.equals(all)) return false;
      }
    }
    return true;
  }
}
