// The snapshot library, triage and analysis cache over the database: atomic imports, rename, tag,
// delete; storage errors (a full disk, a quota) come back as results and lose nothing stored.
import type { ImportedSnapshot } from '../worker/types';
import type { AnalysisRecord, AriadneDb, SnapshotRecord, TriageRecord, TriageStatus } from './database';

/** A storage operation's outcome. */
export type StoreResult<T> = { kind: 'ok'; value: T } | { kind: 'error'; reason: 'quota' | 'storage'; message: string };

function errorName(e: unknown): string {
  if (typeof e !== 'object' || e === null) return '';
  const name = 'name' in e ? String(e.name) : '';
  const inner = 'inner' in e && typeof e.inner === 'object' && e.inner !== null && 'name' in e.inner ? String(e.inner.name) : '';
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError' ? 'QuotaExceededError' : name || inner;
}

/** Classifies a storage exception as a one-line result. */
export function storageError(where: string, e: unknown): StoreResult<never> {
  if (errorName(e) === 'QuotaExceededError') {
    return { kind: 'error', reason: 'quota', message: `${where}: the browser's storage is full: delete a snapshot and try again; nothing stored was lost` };
  }
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return { kind: 'error', reason: 'storage', message: `${where}: storage failed (${detail}); nothing stored was lost` };
}

async function guard<T>(where: string, run: () => Promise<T>): Promise<StoreResult<T>> {
  try {
    return { kind: 'ok', value: await run() };
  } catch (e) {
    return storageError(where, e);
  }
}

function newId(): string {
  return crypto.randomUUID();
}

/** Stores an imported snapshot and its bundle in one transaction: both or neither. */
export function importSnapshot(db: AriadneDb, imported: ImportedSnapshot, tags: string[] = []): Promise<StoreResult<SnapshotRecord>> {
  return guard('import', () =>
    db.transaction('rw', db.snapshots, db.snapshotData, async () => {
      const id = newId();
      const record: SnapshotRecord = {
        ...imported.meta,
        id,
        hash: imported.hash,
        label: imported.meta.alias ?? (imported.meta.account || 'snapshot'),
        tags,
        importedAt: new Date().toISOString(),
        size: imported.bundle.length,
      };
      await db.snapshots.add(record);
      await db.snapshotData.add({ id, bundle: imported.bundle });
      return record;
    }),
  );
}

/** One snapshot's metadata. */
export function getSnapshot(db: AriadneDb, id: string): Promise<SnapshotRecord | undefined> {
  return db.snapshots.get(id);
}

/** The stored snapshot whose bundle has `hash`, if any. */
export function findByHash(db: AriadneDb, hash: string): Promise<SnapshotRecord | undefined> {
  return db.snapshots.where('hash').equals(hash).first();
}

/** One snapshot's bundle text. */
export async function getBundle(db: AriadneDb, id: string): Promise<string | undefined> {
  return (await db.snapshotData.get(id))?.bundle;
}

/** Renames a snapshot (the label; an empty name is refused). */
export function renameSnapshot(db: AriadneDb, id: string, label: string): Promise<StoreResult<void>> {
  const clean = label.trim();
  if (!clean) return Promise.resolve({ kind: 'error', reason: 'storage', message: 'rename: the name is empty' });
  return guard('rename', async () => {
    await db.snapshots.update(id, { label: clean.slice(0, 200) });
  });
}

/** Replaces a snapshot's tags (trimmed, unique, non-empty). */
export function tagSnapshot(db: AriadneDb, id: string, tags: readonly string[]): Promise<StoreResult<void>> {
  const clean = [...new Set(tags.map((t) => t.trim().slice(0, 60)).filter(Boolean))].slice(0, 30);
  return guard('tag', async () => {
    await db.snapshots.update(id, { tags: clean });
  });
}

/** Deletes a snapshot, its bundle and its triage in one transaction. */
export function deleteSnapshot(db: AriadneDb, id: string): Promise<StoreResult<void>> {
  return guard('delete', () =>
    db.transaction('rw', db.snapshots, db.snapshotData, db.triage, async () => {
      await db.snapshots.delete(id);
      await db.snapshotData.delete(id);
      await db.triage.where('snapshotId').equals(id).delete();
    }),
  );
}

/** Sets the triage of one finding. */
export function setTriage(db: AriadneDb, snapshotId: string, findingId: string, status: TriageStatus, note: string): Promise<StoreResult<TriageRecord>> {
  return guard('triage', async () => {
    const record: TriageRecord = { snapshotId, findingId, status, note: note.slice(0, 10_000), updatedAt: new Date().toISOString() };
    await db.triage.put(record);
    return record;
  });
}

/** Every triage record of a snapshot. */
export function triageOf(db: AriadneDb, snapshotId: string): Promise<TriageRecord[]> {
  return db.triage.where('snapshotId').equals(snapshotId).toArray();
}

/** When a snapshot was taken, in milliseconds: its collected-at, else its import time (NaN when neither reads). */
export function snapshotTime(record: Pick<SnapshotRecord, 'collectedAt' | 'importedAt'>): number {
  const collected = record.collectedAt === undefined ? Number.NaN : Date.parse(record.collectedAt);
  return Number.isNaN(collected) ? Date.parse(record.importedAt) : collected;
}

/**
 * The snapshots of `record`'s account taken strictly before it (by `snapshotTime`), oldest first;
 * none for a snapshot without an account id.
 */
export async function earlierSnapshots(db: AriadneDb, record: SnapshotRecord): Promise<SnapshotRecord[]> {
  if (!record.account) return [];
  const at = snapshotTime(record);
  if (Number.isNaN(at)) return [];
  const same = await db.snapshots.where('account').equals(record.account).toArray();
  return same
    .filter((s) => s.id !== record.id && snapshotTime(s) < at)
    .sort((a, b) => snapshotTime(a) - snapshotTime(b) || a.importedAt.localeCompare(b.importedAt));
}

/** The ids among `snapshotIds` that have at least one triage record. */
export async function snapshotsWithTriage(db: AriadneDb, snapshotIds: readonly string[]): Promise<Set<string>> {
  if (snapshotIds.length === 0) return new Set();
  const keys = await db.triage.where('snapshotId').anyOf([...snapshotIds]).keys();
  return new Set(keys.map((k) => String(k)));
}

/** A cached analysis for a snapshot hash and engine version. */
export async function cachedAnalysis(db: AriadneDb, hash: string, engineVersion: string): Promise<AnalysisRecord | undefined> {
  return db.analysis.get([hash, engineVersion]);
}

/** Caches an analysis result. */
export function cacheAnalysis(db: AriadneDb, hash: string, engineVersion: string, result: unknown): Promise<StoreResult<void>> {
  return guard('analysis cache', async () => {
    await db.analysis.put({ hash, engineVersion, createdAt: new Date().toISOString(), result });
  });
}

/** Reads a setting. */
export async function getSetting(db: AriadneDb, key: string): Promise<unknown> {
  return (await db.settings.get(key))?.value;
}

/** Writes a setting. */
export function setSetting(db: AriadneDb, key: string, value: unknown): Promise<StoreResult<void>> {
  return guard('settings', async () => {
    await db.settings.put({ key, value });
  });
}
