// The state of the app's AWS pull, outside React: it outlives the view, so a pull keeps its progress
// when the user looks elsewhere, and the last pull's report stays readable. Talks to main only
// through the preload API; never sees a credential.
import { useSyncExternalStore } from 'react';
import type { AriadneApi } from '../../app/api';
import type { ImportState } from '../../app/importer';
import type { InputFile } from '../../worker/engine';
import { applyProgress, initialProgress, stopRunning, type PullProgressState } from './progress';

/** Where the pull is. */
export type PullPhase =
  | { kind: 'idle' }
  | { kind: 'running'; pullId: string; cancelling: boolean }
  | { kind: 'importing' }
  | { kind: 'done'; snapshotId: string; label: string }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

/** What the view shows. */
export interface PullState {
  phase: PullPhase;
  progress?: PullProgressState;
  /** The settings of the last pull started. */
  settings?: { profile: string; region: string; regions: string[] };
}

/** What a pull needs besides its settings. */
export interface PullRun {
  profile: string;
  region: string;
  /** Extra regions for regional resource policies. */
  regions: string[];
  /** The shell's import runner: the bundle takes the same path as a file. */
  runImport: (files: InputFile[]) => Promise<ImportState>;
  /** Called with the stored snapshot's id, to open it. */
  onStored: (id: string) => void;
}

/** One pull at a time, for one API. */
export class PullStore {
  private state: PullState = { phase: { kind: 'idle' } };
  private readonly listeners = new Set<() => void>();
  private currentId: string | undefined;

  constructor(private readonly api: AriadneApi) {
    api.onPullProgress((message) => {
      if (message.pullId !== this.currentId || !this.state.progress) return;
      this.set({ progress: applyProgress(this.state.progress, message.event) });
    });
  }

  /** Subscribes to changes (useSyncExternalStore). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current state. */
  readonly get = (): PullState => this.state;

  private set(change: Partial<PullState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** True while a pull or its import runs. */
  busy(): boolean {
    return this.state.phase.kind === 'running' || this.state.phase.kind === 'importing';
  }

  /** Pulls, then imports the bundle; nothing is stored unless the pull and the import both succeed. */
  async start(run: PullRun): Promise<void> {
    if (this.busy()) return;
    const pullId = crypto.randomUUID();
    const regions = run.regions.filter((r) => r !== run.region);
    this.currentId = pullId;
    this.set({
      phase: { kind: 'running', pullId, cancelling: false },
      progress: initialProgress([run.region, ...regions]),
      settings: { profile: run.profile, region: run.region, regions },
    });
    let outcome;
    try {
      outcome = await this.api.pullAccount({ pullId, profile: run.profile, region: run.region, regions });
    } catch (error) {
      outcome = {
        kind: 'error' as const,
        message: error instanceof Error ? error.message : 'aws:pull-account: the pull failed',
      };
    }
    if (this.currentId !== pullId) return;
    const progress = this.state.progress;
    if (outcome.kind === 'cancelled') {
      this.set({
        phase: { kind: 'cancelled' },
        ...(progress ? { progress: stopRunning(progress, 'cancelled') } : {}),
      });
      return;
    }
    if (outcome.kind === 'error') {
      this.set({
        phase: { kind: 'failed', message: outcome.message },
        ...(progress ? { progress: stopRunning(progress, 'failed') } : {}),
      });
      return;
    }
    this.set({ phase: { kind: 'importing' } });
    const imported = await run.runImport([{ name: outcome.name, text: outcome.text }]);
    if (imported.kind === 'done') {
      this.set({ phase: { kind: 'done', snapshotId: imported.record.id, label: imported.record.label } });
      run.onStored(imported.record.id);
    } else if (imported.kind === 'error') {
      this.set({ phase: { kind: 'failed', message: imported.message } });
    } else {
      this.set({ phase: { kind: 'cancelled' } });
    }
  }

  /** Asks main to stop the running pull; it then ends as cancelled. */
  cancel(): void {
    const phase = this.state.phase;
    if (phase.kind !== 'running' || phase.cancelling) return;
    this.set({ phase: { ...phase, cancelling: true } });
    void this.api.cancelPull(phase.pullId).catch(() => undefined);
  }
}

const stores = new WeakMap<AriadneApi, PullStore>();

/** The pull store of `api` (one per API object). */
export function pullStore(api: AriadneApi): PullStore {
  let store = stores.get(api);
  if (!store) {
    store = new PullStore(api);
    stores.set(api, store);
  }
  return store;
}

/** The pull state of `api`, re-rendering on change. */
export function usePull(api: AriadneApi): { state: PullState; store: PullStore } {
  const store = pullStore(api);
  const state = useSyncExternalStore(store.subscribe, store.get);
  return { state, store };
}
