// IAM policy documents, normalised: every element that may be a single value or a list is a list.
// Keys keep AWS's spelling (`Effect`, `Action`…) so documents read as AWS writes them. Imports nothing.

/** A `Principal` or `NotPrincipal` element: `*`, or lists per principal type (AWS, Federated, Service, CanonicalUser). */
export type PolicyPrincipal = '*' | { readonly [principalType: string]: readonly string[] };

/** A `Condition` block: operator → condition key → values (JSON numbers and booleans kept as strings). */
export type ConditionBlock = { readonly [operator: string]: { readonly [conditionKey: string]: readonly string[] } };

/** One statement of a normalised policy document. `Effect` is kept as written; validation checks it. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Condition?: ConditionBlock;
}

/** A normalised IAM policy document. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}
