// Compiles a snapshot once for effective-access queries: every distinct policy document compiled by
// the evaluator, every principal's applicable policies, and action bitsets over the catalogue.
// Imports only core/ (model, catalog, evaluate, policy, snapshot types); no node:*, no DOM.
import { ActionSet } from '../catalog/action-set';
import { getCatalog, type Catalog } from '../catalog/catalog';
import {
  compilePolicySet,
  type CompiledLevel,
  type CompiledPolicy,
  type CompiledPolicySet,
} from '../evaluate/engine';
import { compilePrincipal, type PrincipalSpec } from '../evaluate/principal';
import { buildContext, parsePrincipal, principalEntityKeys } from '../evaluate/request';
import type { ContextValue } from '../model/context';
import type { Diagnostic } from '../model/diagnostic';
import type { PolicySet, PrincipalInfo } from '../model/evaluate';
import type { PolicyDocument, PolicyStatement } from '../model/policy';
import type { Role, Snapshot, StoredPolicy, User } from '../model/snapshot';
import { parseArn } from '../policy/arn';

/** A set of action ids: a bitset for large sets, a sorted list for small ones (most statements name a few actions). */
export interface IdSet {
  has(id: number): boolean;
  /** Adds every id of this set to `into`. */
  addTo(into: ActionSet): void;
  readonly empty: boolean;
}

const SMALL_SET = 256;

class SmallIdSet implements IdSet {
  constructor(readonly ids: Int32Array) {}
  get empty(): boolean {
    return this.ids.length === 0;
  }
  has(id: number): boolean {
    const a = this.ids;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = a[mid] as number;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
  addTo(into: ActionSet): void {
    for (const id of this.ids) into.add(id);
  }
}

class BitIdSet implements IdSet {
  readonly empty: boolean;
  constructor(readonly set: ActionSet) {
    this.empty = set.isEmpty();
  }
  has(id: number): boolean {
    return this.set.has(id);
  }
  addTo(into: ActionSet): void {
    into.unionWith(this.set);
  }
}

/** Packs an ActionSet into the smaller of the two representations. */
export function packIdSet(set: ActionSet): IdSet {
  const n = set.count();
  if (n <= SMALL_SET) return new SmallIdSet(Int32Array.from(set));
  return new BitIdSet(set);
}

/** Accumulates ids as a list while few, switching to a bitset when many; then packs them. */
class IdSetBuilder {
  private list: number[] = [];
  private bits: ActionSet | undefined;

  constructor(private readonly size: number) {}

  addIds(ids: ArrayLike<number>): void {
    if (this.bits) {
      for (let i = 0; i < ids.length; i++) this.bits.add(ids[i] as number);
      return;
    }
    for (let i = 0; i < ids.length; i++) this.list.push(ids[i] as number);
    if (this.list.length > SMALL_SET * 4) this.toBits();
  }

  addSet(set: IdSet): void {
    if (set.empty) return;
    if (set instanceof SmallIdSet) {
      this.addIds(set.ids);
      return;
    }
    set.addTo(this.toBits());
  }

  private toBits(): ActionSet {
    if (!this.bits) {
      this.bits = new ActionSet(this.size);
      for (const id of this.list) this.bits.add(id);
      this.list = [];
    }
    return this.bits;
  }

