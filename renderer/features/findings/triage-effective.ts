// The effective triage of a snapshot's findings: its own records, else the decision carried from an
// earlier snapshot of the same account (triage-carry.ts computes those in a worker). Pure data
// helpers shared by the UI thread and the workers: no core, React or Dexie at run time.
import type { TriageRecord } from '../../db/database';
import type { FindingKey } from '../../worker/triage-carry';

/** The keys carrying reads of findings (whole findings carry their evidence, too much to send). */
export function findingKeys(findings: readonly FindingKey[]): FindingKey[] {
  return findings.map((f) => ({
    id: f.id,
    rule: f.rule,
    ...(f.principal === undefined ? {} : { principal: f.principal }),
    ...(f.resource === undefined ? {} : { resource: f.resource }),
  }));
}

/** The snapshot a carried decision was made on, and the id the finding had there. */
export interface CarrySource {
  snapshotId: string;
  /** The snapshot's name in the library. */
  label: string;
  /** When that snapshot was taken: its collected-at, else its import time (ISO). */
  at: string;
  findingId: string;
}

/** A decision carried to a finding of a later snapshot (only these two states carry). */
export interface CarriedTriage {
  findingId: string;
  status: 'accepted-risk' | 'false-positive';
  /** The justification written where the decision was made. */
  note: string;
  /** When the decision was made (ISO), when known. */
  updatedAt?: string;
  /** Where it was made: through a chain (Jan → Feb → Mar), the snapshot of the record itself. */
  from: CarrySource;
}

/** A finding's effective triage: its own record, or a carried decision. */
export type EffectiveTriage = { kind: 'own'; record: TriageRecord } | { kind: 'carried'; carried: CarriedTriage };

/** The effective triage by finding id: own records win over carried decisions. */
export function effectiveTriage(
  own: Iterable<TriageRecord>,
  carried: Iterable<CarriedTriage>,
): Map<string, EffectiveTriage> {
  const out = new Map<string, EffectiveTriage>();
  for (const c of carried) if (!out.has(c.findingId)) out.set(c.findingId, { kind: 'carried', carried: c });
  for (const record of own) out.set(record.findingId, { kind: 'own', record });
  return out;
}

/** The day a snapshot was taken (YYYY-MM-DD), as the library and the comparison show it. */
export function sourceDay(at: string): string {
  return at.slice(0, 10);
}

/** "carried from <name>, <day>": where a carried decision comes from. */
export function carriedFromText(c: CarriedTriage): string {
  return `carried from ${c.from.label}, ${sourceDay(c.from.at)}`;
}

/**
 * The records a report takes for snapshot `snapshotId`: its own records, and each carried decision
 * of a finding without one, its note followed by where it was carried from.
 */
export function reportRecords(
  snapshotId: string,
  own: readonly TriageRecord[],
  carried: readonly CarriedTriage[],
): TriageRecord[] {
  const out: TriageRecord[] = [];
  for (const t of effectiveTriage(own, carried).values()) {
    if (t.kind === 'own') {
      out.push(t.record);
      continue;
    }
    const c = t.carried;
    const note = c.note.trim();
    out.push({
      snapshotId,
      findingId: c.findingId,
      status: c.status,
      note: note ? `${note} (${carriedFromText(c)})` : carriedFromText(c),
      updatedAt: c.updatedAt ?? '',
    });
  }
  return out;
}
