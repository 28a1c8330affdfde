// Wildcard patterns of Action, Resource and condition values, compiled once and matched in
// linear time (never a regular expression built from policy text). Imports only core/model.
// INTERFACE STUB: the policy-grammar work replaces the bodies; keep the signatures.
import type { RequestContext } from '../model/context';

/** Outcome of matching one pattern. `missingVariables` names policy variables the context lacked. */
export interface PatternMatch {
  readonly matched: boolean;
  readonly missingVariables: readonly string[];
}

/** A pattern compiled once, matched many times. */
export interface CompiledPattern {
  readonly source: string;
  /** True when the pattern has no wildcard and no variable (an exact match suffices). */
  readonly literal: boolean;
  /** Matches `text`; policy variables are resolved from `context` and match literally. */
  match(text: string, context?: RequestContext): PatternMatch;
}

/** Options of `compilePattern`. */
export interface PatternOptions {
  /** Actions match case-insensitively; ARNs and most values case-sensitively. */
  readonly caseInsensitive: boolean;
  /** Resolve `${…}` policy variables (Resource elements and condition values of policy version 2012-10-17). */
  readonly variables: boolean;
}

/** Compiles an IAM wildcard pattern (`*` any run of characters, `?` one character). */
export function compilePattern(pattern: string, options: PatternOptions): CompiledPattern {
  void pattern;
  void options;
  throw new Error('compilePattern: not built yet');
}
