// Findings of the audit rules and the rule interface: plain readonly data plus the severity
// order. Imports only core/model types.
import type { Snapshot } from './snapshot';
import type { EscalationPath } from './graph';
import type { Diagnostic } from './diagnostic';

/** How serious a finding is, worst first. */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Every severity, worst first. */
export const SEVERITIES: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Rank of a severity: 0 for critical … 4 for info. */
export function severityRank(s: FindingSeverity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `value` names a severity. */
export function isSeverity(value: string): value is FindingSeverity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** A policy statement quoted as evidence: which policy, which statement. */
export interface EvidenceStatement {
  /** The policy's name (inline policy name, managed policy name, `trust policy`, `resource policy`). */
  readonly policy: string;
  /** The managed policy's ARN, or the ARN of the entity holding the policy (role of a trust policy, resource of a resource policy). */
  readonly policyArn?: string;
  /** `inline`, `managed`, `trust`, `resource`, `boundary`. */
  readonly policyKind: 'inline' | 'managed' | 'trust' | 'resource' | 'boundary';
  /** The identity the inline policy is embedded in, or the managed policy is attached to. */
  readonly attachedTo?: string;
  /** 0-based index of the statement in the document. */
  readonly statementIndex: number;
  readonly sid?: string;
  /** The statement, as normalised JSON text. */
  readonly text: string;
}

/** One step of an escalation path, as evidence. */
export interface EvidenceStep {
  readonly from: string;
  readonly to: string;
  readonly method: string;
  readonly permissions: readonly string[];
  readonly conditional: boolean;
  readonly prerequisites: readonly string[];
}

/** A value quoted as evidence (a credential report cell, a password policy setting…). */
export type EvidenceValue = string | number | boolean | null | readonly string[];

/** What a finding rests on: statements, path steps and values. */
export interface FindingEvidence {
  readonly statements: readonly EvidenceStatement[];
  readonly steps: readonly EvidenceStep[];
  /** Named values, in a stable order. */
  readonly values: readonly (readonly [string, EvidenceValue])[];
}

/** One finding of one rule about one subject. */
export interface Finding {
  /** Stable per rule and subject: the same account gives the same id in every run. */
  readonly id: string;
  readonly rule: string;
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly principal?: string;
  readonly resource?: string;
  readonly evidence: FindingEvidence;
  readonly remediation: string;
}

/** Counts of findings per severity. */
export type FindingSummary = Readonly<Record<FindingSeverity, number>>;

/** Admins and escalation paths from the escalation graph (core/graph), as the rules read them. */
export interface EscalationInput {
  /** Every admin: full administrators and shadow admins. */
  readonly admins: readonly string[];
  /** Admins whose effective permissions allow everything (the others are shadow admins). */
  readonly fullAdmins: readonly string[];
  /** The shortest path of each principal to admin. */
  readonly paths: readonly EscalationPath[];
}

/** What a rule reads. */
export interface RuleContext {
  readonly snapshot: Snapshot;
  /** The snapshot's `collectedAt` as epoch milliseconds; undefined when absent or unreadable (age rules then stay silent). */
  readonly collectedAtMs: number | undefined;
  /** Admins and paths, when the escalation graph was computed. */
  readonly escalation: EscalationInput | undefined;
  /** Warnings of the import (a truncated page, a malformed policy version…), when the caller gives them. */
  readonly importWarnings: readonly Diagnostic[];
}

/** A finding rule: a stable id, its default severity, its documentation and its check. */
export interface Rule {
  /** Stable dotted id, e.g. `trust.principal.wildcard`. */
  readonly id: string;
  readonly title: string;
  /** Default severity (a finding may say less, e.g. a conditional path). */
  readonly severity: FindingSeverity;
  /** What the rule checks, in one or two sentences. */
  readonly description: string;
  readonly remediation: string;
  /** AWS documentation the rule follows: section title and URL. */
  readonly docs: readonly { readonly title: string; readonly url: string }[];
  /** Runs the rule over a snapshot. */
  run(ctx: RuleContext): Finding[];
}
