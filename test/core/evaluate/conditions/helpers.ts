// Test helpers for the condition operators: a RequestContext from a plain object, and a one-line
// evaluation of a Condition block. Imports core internals directly (tests may).
import type { ContextValue, RequestContext } from '../../../../core/model/context';
import type { ConditionBlock } from '../../../../core/model/policy';
import { compileConditionBlock, type ConditionResult } from '../../../../core/evaluate/conditions/index';

/** A request context whose key lookup is case-insensitive, as AWS's is. */
export function contextOf(values: Record<string, ContextValue>): RequestContext {
  const map = new Map<string, ContextValue>(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (key) => map.get(key.toLowerCase()) };
}

/** Compiles `block` (failing the test on any error diagnostic) and evaluates it against `values`. */
export function evaluate(block: ConditionBlock, values: Record<string, ContextValue> = {}): ConditionResult {
  const { condition, diagnostics } = compileConditionBlock(block, 'Condition');
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`unexpected diagnostics: ${JSON.stringify(errors)}`);
  return condition.evaluate(contextOf(values));
}

/** Shorthand: whether `operator` on `key` with `policyValues` matches the context. */
export function matches(
  operator: string,
  key: string,
  policyValues: string | readonly string[],
  values: Record<string, ContextValue> = {},
): boolean {
  const list = typeof policyValues === 'string' ? [policyValues] : policyValues;
  return evaluate({ [operator]: { [key]: list } }, values).matched;
}

/** The error diagnostics of compiling `block`. */
export function errorsOf(block: ConditionBlock): { id: string; path: string; message: string }[] {
  return compileConditionBlock(block, 'Condition')
    .diagnostics.filter((d) => d.severity === 'error')
    .map(({ id, path, message }) => ({ id, path, message }));
}
