// Condition operators: compile a `Condition` block once, evaluate it against a request context.
// One file per operator family beside this one. Imports only core/model and core/policy.
// INTERFACE STUB: the conditions work replaces the bodies; keep the signatures.
import type { ContextValue, RequestContext } from '../../model/context';
import type { Diagnostic } from '../../model/diagnostic';
import type { ConditionBlock } from '../../model/policy';

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
}

/** Compiles a Condition block; unknown operators give error diagnostics (the engine never guesses). */
export function compileConditionBlock(
  block: ConditionBlock,
  path: string,
): { condition: CompiledCondition; diagnostics: readonly Diagnostic[] } {
  void block;
  void path;
  throw new Error('compileConditionBlock: not built yet');
}

/** True when `operator` (with any `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix) is one AWS defines. */
export function isKnownConditionOperator(operator: string): boolean {
  void operator;
  throw new Error('isKnownConditionOperator: not built yet');
}
