// Turns an evaluation that depends on context keys the query did not give into a `conditional`
// answer: fills the missing keys with values that satisfy the Allow conditions (and defeat the Deny
// conditions), re-evaluates, and reports the conditions that made the difference.
// Imports only core/model and core/evaluate/conditions; no node:*, no DOM.
import { parseOperator } from '../evaluate/conditions/operator';
import type { RequiredCondition } from '../model/access';
import type { ContextValue } from '../model/context';
import type { ConditionCheck, EvaluationResult } from '../model/evaluate';

/** The outcome of a who-can style decision: allowed, conditional with what it needs, or neither. */
export type DecidedAccess =
  | { readonly kind: 'allowed'; readonly result: EvaluationResult }
  | {
      readonly kind: 'conditional';
      readonly result: EvaluationResult;
      readonly conditions: readonly RequiredCondition[];
      readonly filled: { readonly [key: string]: ContextValue };
    }
  | { readonly kind: 'denied'; readonly result: EvaluationResult };

/** Rewrites an evaluation's statement ids into the snapshot's labels (`<policy>.Statement[i]`). */
export type StatementNamer = (result: EvaluationResult) => EvaluationResult;

const MAX_ROUNDS = 3;
const OTHER_STRING = 'ariadne-any-other-value';
const OTHER_IP = '0.0.0.1';
const OTHER_NUMBER = '-987654321';
const OTHER_DATE = '1970-01-01T00:00:00Z';
const OTHER_ARN = 'arn:aws:iam::000000000000:ariadne-any-other';

function otherValue(family: string): string {
  switch (family) {
    case 'IpAddress':
      return OTHER_IP;
    case 'Numeric':
      return OTHER_NUMBER;
    case 'Date':
      return OTHER_DATE;
    case 'Arn':
      return OTHER_ARN;
    default:
      return OTHER_STRING;
  }
}

/** A value that makes a positive (non-negated) base operator true against `v`. */
function positiveValue(base: string, v: string): string | undefined {
  switch (base) {
    case 'StringLike':
    case 'ArnLike':
      return v.replace(/[*?]/g, 'x');
    case 'IpAddress':
      return v.includes('/') ? v.slice(0, v.indexOf('/')) : v;
    case 'NumericLessThan': {
      const n = Number(v);
      return Number.isFinite(n) ? String(n - 1) : undefined;
    }
    case 'NumericGreaterThan': {
      const n = Number(v);
      return Number.isFinite(n) ? String(n + 1) : undefined;
    }
    case 'DateLessThan':
    case 'DateGreaterThan': {
      const t = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
      if (!Number.isFinite(t)) return undefined;
      return new Date(t + (base === 'DateLessThan' ? -1000 : 1000)).toISOString();
    }
    default:
      return v;
  }
}

/** The base operator that a negated one negates (`StringNotLike` → `StringLike`). */
function positiveOf(base: string): string {
  if (base === 'NotIpAddress') return 'IpAddress';
  return base.replace('Not', '');
}

/** A value for the check's key that makes the check `want` (true or false), or undefined. */
function valueFor(check: ConditionCheck, want: boolean): ContextValue | undefined {
  const op = parseOperator(check.operator);
  if (op === undefined) return undefined;
  const first = check.policyValues[0];
  let value: string | undefined;
  if (op.family === 'Null') {
    // `Null: true` holds when the key is absent, `Null: false` when present.
    const absentWanted = (first === 'true') === want;
    value = absentWanted ? undefined : OTHER_STRING;
  } else if (op.family === 'Bool') {
    if (first === undefined) return undefined;
    value = want ? first : first === 'true' ? 'false' : 'true';
  } else {
    // A negated operator is true for a value outside its list, false for one in it.
    const positive = op.negated ? !want : want;
    if (positive)
      value =
        first === undefined ? undefined : positiveValue(op.negated ? positiveOf(op.base) : op.base, first);
    else value = otherValue(op.family);
  }
  if (value === undefined) return undefined;
  return op.setOperator !== undefined ? [value] : value;
}

