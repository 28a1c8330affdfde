// Walks the snapshot's identity policies and reads statements for the rules: actions, resources,
// principals and condition keys. Pure: imports only core/model and core/policy.
import type { PolicyDocument, PolicyPrincipal, PolicyStatement } from '../model/policy';
import type { EvidenceStatement } from '../model/finding';
import type { ManagedPolicy, Snapshot } from '../model/snapshot';
import { compilePattern, type CompiledPattern } from '../policy/pattern';
import { parseArn } from '../policy/arn';
import { quoteStatement } from './finding-builder';

/** An identity policy of the snapshot: an inline policy of one identity, or a managed policy's default version. */
export interface IdentityPolicyRef {
  readonly kind: 'inline' | 'managed';
  readonly name: string;
  /** The managed policy's ARN. */
  readonly arn?: string;
  /** The identity an inline policy is embedded in. */
  readonly holder?: string;
  readonly managed?: ManagedPolicy;
  readonly document: PolicyDocument;
}

/**
 * Every inline policy (with its holder) and every customer-managed policy's default version;
 * AWS-managed policies are left out unless `includeAwsManaged` (the account cannot edit them),
 * and so are policies used only as permissions boundaries (a boundary grants nothing: AWS
 * "Permissions boundaries for IAM entities").
 */
export function identityPolicies(snapshot: Snapshot, includeAwsManaged = false): IdentityPolicyRef[] {
  const out: IdentityPolicyRef[] = [];
  for (const e of [...snapshot.users, ...snapshot.groups, ...snapshot.roles]) {
    for (const p of e.inlinePolicies) {
      out.push({ kind: 'inline', name: p.name, holder: e.arn, document: p.policy.document });
    }
  }
  for (const m of snapshot.policies) {
    if (m.awsManaged && !includeAwsManaged) continue;
    const usage = snapshot.policyUsage.get(m.arn);
    if (usage && usage.boundaryOf.length > 0 && usage.attachedTo.length === 0) continue;
    out.push({ kind: 'managed', name: m.name, arn: m.arn, managed: m, document: m.defaultDocument.document });
  }
  return out;
}

/** The subject of a finding about an identity policy: the holder (inline) or the policy (managed). */
export function policySubject(ref: IdentityPolicyRef): { principal?: string; resource?: string } {
  return ref.kind === 'inline' ? { principal: ref.holder as string } : { resource: ref.arn as string };
}

/** Quotes a statement of an identity policy as evidence. */
export function quoteIdentityStatement(
  ref: IdentityPolicyRef,
  s: PolicyStatement,
  index: number,
): EvidenceStatement {
  return quoteStatement(
    {
      policy: ref.name,
      policyKind: ref.kind,
      ...(ref.arn === undefined ? {} : { policyArn: ref.arn }),
      ...(ref.holder === undefined ? {} : { attachedTo: ref.holder }),
    },
    s,
    index,
  );
}

const actionCache = new Map<string, CompiledPattern>();

/** True when the action pattern `pattern` (as written in a policy) matches the action `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  let c = actionCache.get(pattern);
  if (!c) {
    c = compilePattern(pattern, { caseInsensitive: true, variables: false });
    if (actionCache.size < 10_000) actionCache.set(pattern, c);
  }
  return c.match(action).matched;
}

/** True when the statement's action element covers `action` (Action listing it, or NotAction not excluding it). */
export function statementCoversAction(s: PolicyStatement, action: string): boolean {
  if (s.Action) return s.Action.some((p) => actionMatches(p, action));
  if (s.NotAction) return !s.NotAction.some((p) => actionMatches(p, action));
  return false;
}

/** True when the statement applies to every resource (`Resource: "*"`; a NotResource also counts as broad). */
export function coversAllResources(s: PolicyStatement): boolean {
  if (s.Resource) return s.Resource.includes('*');
  return s.NotResource !== undefined;
}

/** True when the statement has at least one condition. */
export function hasConditions(s: PolicyStatement): boolean {
  return s.Condition !== undefined && Object.keys(s.Condition).length > 0;
}

