// Shared evaluation of one (operator, key) pair: missing keys, IfExists, negation and the
// `ForAllValues:`/`ForAnyValue:` set operators. Family files only say whether one request value
// matches the policy values. Imports only core/model and the operator parser.
import type { ContextValue, RequestContext } from '../../model/context';
import type { Diagnostic } from '../../model/diagnostic';
import type { ParsedOperator } from './operator';

/** Whether one request value matches any of the policy values (the positive sense of the operator). */
export interface ValueMatch {
  readonly matched: boolean;
  /** Policy variables the context lacked, in the policy values that did not match. */
  readonly missingVariables: readonly string[];
}

/** The compiled policy values of one (operator, key): OR across the values. */
export interface ValueMatcher {
  match(requestValue: string, context: RequestContext): ValueMatch;
}

/** The outcome of one (operator, key). */
export interface KeyOutcome {
  readonly matched: boolean;
  readonly requestValue: ContextValue | undefined;
  readonly missing: boolean;
  /** Keys and variables whose absence the outcome depended on. */
  readonly missingKeys: readonly string[];
}

const NO_MISSING: readonly string[] = [];
const EMPTY_SET: readonly string[] = [];

/** A matcher that never matches (the values could not be compiled; an error diagnostic says why). */
export const NEVER_MATCHES: ValueMatcher = {
  match: () => ({ matched: false, missingVariables: NO_MISSING }),
};

/** Evaluates one (operator, key) against the context. */
export function evaluateKey(
  operator: ParsedOperator,
  key: string,
  matcher: ValueMatcher,
  context: RequestContext,
): KeyOutcome {
  const requestValue = context.get(key);
  if (requestValue === undefined) {
    return { matched: matchWhenMissing(operator), requestValue, missing: true, missingKeys: [key] };
  }
  // "Single-valued vs. multivalued context keys" (reference_policies_condition-single-vs-multi-valued-context-keys.html):
  // AWS says not to use set operators with single-valued keys (it can make a policy overly
  // permissive) but does not forbid it; a single value is read as a set of one.
  // Under a set operator an empty string is an empty set: "If the key values in the request resolve
  // to an empty data set (for example, an empty string), a condition operator modified by
  // ForAllValues returns true, and a condition operator modified by ForAnyValue returns false."
  const values: readonly string[] =
    typeof requestValue !== 'string'
      ? requestValue
      : requestValue === '' && operator.setOperator !== undefined
        ? EMPTY_SET
        : [requestValue];
  let any = false;
  let all = true;
  let missingVariables: string[] | undefined;
  for (const value of values) {
    const m = matcher.match(value, context);
    // "Conditions with multiple context keys or values" (reference_policies_condition-logic-multiple-context-keys-or-values.html):
    // several policy values of one key are ORed; a negated operator NORs them, so a request value
    // satisfies it when no policy value matches.
    const satisfied = operator.negated ? !m.matched : m.matched;
    if (satisfied) any = true;
    else all = false;
    // A variable the context lacked only matters when the value it stood in did not match.
    if (!m.matched && m.missingVariables.length > 0) {
      missingVariables ??= [];
      missingVariables.push(...m.missingVariables);
    }
  }
  let matched: boolean;
  if (operator.setOperator === 'ForAllValues') {
    // "Set operators for multivalued context keys": ForAllValues is true when every request value
    // satisfies the operator, and so also for an empty set.
    matched = all;
  } else if (operator.setOperator === 'ForAnyValue') {
    // ForAnyValue is true when at least one request value satisfies it; false for an empty set.
    matched = any;
  } else {
    // Without a set operator, a positive operator matches when any request value matches; a negated
    // one when none does (it is the negation of the positive form), so an empty set gives false
    // for a positive operator and true for a negated one.
    matched = operator.negated ? all : any;
  }
  return { matched, requestValue, missing: false, missingKeys: missingVariables ?? NO_MISSING };
}

/** The outcome of an operator on a key the request does not carry. */
export function matchWhenMissing(operator: ParsedOperator): boolean {
  // "...IfExists condition operators": if the key is not present, the condition is true.
  if (operator.ifExists) return true;
  // "Set operators for multivalued context keys": ForAllValues returns true when the key is not in
  // the request; ForAnyValue returns false.
  if (operator.setOperator === 'ForAllValues') return true;
  if (operator.setOperator === 'ForAnyValue') return false;
  // "Condition operators" (Important): a missing key does not match, so the condition is false,
  // except for operators that require the key not to match (StringNotLike, ArnNotLike…): true.
  return operator.negated;
}

/** What a family compiler returns for the values of one (operator, key). */
export interface CompiledValues {
  readonly matcher: ValueMatcher;
  readonly diagnostics: readonly Diagnostic[];
}

/** Options shared by the family compilers. */
export interface ValueOptions {
  /** Resolve `${…}` policy variables (policy language version 2012-10-17). */
  readonly policyVariables: boolean;
}

/** An error diagnostic about one policy value. */
export function valueError(id: string, path: string, message: string): Diagnostic {
  return { id, severity: 'error', path, message };
}

/** Matches a request value against compiled policy values with OR, collecting missing variables. */
export function matchAny<T>(compiled: readonly T[], matchOne: (item: T) => ValueMatch): ValueMatch {
  let missing: string[] | undefined;
  for (const item of compiled) {
    const m = matchOne(item);
    if (m.matched) return m;
    if (m.missingVariables.length > 0) {
      missing ??= [];
      missing.push(...m.missingVariables);
    }
  }
  return { matched: false, missingVariables: missing ?? NO_MISSING };
}

/** A match outcome without missing variables. */
export function plainMatch(matched: boolean): ValueMatch {
  return matched ? MATCHED : NOT_MATCHED;
}

const MATCHED: ValueMatch = { matched: true, missingVariables: NO_MISSING };
const NOT_MATCHED: ValueMatch = { matched: false, missingVariables: NO_MISSING };

/** Path of the i-th value of a key, `<path>.<Operator>.<key>[i]`. */
export function valuePath(keyPath: string, index: number): string {
  return `${keyPath}[${index}]`;
}