  build(): IdSet {
    if (this.bits) return packIdSet(this.bits);
    if (this.list.length === 0) return EMPTY_IDS;
    const sorted = Int32Array.from(new Set(this.list)).sort();
    if (sorted.length <= SMALL_SET) return new SmallIdSet(sorted);
    return new BitIdSet(ActionSet.of(this.size, sorted));
  }
}

const EMPTY_IDS: IdSet = new SmallIdSet(new Int32Array(0));

/** One statement of a compiled policy, as the access layer reads it. */
export interface StatementInfo {
  /** The statement's index in the document (`<policy label>.Statement[index]`). */
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  /** Catalogue actions the statement's Action / NotAction covers (NotAction through the complement). */
  readonly actions: IdSet;
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** True when Resource lists `*` (the statement covers every resource). */
  readonly anyResource: boolean;
  readonly conditions: readonly {
    readonly operator: string;
    readonly key: string;
    readonly values: readonly string[];
  }[];
  /** The Principal element of resource-based statements, compiled. */
  readonly principal: { readonly not: boolean; readonly spec: PrincipalSpec } | null;
  /** True when the statement's conditions or resources read who the principal is (principal keys, policy variables). */
  readonly readsPrincipal: boolean;
  /** True when the statement reads the principal's tags (`aws:PrincipalTag/…`, as a key or a variable). */
  readonly readsTags: boolean;
  /**
   * What follows each `aws:PrincipalTag/` in the statement, lower-cased, up to a quote or a brace:
   * the tag key it reads, perhaps followed by more text (a variable's default value). Every tag key
   * the statement reads is a prefix of one of these.
   */
  readonly tagReads: readonly string[];
  /** Equal for statements with the same content (Sid aside), within one CompiledAccess. */
  readonly contentId: number;
  /**
   * Equal for statements that act alike on any request whose action they cover and whose resource
   * they surely match: same Effect and Condition, and the same Resource when it holds policy
   * variables (whose match depends on the request).
   */
  readonly behaviourId: number;
}

/** A policy document compiled once, with its bitsets. */
export interface PolicyUnit {
  /** A number unique to the (document, label) pair within one CompiledAccess. */
  readonly uid: number;
  /** A number unique to the compiled document: units of identical documents under different labels share it. */
  readonly docUid: number;
  /** Set on units restricted by `slimUnit`: the catalogue action every statement left covers. */
  readonly forAction?: number;
  /** True when the document's conditions or variables read who the principal is, so its result may differ between principals (Principal elements aside). */
  readonly principalDependent: boolean;
  /** True when some statement reads the principal's tags: its result may differ between principals tagged differently. */
  readonly readsTags: boolean;
  /** The managed policy's ARN, `<entity ARN>:inline/<name>` for inline policies, or the resource's policy label. */
  readonly label: string;
  readonly compiled: CompiledPolicy;
  readonly statements: readonly StatementInfo[];
  /** Actions some Allow statement covers (on some resource, under some condition). */
  readonly allow: IdSet;
  /** Actions some Deny statement covers. */
  readonly deny: IdSet;
  /** Actions an unconditional Deny on `*` covers: denied whatever the resource and context. */
  readonly denyStar: IdSet;
  /** Actions an unconditional Allow on `*` covers. */
  readonly allowStar: IdSet;
}

/** A user or role of the snapshot with every policy that applies to it. */
export interface PrincipalAccess {
  readonly arn: string;
  readonly kind: 'user' | 'role';
  readonly name: string;
  /** The principal as the evaluator sees it (a role is evaluated as its sessions). */
  readonly info: PrincipalInfo;
  /** Identity policies: attached managed (default version), inline, then each group's. */
  readonly identity: readonly PolicyUnit[];
  /** Permissions boundary, or null when none is set. */
  readonly boundary: readonly PolicyUnit[] | null;
  /** True when the organisation's SCPs govern this principal (not the management account, not a service-linked role). */
  readonly scpApplies: boolean;
  /** The user's or role's unique id (`UserId` / `RoleId`); empty when the input lacks it. */
  readonly entityId: string;
  /** The evaluator's policy set for requests without a resource policy. */
  readonly set: CompiledPolicySet;
  /** The uids of `identity`, in order (what who-can walks for every principal). */
  readonly identityUids: Int32Array;
  /** The uids of `boundary`, or null without a boundary. */
  readonly boundaryUids: Int32Array | null;
  /**
   * Context keys the snapshot knows for this principal beyond its ARN (its tags as
   * aws:PrincipalTag/…, a user's aws:userid, aws:PrincipalOrgID), as `principalEntityKeys` gives them.
   */
  readonly entityKeys: readonly (readonly [string, ContextValue])[];
  /** `entityKeys` by lower-cased key. */
  readonly entityKeyMap: ReadonlyMap<string, ContextValue>;
  /** The principal's tags, canonical (equal for principals with the same tags). */
  readonly tagSignature: string;
  /** The principal's tags as (lower-cased key, `key=value` text) pairs, to key shared answers by the tags read. */
  readonly tagPairs: readonly (readonly [string, string])[];
  /**
   * True when the principal's tags are all known: an IAM user's are its IAM tags, so a tag key it
   * lacks is absent from its requests. A role's sessions may carry session tags (AWS "Pass session
   * tags in AWS STS"), so for roles a missing tag key is a context key a request may still give.
   */
  readonly tagsFixed: boolean;
  /** What who-can's shared answers are keyed by besides policies: kind, account, SCP governance, service-linked. */
  readonly memoClass: string;
  /** `memoClass` as a small integer, equal for equal classes within one CompiledAccess. */
  readonly memoClassId: number;
}

/** The organisation's compiled SCP or RCP path with bitsets per level. */
export interface CompiledOrgPath {
  readonly levels: readonly CompiledLevel[];
  /** Per level, its policies as units (same order as `levels`). */
  readonly units: readonly (readonly PolicyUnit[])[];
  /** Every level's units in order, flattened (the order the evaluator lists their statements). */
  readonly flat: readonly PolicyUnit[];
  /** Actions every level allows somewhere: an upper bound of what the path permits. */
  readonly allow: ActionSet;
  /** Actions an unconditional Deny on `*` covers at some level. */
  readonly denyStar: ActionSet;
  /** Actions every level allows unconditionally on `*`: a lower bound of what the path permits (Denies aside). */
  readonly allowStar: ActionSet;
  /** Actions some Deny statement covers at some level (on some resource, under some condition). */
  readonly deny: ActionSet;
}

/** A resource-based policy of the snapshot (bucket, key or trust policy), compiled. */
export interface ResourceUnit {
  readonly resource: string;
  readonly account: string | undefined;
  readonly unit: PolicyUnit;
}

/** A snapshot compiled for access queries. */
export interface CompiledAccess {
  readonly snapshot: Snapshot;
  readonly catalog: Catalog;
  readonly account: string;
  readonly principals: readonly PrincipalAccess[];
  readonly byArn: ReadonlyMap<string, PrincipalAccess>;
  readonly scp: CompiledOrgPath | null;
  readonly rcp: CompiledOrgPath | null;
  readonly managementAccountId: string | undefined;
  /** Problems met while compiling (a policy referenced but absent, an unusable document). */
  readonly diagnostics: readonly Diagnostic[];
  /** One more than the largest unit uid (for per-query arrays indexed by uid). */
  readonly unitCount: number;
  /** Every unit compiled so far, by uid (`units[u.uid] === u`). */
  readonly units: readonly PolicyUnit[];
  /** The resource-based policy that applies to `resource`, compiled on first use; undefined when the snapshot has none. */
  resourcePolicy(resource: string): ResourceUnit | undefined;
  /** Every resource-based policy of the snapshot (resource policies and role trust policies), compiled. */
  allResourcePolicies(): readonly ResourceUnit[];
  /**
   * A policy given with a query (a session policy, a VPC endpoint policy) compiled as a unit of
   * this snapshot (identical documents compile once), with the problems compiling it found.
   */
  queryUnit(
    label: string,
    document: PolicyDocument,
    kind: 'session' | 'endpoint',
  ): { readonly unit: PolicyUnit; readonly diagnostics: readonly Diagnostic[] };
}

const EMPTY_SET: PolicySet = {
  identity: [],
  resource: null,
  scp: null,
  rcp: null,
  boundary: null,
  session: null,
  endpoint: null,
};

/** The label of statement `index` of the policy labelled `label`. */
export function statementLabel(label: string, index: number): string {
  return `${label}.Statement[${index}]`;
}

// Keys the evaluator derives from the principal that are the same for every principal of one
// kind and account (the memo keys of who-can include both).
const CONSTANT_DERIVED = new Set([
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:resourceaccount',
]);
let varying: readonly string[] | undefined;

/** The prefix of the principal tag keys (lower-cased); statements mentioning it read the principal's tags. */
const TAG_KEY_PREFIX = 'aws:principaltag/';

/** Keys the snapshot gives per principal (see `principalEntityKeys`) that differ between principals, tags aside. */
const ENTITY_VARYING = ['aws:userid'];

const NO_STRINGS: readonly string[] = [];

/** The text after each `aws:principaltag/` of a statement's lower-cased JSON, up to `"` or `}` (see StatementInfo.tagReads). */
function tagReadsOf(lower: string): string[] {
  const out = new Set<string>();
  let at = lower.indexOf(TAG_KEY_PREFIX);
  while (at >= 0) {
    const from = at + TAG_KEY_PREFIX.length;
    let end = from;
    while (end < lower.length && lower[end] !== '"' && lower[end] !== '}') end++;
    out.add(lower.slice(from, end));
    at = lower.indexOf(TAG_KEY_PREFIX, end);
  }
  return [...out];
}

/** What a policy is to the evaluator: the layer its unit is compiled for. */
type UnitKind = 'identity' | 'resource' | 'scp' | 'rcp' | 'session' | 'endpoint';

/**
 * The context keys the evaluator derives from the principal whose value differs between principals
 * of one kind and account (today aws:PrincipalArn, aws:username, aws:userid), lower-cased: asked of
 * the evaluator itself, so a key it learns to derive later is covered too.
 */
function varyingKeys(): readonly string[] {
  if (varying) return varying;
  const keys = new Set<string>();
  for (const arn of ['arn:aws:iam::111111111111:user/a', 'arn:aws:iam::111111111111:role/r']) {
    for (const k of Object.keys(buildContext(parsePrincipal(arn), undefined, undefined).derivedKeys)) {
      if (!CONSTANT_DERIVED.has(k.toLowerCase())) keys.add(k.toLowerCase());
    }
  }
  for (const k of ENTITY_VARYING) keys.add(k);
  varying = [...keys];
  return varying;
}

/** Compiles documents once each (keyed by the stored object, then by text), with their bitsets. */
class UnitCompiler {
  private readonly byText = new Map<string, PolicyUnit>();
  private readonly byObject = new WeakMap<object, PolicyUnit>();
  private readonly actionCache = new Map<string, IdSet>();
  private readonly wrapped = new Map<string, PolicyUnit>();
  private readonly contents = new Map<string, number>();
  private readonly behaviours = new Map<string, number>();
  private readonly all: IdSet;
  private nextUid = 0;