/** Operator without its set prefix and IfExists suffix, e.g. `ForAnyValue:StringLikeIfExists` → `StringLike`. */
export function baseOperator(operator: string): string {
  let op = operator;
  const colon = op.indexOf(':');
  if (colon >= 0) op = op.slice(colon + 1);
  if (op.endsWith('IfExists')) op = op.slice(0, -'IfExists'.length);
  return op;
}

/** One condition of a statement: operator, key (as written) and values. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** The statement's conditions, flattened. Keys compare case-insensitively (AWS: condition key names are not case-sensitive). */
export function conditionEntries(s: PolicyStatement): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  const c = s.Condition;
  if (!c) return out;
  for (const operator of Object.keys(c)) {
    if (!Object.hasOwn(c, operator)) continue;
    const block = c[operator];
    if (!block) continue;
    for (const key of Object.keys(block)) {
      if (!Object.hasOwn(block, key)) continue;
      out.push({ operator, key, values: block[key] ?? [] });
    }
  }
  return out;
}

/** The conditions on `key` (case-insensitive). */
export function conditionsOn(s: PolicyStatement, key: string): ConditionEntry[] {
  const k = key.toLowerCase();
  return conditionEntries(s).filter((e) => e.key.toLowerCase() === k);
}

/** One principal named by a Principal element: its type (`AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"*"`) and value. */
export interface PrincipalEntry {
  readonly type: string;
  readonly value: string;
}

/** Lists the principals of a Principal element. */
export function principalEntries(p: PolicyPrincipal | undefined): PrincipalEntry[] {
  if (p === undefined) return [];
  if (p === '*') return [{ type: '*', value: '*' }];
  const out: PrincipalEntry[] = [];
  for (const type of Object.keys(p)) {
    if (!Object.hasOwn(p, type)) continue;
    for (const value of p[type] ?? []) out.push({ type, value });
  }
  return out;
}

/** True for a principal entry that stands for everyone (`"*"` or `{"AWS": "*"}`). */
export function isEveryone(e: PrincipalEntry): boolean {
  return e.value === '*' && (e.type === '*' || e.type === 'AWS');
}

/** The account an AWS principal belongs to (a 12-digit id or an ARN's account), or undefined. */
export function principalAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const arn = parseArn(value);
  if (arn && /^\d{12}$/.test(arn.account)) return arn.account;
  return undefined;
}

/**
 * Condition keys that limit who may use an Allow granted to `*` to a known set of accounts,
 * networks or organisations (AWS "AWS global condition context keys": aws:PrincipalOrgID,
 * aws:PrincipalAccount, aws:SourceVpce, aws:SourceIp…).
 */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:userid',
  'aws:username',
  'kms:calleraccount',
];

/** Operators that admit only the listed values (AWS "IAM JSON policy elements: Condition operators"). */
const POSITIVE_OPERATORS: readonly string[] = [
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
];

/**
 * The restricting conditions of a statement: conditions on a key of RESTRICTING_KEYS with a
 * positive operator (a `StringNotEquals`, `NotIpAddress` or `ArnNotLike` excludes some callers but
 * lets every other one in, so it does not restrict; an unknown operator restricts nothing).
 * Values made only of `*` do not restrict.
 */
export function restrictingConditions(s: PolicyStatement): ConditionEntry[] {
  return conditionEntries(s).filter((e) => {
    if (!RESTRICTING_KEYS.includes(e.key.toLowerCase())) return false;
    if (!POSITIVE_OPERATORS.includes(baseOperator(e.operator))) return false;
    return e.values.some((v) => v !== '*' && v !== '');
  });
}

/** The users and roles a policy reaches: its inline holder, or the identities it is attached to (group members included), sorted. */
export function holdersOf(snapshot: Snapshot, ref: IdentityPolicyRef): string[] {
  const direct =
    ref.kind === 'inline'
      ? [ref.holder as string]
      : [...(snapshot.policyUsage.get(ref.arn as string)?.attachedTo ?? [])];
  const out = new Set<string>();
  for (const arn of direct) {
    const e = snapshot.byArn.get(arn);
    if (e?.kind === 'group') for (const m of snapshot.membersOfGroup.get(arn) ?? []) out.add(m);
    else out.add(arn);
  }
  return [...out].sort();
}
