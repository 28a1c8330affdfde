// Triage carried from one analysed snapshot to a later one of the same account, with core's
// carryOverTriage, and the principals recreated between them (core's structural diff) excluded.
// Loads core: imported only by workers (renderer/features/findings/effective-triage.ts).
import { carryOverTriage, diffSnapshots, parseSnapshotText, type Finding, type Snapshot, type TriageDecision } from '../../core/index';

/** What carrying reads of a finding: its id, rule and subject (core's `findingMatchKey` and id). */
export type FindingKey = Pick<Finding, 'id' | 'rule' | 'principal' | 'resource'>;

/** The snapshot of a stored bundle, or `undefined` when it does not parse. */
export function parseBundle(bundle: string): Snapshot | undefined {
  const parsed = parseSnapshotText('stored snapshot', bundle);
  return parsed.kind === 'ok' ? parsed.snapshot : undefined;
}

/**
 * ARNs of the principals recreated between `old` and `next` (same ARN, new unique id: core's
 * `principal-recreated` change), from the structural diff only (no access, findings or paths).
 */
export function recreatedPrincipals(old: Snapshot, next: Snapshot): string[] {
  const result = diffSnapshots(old, next, { access: false, findings: false, escalation: false });
  if (result.kind !== 'ok') return [];
  const out: string[] = [];
  for (const c of result.diff.changes) if (c.kind === 'principal-recreated') out.push(c.arn);
  return out;
}

/**
 * Core's `carryOverTriage` over finding keys: it reads only each finding's id, rule, principal and
 * resource, so the UI thread sends those rather than whole findings with their evidence.
 */
export function carryDecisions(
  oldFindings: readonly FindingKey[],
  oldDecisions: readonly TriageDecision[],
  newFindings: readonly FindingKey[],
  recreated: Iterable<string> = [],
): TriageDecision[] {
  return carryOverTriage(
    oldFindings as readonly Finding[],
    oldDecisions,
    newFindings as readonly Finding[],
    { recreated },
  );
}
