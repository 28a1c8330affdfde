// Builds a report from what the library holds: the snapshot's record (its hash), bundle, effective
// triage (its own records, else decisions carried from earlier snapshots of the account, their note
// saying from where) and cached analysis, read where this runs (the report worker), so the UI thread
// never clones an analysis. Imports renderer/db and the analysis and carry modules (which load core).
import type { AriadneDb } from '../../db/database';
import { cachedAnalysis, getBundle, getSnapshot, triageOf } from '../../db/library';
import { analyzeBundle, buildReport, type AnalysisData, type ReportFormat, type ReportOutcome } from '../../worker/analysis';
import { carriedTriage } from '../findings/triage-carry';
import { reportRecords } from '../findings/triage-effective';
import { reportTriage } from './formats';

/** What the report worker is asked for. */
export interface LibraryReportRequest {
  /** The library database's name (the UI's `services.db.name`). */
  dbName: string;
  snapshotId: string;
  format: ReportFormat;
  /** The application's version, the report's tool version. */
  toolVersion: string;
  /** The engine version analyses are cached under. */
  engineVersion: string;
}

function looksLikeAnalysis(value: unknown): value is AnalysisData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as AnalysisData).findings) &&
    Array.isArray((value as AnalysisData).paths) &&
    Array.isArray((value as AnalysisData).notes)
  );
}

/** Writes the report of snapshot `snapshotId` from `db`; runs the analysis when none is cached. */
export async function reportFromLibrary(
  db: AriadneDb,
  request: Omit<LibraryReportRequest, 'dbName'>,
): Promise<ReportOutcome> {
  const record = await getSnapshot(db, request.snapshotId);
  const bundle = record ? await getBundle(db, request.snapshotId) : undefined;
  if (!record || bundle === undefined)
    return { kind: 'error', message: 'report: the snapshot data is missing from the library' };
  const [records, cached] = await Promise.all([
    triageOf(db, request.snapshotId),
    cachedAnalysis(db, record.hash, request.engineVersion),
  ]);
  // The findings decisions are carried to: the cached analysis, else (none, or one cached before
  // it recorded the rules that ran, which buildReport would redo) the analysis run here, once.
  let analysis = cached && looksLikeAnalysis(cached.result) && cached.result.rulesRun ? cached.result : undefined;
  if (!analysis) {
    const fresh = analyzeBundle(bundle);
    if (fresh.kind === 'error') return { kind: 'error', message: `report: ${fresh.message}` };
    analysis = fresh.data;
  }
  const carried = await carriedTriage(db, request.snapshotId, request.engineVersion, analysis.findings);
  return buildReport({
    format: request.format,
    bundle,
    sha256: record.hash,
    analysis,
    triage: reportTriage(reportRecords(request.snapshotId, records, carried)),
    toolVersion: request.toolVersion,
  });
}
