// Requests, policy sets, decisions and explanations of the evaluation engine. Plain readonly data;
// imports only core/model.
import type { ContextValue } from './context';
import type { PolicyDocument } from './policy';

/** The anonymous (unauthenticated) principal. */
export interface AnonymousPrincipal {
  readonly type: 'Anonymous';
}

/** Who makes a request: an ARN (user, role, assumed-role or federated-user session, root), a service principal name, or anonymous. */
export type RequestPrincipal = string | AnonymousPrincipal;

/** One request to evaluate (SPEC.md "Simulation cases", `request`). */
export interface SimulationRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  /** Owner of the resource; drives the cross-account logic. Defaults to the ARN's account, else the principal's. */
  readonly resourceAccount?: string;
  readonly context?: { readonly [key: string]: ContextValue };
}

/** One level of an organisation path (root first, account last) with the policies attached there. */
export interface OrganizationLevel {
  readonly orgIdentifier: string;
  readonly policies: readonly PolicyDocument[];
}

/** Every policy that applies to one request (SPEC.md "Simulation cases", `policies`). */
export interface PolicySet {
  readonly identity: readonly PolicyDocument[];
  readonly resource: PolicyDocument | null;
  /** SCP levels of the principal's account; null = not governed by SCPs. */
  readonly scp: readonly OrganizationLevel[] | null;
  /** RCP levels of the resource's account; null = not governed by RCPs. */
  readonly rcp: readonly OrganizationLevel[] | null;
  readonly boundary: readonly PolicyDocument[] | null;
  readonly session: PolicyDocument | null;
  readonly endpoint: readonly PolicyDocument[] | null;
  /** The organisation's management account: SCPs and RCPs do not apply to it. */
  readonly managementAccountId?: string;
}

/** The decision, spelled as `SimulatePrincipalPolicy` spells `EvalDecision`. */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The kinds of policy the engine evaluates. */
export type PolicyKind = 'identity' | 'resource' | 'boundary' | 'session' | 'endpoint' | 'scp' | 'rcp';

/** The layer that lacked an allow in an implicit deny. */
export type DeniedBy = PolicyKind | 'crossAccount';

/** The principal as the engine understood it. */
export type PrincipalInfo =
  | { readonly kind: 'user'; readonly arn: string; readonly account: string; readonly partition: string; readonly name: string }
  | { readonly kind: 'role'; readonly arn: string; readonly account: string; readonly partition: string; readonly name: string }
  | {
      readonly kind: 'assumedRole';
      readonly arn: string;
      readonly account: string;
      readonly partition: string;
      readonly roleName: string;
      readonly sessionName: string;
      /** The role's ARN (`arn:aws:iam::<account>:role/<name>`, without its path, which the session ARN does not show). */
      readonly roleArn: string;
    }
  | { readonly kind: 'federatedUser'; readonly arn: string; readonly account: string; readonly partition: string; readonly name: string }
  | { readonly kind: 'root'; readonly arn: string; readonly account: string; readonly partition: string }
  | { readonly kind: 'service'; readonly name: string }
  | { readonly kind: 'federated'; readonly provider: string }
  | { readonly kind: 'anonymous' };

/** The element of a statement that failed to match. */
export type FailedElement = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal' | 'Condition';

/** Context key trace of one condition, as the conditions module reports it. */
export interface ConditionCheck {
  readonly operator: string;
  readonly key: string;
  readonly policyValues: readonly string[];
  readonly requestValue: ContextValue | undefined;
  readonly matched: boolean;
  readonly missing: boolean;
}

/** Whether one statement applied to the request, and if not, which element failed. */
export type StatementOutcome =
  | { readonly kind: 'matched'; readonly conditions: readonly ConditionCheck[] }
  | { readonly kind: 'notMatched'; readonly element: Exclude<FailedElement, 'Condition'>; readonly missingVariables: readonly string[] }
  | { readonly kind: 'conditionFailed'; readonly conditions: readonly ConditionCheck[]; readonly missingKeys: readonly string[] };

/** One statement's result: `identity[0].Statement[1]`-style id, its Sid and Effect. */
export interface StatementResult {
  readonly id: string;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly outcome: StatementOutcome;
}

/** How the resource policy's matching Allow named the principal (AWS treats these differently). */
export type PrincipalGrant = 'exact' | 'session' | 'role' | 'account' | 'wildcard' | 'service' | 'federated' | 'none';

/** The verdict of one policy kind for this request. */
export type LayerVerdict =
  /** The kind does not apply (no such policy, or the request is exempt); `reason` says which. */
  | { readonly kind: 'notApplicable'; readonly reason: string }
  | { readonly kind: 'allow' }
  | { readonly kind: 'explicitDeny' }
  /** No Allow matched (for SCP/RCP: at least one level had none; `levels` names them). */
  | { readonly kind: 'noAllow'; readonly levels?: readonly string[] };

/** The result of one policy kind: its verdict and every statement evaluated. */
export interface LayerResult {
  readonly kind: PolicyKind;
  readonly verdict: LayerVerdict;
  readonly statements: readonly StatementResult[];
}

/** Why the request was decided as it was. Returned as data; the CLI prints it. */
export interface Explanation {
  readonly principal: PrincipalInfo;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string | undefined;
  readonly crossAccount: boolean;
  /** Statements that decided: the matching Deny statements, or the Allow statements each required layer needed. */
  readonly deciding: readonly string[];
  /** For an implicit deny: the layer that lacked an allow. */
  readonly deniedBy: DeniedBy | null;
  /** How a matching resource-policy Allow named the principal (`none` when none matched). */
  readonly resourceGrant: PrincipalGrant;
  /** Context keys and policy variables the request did not give that the outcome depended on. */
  readonly missingKeys: readonly string[];
  /** Context keys the engine filled from the principal and resource. */
  readonly derivedKeys: { readonly [key: string]: ContextValue };
  readonly layers: readonly LayerResult[];
}

/** A decision with its explanation. */
export interface EvaluationResult {
  readonly decision: Decision;
  readonly explain: Explanation;
}