function isGiven(given: { readonly [key: string]: ContextValue }, key: string): boolean {
  const k = key.toLowerCase();
  return Object.keys(given).some((g) => g.toLowerCase() === k);
}

/**
 * Decides a request for who-can: `allowed` as given; otherwise, unless `strict`, tries values for
 * the context keys the outcome depended on (SPEC.md `who-can`: "a request whose outcome depends on
 * context keys the query did not give is `conditional`, with the keys and values it needs").
 * `fixed` (lower-cased key) names keys whose absence is known, not left open: no value is tried
 * for them (an IAM user's tag keys it lacks).
 */
export function decideWithContext(
  evaluate: (context: { readonly [key: string]: ContextValue }) => EvaluationResult,
  given: { readonly [key: string]: ContextValue },
  strict: boolean,
  name: StatementNamer,
  fixed?: (lowerKey: string) => boolean,
): DecidedAccess {
  const first = evaluate(given);
  if (first.decision === 'allowed') return { kind: 'allowed', result: first };
  if (strict || first.explain.missingKeys.length === 0) return { kind: 'denied', result: first };
  // A prototype-less record: condition keys come from policy text (`__proto__` is a key like any other).
  const filled: Record<string, ContextValue> = Object.create(null) as Record<string, ContextValue>;
  let result = first;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missing = new Set(result.explain.missingKeys.map((k) => k.toLowerCase()));
    let added = false;
    for (const layer of result.explain.layers) {
      for (const st of layer.statements) {
        const o = st.outcome;
        // An Allow whose condition failed on a missing key must be made true; a Deny that matched
        // because of one must be made false.
        const want = st.effect === 'Allow' ? o.kind === 'conditionFailed' : o.kind === 'matched';
        if (!want || o.kind === 'notMatched') continue;
        for (const check of o.conditions) {
          const lower = check.key.toLowerCase();
          if (
            !check.missing ||
            !missing.has(lower) ||
            isGiven(given, check.key) ||
            Object.hasOwn(filled, lower) ||
            (fixed !== undefined && fixed(lower))
          )
            continue;
          const v = valueFor(check, st.effect === 'Allow');
          if (v === undefined) continue;
          filled[lower] = v;
          added = true;
        }
      }
    }
    if (!added) break;
    result = evaluate({ ...filled, ...given });
    if (result.decision === 'allowed') break;
  }
  if (result.decision !== 'allowed') return { kind: 'denied', result: first };
  const named = name(result);
  return { kind: 'conditional', result: named, conditions: requiredConditions(named, filled), filled };
}

/** The conditions on filled keys that the allowed evaluation passed: Allow conditions met, Deny conditions avoided. */
function requiredConditions(
  result: EvaluationResult,
  filled: { readonly [key: string]: ContextValue },
): RequiredCondition[] {
  const out = new Map<
    string,
    {
      key: string;
      operator: string;
      values: readonly string[];
      requirement: 'satisfy' | 'avoid';
      statements: string[];
    }
  >();
  for (const layer of result.explain.layers) {
    for (const st of layer.statements) {
      const o = st.outcome;
      if (o.kind === 'notMatched') continue;
      const relevant = st.effect === 'Allow' ? o.kind === 'matched' : o.kind === 'conditionFailed';
      if (!relevant) continue;
      for (const check of o.conditions) {
        if (!Object.hasOwn(filled, check.key.toLowerCase())) continue;
        // A Deny is avoided by the checks that failed; an Allow needs every check it passed.
        if (st.effect === 'Deny' && check.matched) continue;
        const requirement = st.effect === 'Allow' ? 'satisfy' : 'avoid';
        const key = JSON.stringify([check.key, check.operator, check.policyValues, requirement]);
        const seen = out.get(key);
        if (seen) {
          if (!seen.statements.includes(st.id)) seen.statements.push(st.id);
        } else
          out.set(key, {
            key: check.key,
            operator: check.operator,
            values: check.policyValues,
            requirement,
            statements: [st.id],
          });
      }
    }
  }
  return [...out.values()];
}
