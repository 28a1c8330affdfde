// What every report carries as audit evidence (tool, snapshot hash, collected-at, rule-set
// version) and the triage state of findings. Pure: imports only core/model and core/analyze.
import type { Finding } from '../model/finding';
import type { AnalysisResult } from '../analyze/index';
import type { EscalationInput } from '../model/finding';

/** Where a finding stands in review. `open` until someone triages it. */
export type TriageState = 'open' | 'confirmed' | 'accepted-risk' | 'false-positive' | 'resolved';

/** Every triage state. */
export const TRIAGE_STATES: readonly TriageState[] = [
  'open',
  'confirmed',
  'accepted-risk',
  'false-positive',
  'resolved',
];

/** A finding's triage: its state and why. */
export interface Triage {
  readonly state: TriageState;
  readonly justification?: string;
}

/** The evidence block every report starts with. */
export interface ReportMeta {
  readonly tool: { readonly name: string; readonly version: string };
  readonly snapshot: {
    readonly account: string;
    /** SHA-256 (hex) of the input bytes, computed outside core (main/ or cli/). */
    readonly sha256: string;
    readonly collectedAt: string | null;
  };
  readonly rulesetVersion: string;
}

/** What a report writer needs. */
export interface ReportInput {
  readonly meta: ReportMeta;
  readonly analysis: AnalysisResult;
  /** Finding id → triage; a finding without an entry is `open`. */
  readonly triage?: ReadonlyMap<string, Triage>;
  /** Admins and paths, for the per-principal CSV. */
  readonly escalation?: EscalationInput;
}

const OPEN: Triage = Object.freeze({ state: 'open' });

/** The triage of a finding (default `open`). */
export function triageOf(input: ReportInput, f: Finding): Triage {
  return input.triage?.get(f.id) ?? OPEN;
}

/** Evidence values as a JSON object, in their order. */
export function valuesObject(f: Finding): Record<string, unknown> {
  return Object.fromEntries(f.evidence.values.map(([k, v]) => [k, v]));
}