  /** One more than the largest uid given so far. */
  get uidCount(): number {
    return this.nextUid;
  }
  /** Every unit made, by uid. */
  readonly byUid: PolicyUnit[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly catalog: Catalog) {
    this.all = new BitIdSet(ActionSet.all(catalog.actionCount));
  }

  /** The unit for a document in the given role (identity-like, or resource-based with principals). */
  unit(label: string, stored: StoredPolicy | PolicyDocument, kind: UnitKind): PolicyUnit {
    const document = 'document' in stored ? stored.document : stored;
    // Documents are compiled once: identical inline policies share matchers and bitsets.
    let core = kind === 'identity' ? this.byObject.get(stored) : undefined;
    if (!core) {
      const text =
        'text' in stored && typeof stored.text === 'string' ? stored.text : JSON.stringify(document);
      const key = `${kind}\u0000${text}`;
      core = this.byText.get(key);
      if (!core) {
        core = this.build(label, document, kind);
        this.byText.set(key, core);
      }
      if (kind === 'identity') this.byObject.set(stored, core);
    }
    if (core.label === label) return core;
    // A shared document under another label is its own unit (uid), so answers naming statements stay right.
    const wrapKey = `${core.uid}\u0000${label}`;
    let wrapped = this.wrapped.get(wrapKey);
    if (!wrapped) {
      wrapped = { ...core, label, uid: this.nextUid++ };
      this.wrapped.set(wrapKey, wrapped);
      this.byUid.push(wrapped);
    }
    return wrapped;
  }

