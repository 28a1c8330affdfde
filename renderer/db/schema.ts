// The IndexedDB schema of the renderer's storage, one entry per version with its upgrade. Dexie
// applies them in order; test/renderer/db-upgrade.test.ts opens every earlier version and upgrades.
import type { Transaction } from 'dexie';

/** One schema version: Dexie store declarations and the upgrade from the version before. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** The database's name. */
export const DB_NAME = 'ariadne';

/** Every schema version, oldest first. Never edit a shipped entry: add a new one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    // 1: the snapshot library (metadata) and the bundles, apart so listing stays cheap.
    version: 1,
    stores: { snapshots: 'id, account, importedAt', snapshotData: 'id' },
  },
  {
    // 2: user labels and tags, triage per finding, settings.
    version: 2,
    stores: { snapshots: 'id, account, importedAt, *tags, hash', triage: '[snapshotId+findingId], snapshotId, status', settings: 'key' },
    upgrade: async (tx) => {
      await tx
        .table('snapshots')
        .toCollection()
        .modify((s: Record<string, unknown>) => {
          if (!Array.isArray(s['tags'])) s['tags'] = [];
          if (typeof s['label'] !== 'string') s['label'] = typeof s['alias'] === 'string' ? s['alias'] : String(s['account'] ?? 'snapshot');
          if (typeof s['hash'] !== 'string') s['hash'] = '';
        });
    },
  },
  {
    // 3: analysis results cached by snapshot hash and engine version.
    version: 3,
    stores: { analysis: '[hash+engineVersion], hash' },
    upgrade: async (tx) => {
      // Snapshots imported before version 2 have no hash: they get their id, so cache keys stay unique.
      await tx
        .table('snapshots')
        .toCollection()
        .modify((s: Record<string, unknown>) => {
          if (s['hash'] === '') s['hash'] = `id:${String(s['id'])}`;
        });
    },
  },
];

/** The current schema version. */
export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
