// Queries and answers of effective access over a snapshot (can, who-can, what-can). Plain readonly
// data; imports only core/model.
import type { ContextValue } from './context';
import type { Decision, EvaluationResult } from './evaluate';

/** Context values given with a query: key → value (a list for multi-valued keys). */
export type QueryContext = { readonly [key: string]: ContextValue };

/** One `can` question: may `principal` perform `action` on `resource`? */
export interface CanQuery {
  /** A user, role or role-session ARN of the snapshot (an ARN outside it is evaluated with no identity policies). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: QueryContext;
}

/** Which policies of the snapshot a `can` answer used, by label, in evaluation order. */
export interface AppliedPolicies {
  readonly identity: readonly string[];
  readonly boundary: readonly string[] | null;
  /** The resource-based policy (bucket policy, key policy, role trust policy) found for the resource. */
  readonly resource: string | null;
  readonly scp: boolean;
  readonly rcp: boolean;
}

/** A `can` answer: the evaluator's decision and explanation (statement ids name the snapshot's policies). */
export interface CanResult extends EvaluationResult {
  readonly policies: AppliedPolicies;
}

/**
 * One condition a `conditional` answer depends on: `satisfy` means the request must make the
 * condition true (an Allow's condition), `avoid` that it must make it false (a Deny's condition).
 */
export interface RequiredCondition {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
  readonly requirement: 'satisfy' | 'avoid';
  /** The statements that hold the condition (`<policy label>.Statement[i]`). */
  readonly statements: readonly string[];
}

/** The kind of a principal in who-can answers. */
export type AccessPrincipalKind =
  'user' | 'role' | 'account' | 'service' | 'federated' | 'anyone' | 'external';

/** One principal of a who-can answer. */
export interface WhoCanEntry {
  /** The principal's ARN; an account's root ARN, a service name, a provider ARN, or `*` for anyone. */
  readonly arn: string;
  readonly kind: AccessPrincipalKind;
  readonly decision: 'allowed' | 'conditional';
  readonly conditions: readonly RequiredCondition[];
  /** True for principals outside the snapshot, named by a resource policy: their own account's policies must allow as well. */
  readonly external: boolean;
  /** How access is granted: through identity policies, or a resource policy on its own. */
  readonly via: 'identity' | 'resource';
}

/** A who-can question. */
export interface WhoCanQuery {
  readonly action: string;
  readonly resource: string;
  readonly context?: QueryContext;
  /** Missing context keys are simply absent (as AWS treats them); only `allowed` is listed. */
  readonly strict?: boolean;
}

/** A who-can answer. */
export interface WhoCanResult {
  readonly action: string;
  readonly resource: string;
  readonly principals: readonly WhoCanEntry[];
  /** How many snapshot principals were fully evaluated (the rest were excluded by bitsets). */
  readonly evaluated: number;
}

/** One statement limiting a what-can group: its label, resources and conditions. */
export interface StatementLimit {
  /** `<policy label>.Statement[i]`. */
  readonly statement: string;
  readonly layer: 'identity' | 'boundary' | 'scp' | 'resource';
  readonly effect: 'Allow' | 'Deny';
  /** Resource patterns (`Resource`), or those excluded (`notResource`). */
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** Condition keys the statement tests (operator → key), empty when unconditional. */
  readonly conditions: readonly {
    readonly operator: string;
    readonly key: string;
    readonly values: readonly string[];
  }[];
}

/** Actions of one service and access level that share the same limiting statements. */
export interface WhatCanGroup {
  readonly actions: readonly string[];
  /** Identity Allow statements granting these actions. */
  readonly grants: readonly StatementLimit[];
  /** Statements that deny or restrict them on some resources or conditions (Deny anywhere; boundary and SCP allows that are not unconditional on `*`). */
  readonly limits: readonly StatementLimit[];
}

/** A what-can answer for one principal. */
export interface WhatCanResult {
  readonly principal: string;
  /** Number of catalogue actions the principal may perform on some resource. */
  readonly actionCount: number;
  readonly services: readonly {
    readonly service: string;
    readonly levels: readonly { readonly level: AccessLevelName; readonly groups: readonly WhatCanGroup[] }[];
  }[];
  /** Access granted by resource policies of the snapshot naming the principal (independent of its identity policies). */
  readonly viaResourcePolicies: readonly {
    readonly resource: string;
    readonly statement: string;
    readonly actions: readonly string[];
    readonly conditional: boolean;
  }[];
}

/** Access level of an action, as the Service Authorization Reference names it (the catalogue's `AccessLevel`). */
export type AccessLevelName = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** A decision of `can`, re-exported for convenience. */
export type AccessDecision = Decision;