  private build(label: string, document: PolicyDocument, kind: UnitKind): PolicyUnit {
    let compiled: CompiledPolicy | null;
    let diagnostics: readonly Diagnostic[];
    if (kind === 'session') {
      const c = compilePolicySet({ ...EMPTY_SET, session: document });
      compiled = c.session;
      diagnostics = c.diagnostics;
    } else if (kind === 'endpoint') {
      const c = compilePolicySet({ ...EMPTY_SET, endpoint: [document] });
      compiled = c.endpoint?.[0] ?? null;
      diagnostics = c.diagnostics;
    } else if (kind === 'resource') {
      const c = compilePolicySet({ ...EMPTY_SET, resource: document });
      compiled = c.resource;
      diagnostics = c.diagnostics;
    } else if (kind === 'scp' || kind === 'rcp') {
      const c = compilePolicySet({ ...EMPTY_SET, [kind]: [{ orgIdentifier: label, policies: [document] }] });
      compiled = c[kind]?.[0]?.policies[0] ?? null;
      diagnostics = c.diagnostics;
    } else {
      const c = compilePolicySet({ ...EMPTY_SET, identity: [document] });
      compiled = c.identity[0] ?? null;
      diagnostics = c.diagnostics;
    }
    for (const d of diagnostics) this.diagnostics.push({ ...d, path: `${label}: ${d.path}` });
    const unitCompiled: CompiledPolicy = compiled ?? { id: label, statements: [] };
    const statements: StatementInfo[] = [];
    const size = this.catalog.actionCount;
    const allow = new IdSetBuilder(size);
    const deny = new IdSetBuilder(size);
    const denyStar = new IdSetBuilder(size);
    const allowStar = new IdSetBuilder(size);
    // INVARIANT: the evaluator compiles exactly the statements whose Effect is Allow or Deny, in order.
    document.Statement.forEach((st, index) => {
      if (st.Effect !== 'Allow' && st.Effect !== 'Deny') return;
      const actions = this.actionsOf(st);
      const resources = st.Resource ?? st.NotResource ?? [];
      const notResource = st.Resource === undefined && st.NotResource !== undefined;
      // Resource-based, SCP, RCP and endpoint statements may omit Resource (a trust policy's resource is the role).
      const anyResource =
        (!notResource && resources.includes('*')) ||
        (kind !== 'identity' &&
          kind !== 'session' &&
          st.Resource === undefined &&
          st.NotResource === undefined);
      const conditions: { operator: string; key: string; values: readonly string[] }[] = [];
      if (st.Condition) {
        for (const [operator, keys] of Object.entries(st.Condition)) {
          for (const [key, values] of Object.entries(keys)) conditions.push({ operator, key, values });
        }
      }
      const principalElement = st.Principal ?? st.NotPrincipal;
      const principal =
        (kind === 'resource' || kind === 'rcp' || kind === 'endpoint') && principalElement !== undefined
          ? { not: st.Principal === undefined, spec: compilePrincipal(principalElement) }
          : null;
      const json = JSON.stringify([
        st.Effect,
        st.Action,
        st.NotAction,
        st.Resource,
        st.NotResource,
        st.Principal,
        st.NotPrincipal,
        st.Condition,
      ]);
      const lower = json.toLowerCase();
      const readsPrincipal = varyingKeys().some((k) => lower.includes(k));
      const readsTags = lower.includes(TAG_KEY_PREFIX);
      const tagReads = readsTags ? tagReadsOf(lower) : NO_STRINGS;
      let contentId = this.contents.get(json);
      if (contentId === undefined) this.contents.set(json, (contentId = this.contents.size));
      const hasVariables = resources.some((r) => r.includes('${'));
      const behaviour = JSON.stringify([
        st.Effect,
        hasVariables ? [st.Resource, st.NotResource] : null,
        st.Principal,
        st.NotPrincipal,
        st.Condition,
      ]);
      let behaviourId = this.behaviours.get(behaviour);
      if (behaviourId === undefined) this.behaviours.set(behaviour, (behaviourId = this.behaviours.size));
      statements.push({
        index,
        effect: st.Effect,
        actions,
        resources,
        notResource,
        anyResource,
        conditions,
        principal,
        readsPrincipal,
        readsTags,
        tagReads,
        contentId,
        behaviourId,
      });
      // A NotPrincipal Allow or a principal-specific statement still counts in the upper bounds.
      if (st.Effect === 'Allow') {
        allow.addSet(actions);
        if (anyResource && conditions.length === 0) allowStar.addSet(actions);
      } else {
        deny.addSet(actions);
        const everyone = principal === null || (!principal.not && principal.spec.any);
        if (anyResource && conditions.length === 0 && everyone) denyStar.addSet(actions);
      }
    });
    const uid = this.nextUid++;
    const made: PolicyUnit = {
      uid,
      docUid: uid,
      principalDependent: statements.some((st) => st.readsPrincipal),
      readsTags: statements.some((st) => st.readsTags),
      label,
      compiled: unitCompiled,
      statements,
      allow: allow.build(),
      deny: deny.build(),
      denyStar: denyStar.build(),
      allowStar: allowStar.build(),
    };
    this.byUid.push(made);
    return made;
  }

