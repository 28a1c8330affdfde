// The UI side of the engine worker: starts it, wraps it with comlink, and cancels a task by
// terminating the worker (and starting a fresh one). Loads no core code on the UI thread.
import { proxy, wrap, type Remote } from 'comlink';
import type { Engine, InputFile } from './engine';
import type { ImportOutcome, OpenedSnapshot, PolicyDetail, PrincipalDetail, Progress } from './types';

/** A running task that can be cancelled. */
export interface Task<T> {
  result: Promise<T>;
  cancel: () => void;
}

/** The engine client the views use. */
export interface EngineClient {
  importFiles(files: InputFile[], onProgress?: (p: Progress) => void): Task<ImportOutcome>;
  open(id: string, bundle: string): Promise<{ kind: 'ok'; opened: OpenedSnapshot } | { kind: 'error'; message: string }>;
  isOpen(id: string): Promise<boolean>;
  principal(id: string, arn: string): Promise<PrincipalDetail | undefined>;
  policy(id: string, arn: string): Promise<PolicyDetail | undefined>;
}

/** Starts the engine worker. */
export function createEngineClient(): EngineClient {
  let worker: Worker;
  let remote: Remote<Engine>;
  const start = (): void => {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'ariadne-engine' });
    remote = wrap<Engine>(worker);
  };
  start();
  return {
    importFiles(files, onProgress) {
      let cancelled!: (v: ImportOutcome) => void;
      const cancelledP = new Promise<ImportOutcome>((ok) => (cancelled = ok));
      const run = remote.importFiles(files, onProgress ? proxy(onProgress) : undefined);
      return {
        result: Promise.race([run, cancelledP]),
        cancel: () => {
          worker.terminate();
          start();
          cancelled({ kind: 'cancelled' });
        },
      };
    },
    open: (id, bundle) => remote.open(id, bundle),
    isOpen: (id) => remote.isOpen(id),
    principal: (id, arn) => remote.principal(id, arn),
    policy: (id, arn) => remote.policy(id, arn),
  };
}
