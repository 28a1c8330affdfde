// The triage a snapshot inherits from earlier snapshots of its account: walking them oldest first,
// each one with a cached analysis and triage takes its own records and what it carried from the one
// before (core's carryOverTriage, principals recreated in between excluded), so Jan → Feb → Mar
// chains. Runs in workers only (the analysis runner, the report worker): it loads core through
// renderer/worker/triage-carry.ts and reads whole analyses from the library.
import type { Snapshot, TriageDecision } from '../../../core/index';
import type { AriadneDb, SnapshotRecord, TriageRecord } from '../../db/database';
import { cachedAnalysis, earlierSnapshots, getBundle, getSnapshot, snapshotTime, snapshotsWithTriage, triageOf } from '../../db/library';
import { carryDecisions, parseBundle, recreatedPrincipals, type FindingKey } from '../../worker/triage-carry';
import { isAnalysis } from './analysis-slices';
import { effectiveTriage, findingKeys, type CarriedTriage, type CarrySource } from './triage-effective';

/** A snapshot whose effective triage can be carried on: its findings and decisions, and where each decision was made. */
interface Carrier {
  record: SnapshotRecord;
  findings: FindingKey[];
  decisions: TriageDecision[];
  /** Finding id → where its decision was made, its note and time. */
  origins: Map<string, Omit<CarriedTriage, 'findingId' | 'status'>>;
}

function sourceOf(record: SnapshotRecord, findingId: string): CarrySource {
  const at = snapshotTime(record);
  return {
    snapshotId: record.id,
    label: record.label,
    at: Number.isNaN(at) ? record.importedAt : new Date(at).toISOString(),
    findingId,
  };
}

/** Parsed bundles, at most the two a step compares. */
class Bundles {
  private readonly parsed = new Map<string, Snapshot | null>();
  constructor(private readonly db: AriadneDb) {}
  async get(id: string): Promise<Snapshot | undefined> {
    let s = this.parsed.get(id);
    if (s === undefined) {
      const text = await getBundle(this.db, id);
      s = (text === undefined ? undefined : parseBundle(text)) ?? null;
      this.parsed.set(id, s);
      for (const key of this.parsed.keys()) if (this.parsed.size > 2 && key !== id) this.parsed.delete(key);
    }
    return s ?? undefined;
  }
}

/** The decisions of `from` carried to `findings` of `to`, with where each was made. */
async function carryStep(
  from: Carrier,
  to: SnapshotRecord,
  findings: readonly FindingKey[],
  bundles: Bundles,
): Promise<CarriedTriage[]> {
  let decisions = carryDecisions(from.findings, from.decisions, findings);
  if (decisions.length === 0) return [];
  // Principals recreated in between (same ARN, new unique id) are new principals to AWS: only
  // worth parsing both bundles for when something would carry.
  const [a, b] = [await bundles.get(from.record.id), await bundles.get(to.id)];
  const recreated = a && b ? recreatedPrincipals(a, b) : [];
  if (recreated.length) decisions = carryDecisions(from.findings, from.decisions, findings, recreated);
  const out: CarriedTriage[] = [];
  for (const d of decisions) {
    const origin = d.carriedFrom === undefined ? undefined : from.origins.get(d.carriedFrom);
    if (!origin || (d.status !== 'accepted-risk' && d.status !== 'false-positive')) continue;
    out.push({ ...origin, findingId: d.findingId, status: d.status });
  }
  return out;
}

function carrierOf(record: SnapshotRecord, findings: FindingKey[], own: readonly TriageRecord[], carried: readonly CarriedTriage[]): Carrier | undefined {
  const effective = effectiveTriage(own, carried);
  if (effective.size === 0) return undefined;
  const decisions: TriageDecision[] = [];
  const origins: Carrier['origins'] = new Map();
  for (const [findingId, t] of effective) {
    if (t.kind === 'own') {
      const r = t.record;
      decisions.push({ findingId, status: r.status, justification: r.note, updatedAt: r.updatedAt });
      origins.set(findingId, { note: r.note, updatedAt: r.updatedAt, from: sourceOf(record, findingId) });
    } else {
      const c = t.carried;
      decisions.push({ findingId, status: c.status, justification: c.note, ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}) });
      origins.set(findingId, { note: c.note, ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}), from: c.from });
    }
  }
  return { record, findings, decisions, origins };
}

/**
 * The decisions carried to the findings (`findings`: their keys) of snapshot `snapshotId` from the
 * most recent earlier snapshot of its account with an analysis cached under `engineVersion` and an
 * effective triage (its own records, or what it carried itself). Every carried finding is listed,
 * own records of `snapshotId` included: `effectiveTriage` lets those win.
 */
export async function carriedTriage(
  db: AriadneDb,
  snapshotId: string,
  engineVersion: string,
  findings: readonly FindingKey[],
): Promise<CarriedTriage[]> {
  const record = await getSnapshot(db, snapshotId);
  if (!record) return [];
  const earlier = await earlierSnapshots(db, record);
  const triaged = await snapshotsWithTriage(
    db,
    earlier.map((s) => s.id),
  );
  const first = earlier.findIndex((s) => triaged.has(s.id));
  if (first < 0) return [];
  const bundles = new Bundles(db);
  let carrier: Carrier | undefined;
  for (const step of earlier.slice(first)) {
    const hit = await cachedAnalysis(db, step.hash, engineVersion);
    if (!hit || !isAnalysis(hit.result)) continue;
    const keys = findingKeys(hit.result.findings);
    const own = triaged.has(step.id) ? await triageOf(db, step.id) : [];
    const carried = carrier ? await carryStep(carrier, step, keys, bundles) : [];
    carrier = carrierOf(step, keys, own, carried) ?? carrier;
  }
  return carrier ? carryStep(carrier, record, findings, bundles) : [];
}