  /** Catalogue actions a statement's Action or NotAction covers. AWS "IAM JSON policy elements: NotAction". */
  private actionsOf(st: PolicyStatement): IdSet {
    const list = st.Action ?? st.NotAction;
    if (list === undefined) return EMPTY_IDS;
    const not = st.Action === undefined;
    if (!not && list.includes('*')) return this.all;
    const key = `${not ? '!' : ''}${list.join('\u0000').toLowerCase()}`;
    const hit = this.actionCache.get(key);
    if (hit) return hit;
    let made: IdSet;
    if (not) {
      const set = this.catalog.emptySet();
      if (!list.includes('*'))
        for (const pattern of list) for (const id of this.catalog.expandActionPattern(pattern)) set.add(id);
      made = packIdSet(set.complement());
    } else {
      const b = new IdSetBuilder(this.catalog.actionCount);
      for (const pattern of list) b.addIds(this.catalog.expandActionPattern(pattern));
      made = b.build();
    }
    this.actionCache.set(key, made);
    return made;
  }
}

/** A compiled statement of the evaluator (its type is not exported by name). */
type CompiledStatement = CompiledPolicy['statements'][number];

/**
 * True unless the statement's Resource/NotResource surely excludes `resource`: patterns with policy
 * variables depend on the request and are kept.
 */
const NO_MATCH = 0;
const MATCH = 1;
const VARIABLE = 2;

function mayMatchResource(
  st: CompiledStatement,
  resource: string,
  seen: Map<object, number> | undefined,
): boolean {
  const r = st.resources;
  if (r === null) return true;
  let hit = false;
  const patterns = r.patterns;
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i] as (typeof patterns)[number];
    // The evaluator shares compiled patterns between statements: one answer per pattern and question.
    let m = seen?.get(p);
    if (m === undefined) {
      m = p.source.includes('${') ? VARIABLE : p.match(resource).matched ? MATCH : NO_MATCH;
      seen?.set(p, m);
    }
    if (m === VARIABLE) return true;
    if (m === MATCH) {
      hit = true;
      break;
    }
  }
  return hit !== r.not;
}

