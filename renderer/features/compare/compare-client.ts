// The UI side of the comparison's own worker (compare.worker.ts): a long comparison neither blocks
// nor evicts the snapshots the other views have open in the engine worker, and leaving the view
// ends it by terminating that worker. No core imports.
import { wrap } from 'comlink';
import type { CompareOutcome, CompareRequest } from '../../worker/types';
import type { CompareWorkerApi } from './compare.worker';

/** A worker holding two opened snapshots that compares them on request. */
export interface CompareSession {
  /** Reads both snapshots from library database `dbName` and opens them; an error names the one that failed. */
  open(
    dbName: string,
    oldId: string,
    newId: string,
  ): Promise<{ kind: 'ok' } | { kind: 'error'; message: string }>;
  compare(request: CompareRequest): Promise<CompareOutcome>;
  /** Findings and paths from both analyses in library database `dbName`'s cache; `uncached` when absent. */
  compareCachedFindings(dbName: string): Promise<CompareOutcome | { kind: 'uncached' }>;
  /** Ends the worker; pending calls never settle. */
  dispose(): void;
}

/** Starts a comparison worker. */
export function startCompareSession(): CompareSession {
  const worker = new Worker(new URL('./compare.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ariadne-compare',
  });
  const remote = wrap<CompareWorkerApi>(worker);
  return {
    open: (dbName, oldId, newId) => remote.open(dbName, oldId, newId),
    compare: (request) => remote.compare(request),
    compareCachedFindings: (dbName) => remote.compareCachedFindings(dbName),
    dispose: () => worker.terminate(),
  };
}
