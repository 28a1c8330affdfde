// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`,
// `${key, 'default'}`): parsing and substitution from a request context. Imports only core/model.
// INTERFACE STUB: the policy-grammar work replaces the bodies; keep the signatures.
import type { RequestContext } from '../model/context';

/** Outcome of substituting the variables of one value. */
export interface Substitution {
  /** The value with every variable replaced, or undefined when a variable had no value and no default. */
  readonly text: string | undefined;
  /** Variables the context did not carry (with or without a default). */
  readonly missingVariables: readonly string[];
}

/** True when `template` contains a policy variable. */
export function hasPolicyVariables(template: string): boolean {
  return template.includes('${');
}

/** Replaces the policy variables of `template` with their values from `context`. */
export function substituteVariables(template: string, context: RequestContext): Substitution {
  void template;
  void context;
  throw new Error('substituteVariables: not built yet');
}