/**
 * The unit restricted to the statements whose Action/NotAction covers catalogue action `id` (and,
 * given `resource`, whose Resource may match it): the others fail on Action or Resource before
 * any condition is read, so they change neither the decision nor the missing keys. Returns null
 * when no statement is left.
 */
export function slimUnit(
  unit: PolicyUnit,
  id: number,
  resource?: string,
  /** Pattern answers for `resource`, kept by the caller across units of one question. */
  seen?: Map<object, number>,
): PolicyUnit | null {
  const already = unit.forAction === id;
  const keep: number[] = [];
  const all = unit.statements;
  const compiledStatements = unit.compiled.statements;
  for (let i = 0; i < all.length; i++) {
    if (!already && !(all[i] as StatementInfo).actions.has(id)) continue;
    // INVARIANT: unit.statements and unit.compiled.statements are aligned (both skip invalid Effects).
    if (
      resource !== undefined &&
      !mayMatchResource(compiledStatements[i] as CompiledStatement, resource, seen)
    )
      continue;
    keep.push(i);
  }
  if (keep.length === 0) return null;
  if (already && keep.length === unit.statements.length) return unit;
  const statements = keep.map((i) => unit.statements[i] as StatementInfo);
  // The kept statements all cover the action (the bitset says so), so the evaluator's own Action
  // check is replaced by one that matches everything: a slim unit is only used for this action.
  const compiled: CompiledPolicy = {
    id: unit.compiled.id,
    statements: keep.map((i) => {
      const st = unit.compiled.statements[i] as CompiledStatement;
      return already || st.actions === null
        ? st
        : { ...st, actions: { ...st.actions, not: false, all: true } };
    }),
  };
  return {
    ...unit,
    compiled,
    statements,
    principalDependent: statements.some((st) => st.readsPrincipal),
    readsTags: statements.some((st) => st.readsTags),
    forAction: id,
  };
}

const reportedMissing = new WeakMap<Diagnostic[], Set<string>>();

/** ARN of the managed policy document that applies, or undefined with a diagnostic when absent. */
function managedUnit(
  s: Snapshot,
  compiler: UnitCompiler,
  arn: string,
  owner: string,
  what: string,
  diagnostics: Diagnostic[],
): PolicyUnit | undefined {
  const entity = s.byArn.get(arn);
  let reported = reportedMissing.get(diagnostics);
  if (!reported) reportedMissing.set(diagnostics, (reported = new Set()));
  if (entity === undefined || entity.kind !== 'policy') {
    // A group's missing policy would be reported once per member: once is enough.
    const key = `${owner}\u0000${arn}`;
    if (reported.has(key)) return undefined;
    reported.add(key);
    diagnostics.push({
      id: 'access.policy.missing',
      severity: 'warning',
      path: owner,
      message: `${what} \`${arn}\` is not in the snapshot: its permissions are left out`,
    });
    return undefined;
  }
  return compiler.unit(arn, entity.defaultDocument, 'identity');
}

function identityUnits(
  s: Snapshot,
  compiler: UnitCompiler,
  e: User | Role,
  diagnostics: Diagnostic[],
): PolicyUnit[] {
  const units: PolicyUnit[] = [];
  const add = (owner: {
    arn: string;
    attachedPolicies: User['attachedPolicies'];
    inlinePolicies: User['inlinePolicies'];
  }): void => {
    for (const a of owner.attachedPolicies) {
      const u = managedUnit(s, compiler, a.arn, owner.arn, 'attached policy', diagnostics);
      if (u) units.push(u);
    }
    for (const p of owner.inlinePolicies)
      units.push(compiler.unit(`${owner.arn}:inline/${p.name}`, p.policy, 'identity'));
  };
  add(e);
  // AWS "IAM user groups": a user gets the permissions of every group it belongs to.
  if (e.kind === 'user') {
    for (const g of s.groupsOfUser.get(e.arn) ?? []) {
      const group = s.byArn.get(g);
      if (group?.kind === 'group') add(group);
    }
  }
  return units;
}

