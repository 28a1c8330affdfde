// The comparison's worker: reads both stored bundles (and, for findings, both cached analyses) from
// the library here, so the UI thread never holds nor clones them, opens them in an engine of its
// own (renderer/worker/engine.ts) and runs its `compare`. Exposed through comlink; one pair of
// snapshots per worker, ended by terminating it.
import { expose } from 'comlink';
import { openDatabase, type AriadneDb } from '../../db/database';
import { cachedAnalysis, getBundle, getSnapshot } from '../../db/library';
import { createEngine } from '../../worker/engine';
import type { CompareAnalysis, CompareOutcome, CompareRequest } from '../../worker/types';

/** How long to wait for the analysis runner to store a fresh analysis in the cache. */
const CACHE_WAIT_MS = 10_000;
const CACHE_POLL_MS = 250;

/** The parts of a cached analysis a comparison takes, when the entry has their shape. */
function analysisPart(value: unknown): CompareAnalysis | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<Record<keyof CompareAnalysis, unknown>>;
  if (
    !Array.isArray(v.findings) ||
    !Array.isArray(v.paths) ||
    !Array.isArray(v.admins) ||
    !Array.isArray(v.fullAdmins)
  )
    return undefined;
  return {
    findings: v.findings,
    paths: v.paths,
    admins: v.admins,
    fullAdmins: v.fullAdmins,
  } as CompareAnalysis;
}

async function cachedPart(
  db: AriadneDb,
  id: string,
  engineVersion: string,
): Promise<CompareAnalysis | undefined> {
  const record = await getSnapshot(db, id);
  if (!record) return undefined;
  return analysisPart((await cachedAnalysis(db, record.hash, engineVersion))?.result);
}

const engine = createEngine();
let pair: { oldId: string; newId: string } | undefined;

const api = {
  /** Reads snapshots `oldId` and `newId` from library database `dbName` and opens them. */
  async open(
    dbName: string,
    oldId: string,
    newId: string,
  ): Promise<{ kind: 'ok' } | { kind: 'error'; message: string }> {
    const db = openDatabase(dbName);
    try {
      for (const [id, which] of [
        [oldId, 'older'],
        [newId, 'newer'],
      ] as const) {
        const bundle = await getBundle(db, id);
        if (bundle === undefined)
          return { kind: 'error', message: `the ${which} snapshot's data is missing from the library` };
        const opened = await engine.open(id, bundle);
        if (opened.kind === 'error')
          return { kind: 'error', message: `the ${which} snapshot: ${opened.message}` };
      }
    } finally {
      db.close();
    }
    pair = { oldId, newId };
    return { kind: 'ok' };
  },

  /**
   * Compares the findings and escalation paths of the opened pair from both snapshots' analyses in
   * the library's cache (waiting a little for a fresh one to be stored); `uncached` when they are not
   * there, and the caller sends them instead.
   */
  async compareCachedFindings(dbName: string): Promise<CompareOutcome | { kind: 'uncached' }> {
    if (!pair) return { kind: 'error', message: 'compare: the snapshots are not open' };
    const { oldId, newId } = pair;
    const version = engine.engineVersion();
    const db = openDatabase(dbName);
    try {
      for (let waited = 0; waited <= CACHE_WAIT_MS; waited += CACHE_POLL_MS) {
        const [a, b] = await Promise.all([cachedPart(db, oldId, version), cachedPart(db, newId, version)]);
        if (a && b) return engine.compare(oldId, newId, { access: false, analyses: { old: a, new: b } });
        await new Promise((ok) => setTimeout(ok, CACHE_POLL_MS));
      }
      return { kind: 'uncached' };
    } finally {
      db.close();
    }
  },

  /** Compares the opened pair (see the engine's `compare`). */
  compare(request: CompareRequest): CompareOutcome {
    if (!pair) return { kind: 'error', message: 'compare: the snapshots are not open' };
    return engine.compare(pair.oldId, pair.newId, request);
  },
};

/** The comparison worker's API as the UI sees it. */
export type CompareWorkerApi = typeof api;

expose(api);
