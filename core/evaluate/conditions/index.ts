// Condition operators: compile a `Condition` block once, evaluate it against a request context.
// One file per operator family beside this one. Imports only core/model and core/policy.
import type { ContextValue, RequestContext } from '../../model/context';
import type { Diagnostic } from '../../model/diagnostic';
import type { ConditionBlock } from '../../model/policy';
import { compileArnValues } from './arn';
import { compileBinaryValues } from './binary';
import { compileBoolValues } from './bool';
import { compileDateValues } from './date';
import { compileIpValues } from './ip-address';
import { compileNullValues, evaluateNull, type CompiledNull } from './null';
import { compileNumericValues } from './numeric';
import { parseOperator, suggestOperator, type ParsedOperator } from './operator';
import {
  evaluateKey,
  NEVER_MATCHES,
  type CompiledValues,
  type KeyOutcome,
  type ValueMatcher,
  type ValueOptions,
} from './set';
import { compileStringValues } from './string';

/** How one condition (operator, key) was decided, for the explanation. */
export interface ConditionTrace {
  readonly operator: string;
  readonly key: string;
  readonly policyValues: readonly string[];
  readonly requestValue: ContextValue | undefined;
  readonly matched: boolean;
  /** The request did not carry the key (evaluated as AWS does, but reported). */
  readonly missing: boolean;
}

/** Outcome of a whole Condition block: every (operator, key) must match. */
export interface ConditionResult {
  readonly matched: boolean;
  /** Context keys (and policy variables) the request did not give, that the outcome depended on. */
  readonly missingKeys: readonly string[];
  readonly trace: readonly ConditionTrace[];
}

/** A compiled Condition block. */
export interface CompiledCondition {
  evaluate(context: RequestContext): ConditionResult;
  /** `evaluate(context).matched`, without the trace and missing keys (stops at the first failing entry). */
  test(context: RequestContext): boolean;
}

/** Options of `compileConditionBlock`. */
export interface ConditionOptions {
  /** Resolve `${…}` policy variables in String, Bool and ARN values; true for policy version 2012-10-17 (the default). */
  readonly policyVariables?: boolean;
}

type Entry =
  | {
      readonly kind: 'operator';
      readonly operator: ParsedOperator;
      readonly key: string;
      readonly policyValues: readonly string[];
      readonly matcher: ValueMatcher;
    }
  | {
      readonly kind: 'null';
      readonly operator: string;
      readonly key: string;
      readonly policyValues: readonly string[];
      readonly compiled: CompiledNull;
    }
  | {
      readonly kind: 'unknown';
      readonly operator: string;
      readonly key: string;
      readonly policyValues: readonly string[];
    };

/** Compiles a Condition block; unknown operators give error diagnostics (the engine never guesses). */
export function compileConditionBlock(
  block: ConditionBlock,
  path: string,
  options: ConditionOptions = {},
): { condition: CompiledCondition; diagnostics: readonly Diagnostic[] } {
  const valueOptions: ValueOptions = { policyVariables: options.policyVariables ?? true };
  const diagnostics: Diagnostic[] = [];
  const entries: Entry[] = [];
  for (const [name, keys] of Object.entries(block)) {
    const operatorPath = `${path}.${name}`;
    const operator = parseOperator(name);
    if (operator === undefined) {
      const suggestion = suggestOperator(name);
      diagnostics.push({
        id: 'policy.condition.operator.unknown',
        severity: 'error',
        path: operatorPath,
        message: `unknown condition operator \`${name}\`${suggestion === undefined ? '' : ` (operators are case-sensitive: \`${suggestion}\`)`}`,
      });
    }
    for (const [key, values] of Object.entries(keys)) {
      const keyPath = `${operatorPath}.${key}`;
      if (values.length === 0) {
        diagnostics.push({
          id: 'policy.condition.value.empty',
          severity: 'error',
          path: keyPath,
          message: `condition key \`${key}\` has no values`,
        });
      }
      if (operator === undefined) {
        entries.push({ kind: 'unknown', operator: name, key, policyValues: values });
        continue;
      }
      if (operator.family === 'Null') {
        if (operator.setOperator !== undefined) {
          diagnostics.push({
            id: 'policy.condition.operator.set-null',
            severity: 'warning',
            path: operatorPath,
            message: `\`${operator.setOperator}:\` has no effect on \`Null\`, which only tests whether the key exists`,
          });
        }
        const compiled = compileNullValues(values, keyPath);
        diagnostics.push(...compiled.diagnostics);
        entries.push({ kind: 'null', operator: name, key, policyValues: values, compiled });
        continue;
      }
      const compiled = compileValues(operator, values, keyPath, valueOptions);
      diagnostics.push(...compiled.diagnostics);
      entries.push({ kind: 'operator', operator, key, policyValues: values, matcher: compiled.matcher });
    }
  }
  return {
    condition: { evaluate: (context) => evaluateEntries(entries, context), test: (context) => testEntries(entries, context) },
    diagnostics,
  };
}