function compileOrg(
  compiler: UnitCompiler,
  catalog: Catalog,
  levels: readonly { id: string; policies: readonly { name: string; policy: StoredPolicy }[] }[],
  kind: 'scp' | 'rcp',
): CompiledOrgPath {
  const allow = ActionSet.all(catalog.actionCount);
  const allowStar = ActionSet.all(catalog.actionCount);
  const denyStar = catalog.emptySet();
  const deny = catalog.emptySet();
  const units = levels.map((level) =>
    level.policies.map((p) => compiler.unit(`${kind}:${level.id}/${p.name}`, p.policy, kind)),
  );
  units.forEach((levelUnits) => {
    const levelAllow = catalog.emptySet();
    const levelStar = catalog.emptySet();
    for (const u of levelUnits) {
      u.allow.addTo(levelAllow);
      u.allowStar.addTo(levelStar);
      u.denyStar.addTo(denyStar);
      u.deny.addTo(deny);
    }
    // AWS Organizations "SCP evaluation": every level from the root to the account must allow.
    allow.intersectWith(levelAllow);
    allowStar.intersectWith(levelStar);
  });
  const compiledLevels: CompiledLevel[] = levels.map((level, i) => ({
    orgIdentifier: level.id,
    policies: (units[i] ?? []).map((u) => u.compiled),
  }));
  return { levels: compiledLevels, units, flat: units.flat(), allow, denyStar, allowStar, deny };
}

function isServiceLinked(e: User | Role): boolean {
  return e.kind === 'role' && e.path.startsWith('/aws-service-role/');
}

