// The analysis of a snapshot shared by the Overview, Findings and Graph views: read from the
// library's cache (snapshot hash + engine version) or run once in a worker of its own with progress,
// cancellable, then cached. In a browser the runner worker (analysis-runner.worker.ts) does all of
// it and sends the result in slices, so the UI thread never clones the whole result in one task;
// without workers (unit tests) the engine client runs it. No core imports (the workers run core).
import { useEffect, useSyncExternalStore } from 'react';
import type { Services } from '../../app/context';
import { cacheAnalysis, cachedAnalysis, getBundle, getSnapshot } from '../../db/library';
import type { AnalysisData } from '../../worker/analysis';
import type { Progress } from '../../worker/types';
import { addSlice, isAnalysis, type RunnerAck, type RunnerMessage, type RunnerRequest } from './analysis-slices';

/** Where the analysis of one snapshot stands. */
export type AnalysisState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress; cancel: () => void }
  | { kind: 'ok'; data: AnalysisData; cached: boolean }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

const states = new Map<string, AnalysisState>();
const listeners = new Set<() => void>();

function set(id: string, state: AnalysisState): void {
  states.set(id, state);
  for (const l of listeners) l();
}

/** Runs (or reads from the cache) the analysis of snapshot `id` in a runner worker. */
function startInWorker(services: Services, id: string): void {
  const worker = new Worker(new URL('./analysis-runner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ariadne-analysis-runner',
  });
  let done = false;
  const finish = (state: AnalysisState, keepWorker = false): void => {
    done = true;
    if (!keepWorker) worker.terminate();
    set(id, state);
  };
  const cancel = (): void => {
    if (!done) finish({ kind: 'cancelled' });
  };
  let result: { data: AnalysisData; cached: boolean } | undefined;
  set(id, { kind: 'running', progress: { stage: 'reading the cache' }, cancel });
  worker.onmessage = (e: MessageEvent<RunnerMessage>): void => {
    const m = e.data;
    if (m.kind === 'stored') {
      // The fresh result is cached (the worker kept running for it); a failure to store is not
      // an analysis failure: the next start runs it again.
      worker.terminate();
      return;
    }
    if (done) return;
    if (m.kind === 'progress') set(id, { kind: 'running', progress: m.progress, cancel });
    else if (m.kind === 'head') result = { data: m.data, cached: m.cached };
    else if (m.kind === 'slice') {
      if (result) addSlice(result.data, m.part, m.items);
      const ack: RunnerAck = { kind: 'ack' };
      worker.postMessage(ack);
    } else if (m.kind === 'end') {
      if (result) finish({ kind: 'ok', data: result.data, cached: result.cached }, !result.cached);
      else finish({ kind: 'error', message: 'the analysis sent no result' });
    } else if (m.kind === 'error') finish({ kind: 'error', message: m.message });
  };
  worker.onerror = (e: ErrorEvent): void => {
    if (!done) finish({ kind: 'error', message: e.message || 'the analysis worker failed' });
  };
  services.engine.engineVersion().then(
    (engineVersion) => {
      const request: RunnerRequest = { dbName: services.db.name, id, engineVersion };
      if (!done) worker.postMessage(request);
    },
    (e: unknown) => !done && finish({ kind: 'error', message: e instanceof Error ? e.message : 'the engine failed' }),
  );
}

/** Starts (or restarts after a cancel or an error) the analysis of snapshot `id`. */
export function startAnalysis(services: Services, id: string): void {
  const now = states.get(id);
  if (now && (now.kind === 'running' || now.kind === 'ok')) return;
  if (typeof Worker === 'function') return startInWorker(services, id);
  let cancelled = false;
  let cancelTask: (() => void) | undefined;
  const cancel = (): void => {
    cancelled = true;
    cancelTask?.();
    set(id, { kind: 'cancelled' });
  };
  set(id, { kind: 'running', progress: { stage: 'reading the cache' }, cancel });
  void (async () => {
    try {
      const record = await getSnapshot(services.db, id);
      if (!record) return set(id, { kind: 'error', message: 'the snapshot is not in the library' });
      const version = await services.engine.engineVersion();
      const hit = await cachedAnalysis(services.db, record.hash, version);
      if (cancelled) return;
      if (hit && isAnalysis(hit.result)) return set(id, { kind: 'ok', data: hit.result, cached: true });
      set(id, { kind: 'running', progress: { stage: 'reading the snapshot' }, cancel });
      const bundle = await getBundle(services.db, id);
      if (cancelled) return;
      if (bundle === undefined)
        return set(id, { kind: 'error', message: 'the snapshot data is missing from the library' });
      const task = services.engine.analyze(bundle, (p) => {
        // Progress arrives on comlink's callback port, unordered with the result: a late message
        // must not turn a finished analysis back into a running one.
        if (!cancelled && analysisState(id).kind === 'running') set(id, { kind: 'running', progress: p, cancel });
      });
      cancelTask = task.cancel;
      const outcome = await task.result;
      if (cancelled || outcome.kind === 'cancelled') return;
      if (outcome.kind === 'error') return set(id, { kind: 'error', message: outcome.message });
      set(id, { kind: 'ok', data: outcome.data, cached: false });
      await cacheAnalysis(services.db, record.hash, version, outcome.data);
    } catch (e) {
      if (!cancelled)
        set(id, { kind: 'error', message: e instanceof Error ? e.message : 'the analysis failed' });
    }
  })();
}

/** Where the analysis of snapshot `id` stands now. */
export function analysisState(id: string): AnalysisState {
  return states.get(id) ?? IDLE;
}

/** Forgets the analysis state of snapshot `id` (a deleted snapshot; tests). */
export function forgetAnalysis(id: string): void {
  states.delete(id);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The analysis of snapshot `id`, started on first use (unless `autoStart` is false). */
export function useAnalysis(services: Services, id: string, autoStart = true): AnalysisState {
  const state = useSyncExternalStore(subscribe, () => states.get(id) ?? IDLE);
  useEffect(() => {
    if (autoStart && (states.get(id) ?? IDLE).kind === 'idle') startAnalysis(services, id);
  }, [services, id, autoStart]);
  return state;
}

const IDLE: AnalysisState = { kind: 'idle' };

/** A progress line with a cancel button, or the error/cancelled line with a retry. */
export function analysisLine(state: AnalysisState): string {
  if (state.kind === 'running') {
    const pct = state.progress.total
      ? ` (${Math.round(((state.progress.done ?? 0) / state.progress.total) * 100)}%)`
      : '';
    return `Analysing: ${state.progress.stage}…${pct}`;
  }
  if (state.kind === 'cancelled') return 'The analysis was cancelled.';
  if (state.kind === 'error') return `The analysis failed: ${state.message}`;
  return '';
}
