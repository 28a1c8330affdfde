// Plain data of the Query view that the engine worker sends to the UI: can questions and answers,
// picker options, action suggestions, any policy document by key. Types only (core types by `import type`).
import type { ContextValue, Decision, Explanation } from '../../core/index';

/** A user or role the principal picker offers. */
export interface PickablePrincipal {
  arn: string;
  name: string;
  kind: 'user' | 'role';
  path: string;
}

/** What the query forms offer: principals and known resource ARNs. */
export interface QueryOptions {
  principals: PickablePrincipal[];
  /** Roles, users and resources with a resource policy. */
  resources: string[];
}

/** A `can` question as the UI asks it. */
export interface CanRequest {
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

/** One policy an explanation names (`identity[0]`, `scp[1][2]`…). */
export interface ExplainedPolicy {
  /** The engine's policy id. */
  id: string;
  /** What it is, as a sentence fragment (`managed policy \`arn…\` via \`group\``). */
  label: string;
  /** Its Policy-view key, when the snapshot holds it. */
  key?: string;
}

/** The answer to a `can` question. */
export type CanOutcome =
  | {
      kind: 'ok';
      decision: Decision;
      explain: Explanation;
      /** Policies by engine id. */
      policies: Record<string, ExplainedPolicy>;
      /** The context evaluated: the snapshot's keys with the user's on top. */
      context: Record<string, ContextValue>;
      /** Keys the snapshot supplied (principal tags, ids). */
      snapshotKeys: string[];
      notes: string[];
    }
  | { kind: 'error'; message: string };

/** Any policy document of a snapshot, for the Policy view. */
export interface PolicySourceDetail {
  key: string;
  /** Short name (`lambda-prototyping`, `FullAWSAccess`, `trust policy`). */
  name: string;
  /** What kind of policy it is (`Inline policy`, `Service control policy`…). */
  kindLabel: string;
  /** Where it lives (owner entity, org level, resource). */
  where: string;
  /** The ARN of the entity it belongs to, for a link. */
  ownerArn?: string;
  text: string;
}

/** A who-can question as the UI asks it. */
export interface WhoCanRequest {
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
  strict: boolean;
}

/** Answers of who-can and what-can, with the Policy-view keys of the statements they name. */
export type AccessOutcome<T> = { kind: 'ok'; result: T; statementKeys: Record<string, { key: string; index: number }> } | { kind: 'error'; message: string };
