// React hooks over the database (dexie-react-hooks), so views re-render when the library changes.
import { useLiveQuery } from 'dexie-react-hooks';
import type { AriadneDb, SnapshotRecord } from './database';

/** The library's snapshots, newest first; `undefined` while loading. */
export function useLibrary(db: AriadneDb): SnapshotRecord[] | undefined {
  return useLiveQuery(() => db.snapshots.orderBy('importedAt').reverse().toArray(), [db]);
}

/** One snapshot's metadata; `undefined` while loading, `null` when absent. */
export function useSnapshotRecord(db: AriadneDb, id: string): SnapshotRecord | null | undefined {
  return useLiveQuery(async () => (await db.snapshots.get(id)) ?? null, [db, id]);
}