function compileValues(
  operator: ParsedOperator,
  values: readonly string[],
  keyPath: string,
  options: ValueOptions,
): CompiledValues {
  switch (operator.family) {
    case 'String':
      return compileStringValues(operator.base, values, options);
    case 'Numeric':
      return compileNumericValues(operator.base, values, keyPath);
    case 'Date':
      return compileDateValues(operator.base, values, keyPath);
    case 'Bool':
      return compileBoolValues(values, keyPath, options);
    case 'Binary':
      return compileBinaryValues(values, keyPath);
    case 'IpAddress':
      return compileIpValues(operator.base, values, keyPath);
    case 'Arn':
      return compileArnValues(operator.base, values, keyPath, options);
    case 'Null':
      return { matcher: NEVER_MATCHES, diagnostics: [] };
  }
}

/** One entry's outcome (the same for `evaluateEntries` and `testEntries`). */
function entryOutcome(entry: Entry, context: RequestContext): KeyOutcome {
  if (entry.kind === 'operator') return evaluateKey(entry.operator, entry.key, entry.matcher, context);
  if (entry.kind === 'null') return evaluateNull(entry.compiled, entry.key, context);
  // An unknown operator never matches; its error diagnostic stops the policy from being trusted.
  return { matched: false, requestValue: context.get(entry.key), missing: false, missingKeys: [] };
}

/** Whether every entry matches: "Conditions with multiple keys or values": operators and keys are ANDed. */
function testEntries(entries: readonly Entry[], context: RequestContext): boolean {
  for (const entry of entries) if (!entryOutcome(entry, context).matched) return false;
  return true;
}

function evaluateEntries(entries: readonly Entry[], context: RequestContext): ConditionResult {
  const trace: ConditionTrace[] = [];
  let matched = true;
  // Missing keys of every entry, and whether each failed entry had one (see below).
  const allMissing: string[] = [];
  let everyFailureHasMissing = true;
  for (const entry of entries) {
    const outcome = entryOutcome(entry, context);
    trace.push({
      operator: entry.kind === 'operator' ? entry.operator.name : entry.operator,
      key: entry.key,
      policyValues: entry.policyValues,
      requestValue: outcome.requestValue,
      matched: outcome.matched,
      missing: outcome.missing,
    });
    // "Conditions with multiple keys or values": operators and keys are ANDed.
    if (!outcome.matched) {
      matched = false;
      if (outcome.missingKeys.length === 0) everyFailureHasMissing = false;
    }
    allMissing.push(...outcome.missingKeys);
  }
  // The outcome depends on a missing key when giving it could change the outcome: a matched block
  // depends on every key whose absence made an entry match; a failed block only when every failed
  // entry failed for want of a key (one failing on a present value stays failed whatever is given).
  const missingKeys = matched || everyFailureHasMissing ? dedupeKeys(allMissing) : [];
  return { matched, missingKeys, trace };
}

/** Removes duplicate keys (condition keys are case-insensitive), keeping the first spelling. */
function dedupeKeys(keys: readonly string[]): readonly string[] {
  if (keys.length === 0) return keys;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keys) {
    const lower = k.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push(k);
  }
  return out;
}

/** True when `operator` (with any `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix) is one AWS defines. */
export function isKnownConditionOperator(operator: string): boolean {
  return parseOperator(operator) !== undefined;
}
