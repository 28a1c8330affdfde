// The renderer's database (Dexie over IndexedDB): record types and the opened database.
// The only folder that imports dexie; views call the functions of renderer/db/library.ts.
import { Dexie, type Table } from 'dexie';
import type { SnapshotMeta } from '../worker/types';
import { DB_NAME, SCHEMA_VERSIONS } from './schema';

/** A snapshot in the library (metadata only; the bundle is in `snapshotData`). */
export interface SnapshotRecord extends SnapshotMeta {
  id: string;
  /** SHA-256 of the stored bundle. */
  hash: string;
  /** The name the user sees; starts as the alias or the account id. */
  label: string;
  tags: string[];
  /** ISO time of the import. */
  importedAt: string;
  /** Size of the stored bundle, in characters. */
  size: number;
}

/** A stored bundle. */
export interface SnapshotDataRecord {
  id: string;
  bundle: string;
}

/** The triage states of a finding. */
export type TriageStatus = 'open' | 'accepted-risk' | 'false-positive' | 'fixed';

/** Triage of one finding of one snapshot. */
export interface TriageRecord {
  snapshotId: string;
  findingId: string;
  status: TriageStatus;
  note: string;
  updatedAt: string;
}

/** A cached analysis result. */
export interface AnalysisRecord {
  hash: string;
  engineVersion: string;
  createdAt: string;
  result: unknown;
}

/** A setting (first-run flag, theme). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** The typed database. */
export type AriadneDb = Dexie & {
  snapshots: Table<SnapshotRecord, string>;
  snapshotData: Table<SnapshotDataRecord, string>;
  triage: Table<TriageRecord, [string, string]>;
  analysis: Table<AnalysisRecord, [string, string]>;
  settings: Table<SettingRecord, string>;
};

/** Opens (creating or upgrading) the database, up to `upTo` versions (tests open older ones). */
export function openDatabase(name = DB_NAME, upTo = SCHEMA_VERSIONS.length): AriadneDb {
  const db = new Dexie(name) as AriadneDb;
  for (const v of SCHEMA_VERSIONS.slice(0, upTo)) {
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  return db;
}