/** Compiles a snapshot for can / who-can / what-can: each policy once, each principal's policy lists. */
export function compileAccess(snapshot: Snapshot): CompiledAccess {
  const catalog = getCatalog();
  const compiler = new UnitCompiler(catalog);
  const diagnostics: Diagnostic[] = [];
  const org = snapshot.organization;
  // A policy type with no policy at any level is not enabled in the organisation (AWS attaches
  // FullAWSAccess / RCPFullAWSAccess to every level when a type is enabled): it governs nothing.
  const scpOn = org !== undefined && org.path.some((l) => l.scps.length > 0);
  const rcpOn = org !== undefined && org.path.some((l) => l.rcps.length > 0);
  const scp =
    org && scpOn
      ? compileOrg(
          compiler,
          catalog,
          org.path.map((l) => ({ id: l.id, policies: l.scps })),
          'scp',
        )
      : null;
  const rcp =
    org && rcpOn
      ? compileOrg(
          compiler,
          catalog,
          org.path.map((l) => ({ id: l.id, policies: l.rcps })),
          'rcp',
        )
      : null;
  const managementAccountId = org?.managementAccountId;
  const account = snapshot.account.id;

  const principals: PrincipalAccess[] = [];
  const byArn = new Map<string, PrincipalAccess>();
  const memoClasses = new Map<string, number>();
  for (const e of [...snapshot.users, ...snapshot.roles]) {
    let info: PrincipalInfo;
    try {
      info = parsePrincipal(e.arn);
    } catch {
      diagnostics.push({
        id: 'access.principal.invalid',
        severity: 'warning',
        path: e.arn,
        message: `\`${e.arn}\` is not a user or role ARN: left out of access queries`,
      });
      continue;
    }
    const identity = identityUnits(snapshot, compiler, e, diagnostics);
    let boundary: PolicyUnit[] | null = null;
    if (e.permissionsBoundary) {
      const u = managedUnit(
        snapshot,
        compiler,
        e.permissionsBoundary.arn,
        e.arn,
        'permissions boundary',
        diagnostics,
      );
      // A boundary whose document is absent cannot be evaluated: leaving it out over-reports access,
      // which the diagnostic says (an auditor prefers a false alarm to a silent gap).
      if (u) boundary = [u];
    }
    const pAccount = 'account' in info ? info.account : undefined;
    const scpApplies =
      scp !== null &&
      !(managementAccountId !== undefined && pAccount === managementAccountId) &&
      !isServiceLinked(e);
    const set: CompiledPolicySet = {
      identity: identity.map((u) => u.compiled),
      resource: null,
      scp: scp ? scp.levels : null,
      rcp: null,
      boundary: boundary ? boundary.map((u) => u.compiled) : null,
      session: null,
      endpoint: null,
      managementAccountId,
      diagnostics: [],
    };
    const entityKeys = principalEntityKeys(
      { kind: e.kind, id: e.id, account: pAccount, tags: e.tags },
      org?.id === undefined ? undefined : { id: org.id, account },
    );
    const tagPairs = entityKeys
      .filter(([k]) => k.toLowerCase().startsWith(TAG_KEY_PREFIX))
      .map(([k, v]): [string, string] => {
        const key = k.slice(TAG_KEY_PREFIX.length).toLowerCase();
        return [key, JSON.stringify([key, v])];
      })
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const tagSignature = tagPairs.map((t) => t[1]).join(',');
    const governed = scpApplies && pAccount === account;
    const memoClass = `${e.kind}|${pAccount ?? ''}|${governed ? 1 : 0}|${e.arn.includes(':role/aws-service-role/') ? 1 : 0}`;
    let memoClassId = memoClasses.get(memoClass);
    if (memoClassId === undefined) memoClasses.set(memoClass, (memoClassId = memoClasses.size));
    const p: PrincipalAccess = {
      arn: e.arn,
      kind: e.kind,
      name: e.name,
      info,
      identity,
      boundary,
      scpApplies,
      entityId: e.id,
      set,
      identityUids: Int32Array.from(identity, (u) => u.uid),
      boundaryUids: boundary ? Int32Array.from(boundary, (u) => u.uid) : null,
      entityKeys,
      entityKeyMap: new Map(entityKeys.map(([k, v]) => [k.toLowerCase(), v])),
      tagSignature,
      tagPairs,
      tagsFixed: e.kind === 'user',
      memoClass,
      memoClassId,
    };
    principals.push(p);
    byArn.set(e.arn, p);
  }

  const queryDiagnostics = new Map<number, Diagnostic[]>();
  const resourceCache = new Map<string, ResourceUnit | null>();
  const byResource = new Map<
    string,
    { resource: string; account: string | undefined; policy: StoredPolicy }
  >();
  for (const rp of snapshot.resourcePolicies)
    if (!byResource.has(rp.resource))
      byResource.set(rp.resource, { resource: rp.resource, account: rp.account, policy: rp.policy });

  const lookup = (key: string): ResourceUnit | undefined => {
    const cached = resourceCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let made: ResourceUnit | null = null;
    const rp = byResource.get(key);
    if (rp)
      made = {
        resource: rp.resource,
        account: rp.account ?? (parseArn(rp.resource)?.account || account || undefined),
        unit: compiler.unit(rp.resource, rp.policy, 'resource'),
      };
    else {
      const role = snapshot.byArn.get(key);
      if (role?.kind === 'role' && role.trustPolicy) {
        made = {
          resource: role.arn,
          account: parseArn(role.arn)?.account,
          unit: compiler.unit(`${role.arn}:trust`, role.trustPolicy, 'resource'),
        };
      }
    }
    resourceCache.set(key, made);
    return made ?? undefined;
  };

  const resourcePolicy = (resource: string): ResourceUnit | undefined => {
    const exact = lookup(resource);
    if (exact) return exact;
    // An S3 object is governed by its bucket's policy (AWS "Bucket policies for Amazon S3").
    const m = /^arn:([^:]+):s3:::([^/]+)\/./.exec(resource);
    if (m) return lookup(`arn:${m[1]}:s3:::${m[2]}`);
    // A role's ARN may be given without its path (a session shows none): find the role by name.
    const arn = parseArn(resource);
    if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
      const role = snapshot.rolesByName.get(arn.resource.slice(arn.resource.lastIndexOf('/') + 1));
      if (role && parseArn(role.arn)?.account === arn.account) return lookup(role.arn);
    }
    return undefined;
  };

  const allResourcePolicies = (): ResourceUnit[] => {
    const out: ResourceUnit[] = [];
    for (const key of byResource.keys()) {
      const u = lookup(key);
      if (u) out.push(u);
    }
    for (const r of snapshot.roles) {
      const u = lookup(r.arn);
      if (u && !byResource.has(r.arn)) out.push(u);
    }
    return out;
  };

  return {
    snapshot,
    catalog,
    account,
    principals,
    byArn,
    scp,
    rcp,
    managementAccountId,
    get diagnostics() {
      return [...diagnostics, ...compiler.diagnostics];
    },
    get unitCount() {
      return compiler.uidCount;
    },
    units: compiler.byUid,
    resourcePolicy,
    allResourcePolicies,
    queryUnit(label, document, kind) {
      const before = compiler.diagnostics.length;
      const unit = compiler.unit(label, document, kind);
      // Problems of a query's policy belong to the query, not to the snapshot's diagnostics; a
      // document compiled before keeps those found then.
      const found = compiler.diagnostics.splice(before);
      let diagnostics = queryDiagnostics.get(unit.docUid);
      if (!diagnostics) queryDiagnostics.set(unit.docUid, (diagnostics = found));
      return { unit, diagnostics };
    },
  };
}
