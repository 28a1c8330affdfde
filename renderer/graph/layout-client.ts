// Runs a layout in the layout worker (input arrays transferred, positions transferred back) and
// falls back to the main thread when the worker cannot start or fails. No React, no core.
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { runLayout, type LayoutInput, type LayoutOptions, type LayoutProgress, type LayoutResult } from './layout';
import type { LayoutWorkerApi } from './layout.worker';

/** Where a layout ran. */
export type LayoutPlace = 'worker' | 'main-thread';

/** Runs layouts; one at a time (a new run terminates the previous worker). */
export interface LayoutRunner {
  run(input: LayoutInput, options: LayoutOptions, onProgress?: (p: LayoutProgress) => void): Promise<LayoutResult & { place: LayoutPlace }>;
  dispose(): void;
}

/** Rejects a layout run that a newer run replaced. */
export class SupersededError extends Error {
  constructor() {
    super('graph layout: superseded by a newer layout');
  }
}

/** Copies of the input's arrays (the originals stay usable after the copies are transferred). */
function cloneInput(input: LayoutInput): LayoutInput {
  return {
    nodeCount: input.nodeCount,
    edgeSource: input.edgeSource.slice(),
    edgeTarget: input.edgeTarget.slice(),
    groups: input.groups.slice(),
    radii: input.radii.slice(),
    ...(input.initial ? { initial: input.initial.slice() } : {}),
  };
}

/** Runs the layout on the main thread after yielding once (the fallback). */
async function runHere(input: LayoutInput, options: LayoutOptions, onProgress?: (p: LayoutProgress) => void): Promise<LayoutResult & { place: LayoutPlace }> {
  await new Promise((ok) => setTimeout(ok, 0));
  return { ...runLayout(input, options, onProgress), place: 'main-thread' };
}

/** A layout runner using a module worker; `useWorker: false` forces the main-thread path. */
export function createLayoutRunner(options: { useWorker?: boolean } = {}): LayoutRunner {
  let worker: Worker | undefined;
  let remote: Remote<LayoutWorkerApi> | undefined;
  let broken = options.useWorker === false || typeof Worker === 'undefined';
  let cancelPending: (() => void) | undefined;
  const stop = (): void => {
    cancelPending?.();
    cancelPending = undefined;
    worker?.terminate();
    worker = undefined;
    remote = undefined;
  };
  return {
    async run(input, layoutOptions, onProgress) {
      stop();
      if (!broken) {
        try {
          worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'ariadne-graph-layout' });
          remote = wrap<LayoutWorkerApi>(worker);
          const superseded = new Promise<never>((_, fail) => (cancelPending = () => fail(new SupersededError())));
          const failed = new Promise<never>((_, fail) => {
            worker?.addEventListener('error', (e) => fail(new Error(`layout worker: ${e.message || 'failed to start'}`)));
            worker?.addEventListener('messageerror', () => fail(new Error('layout worker: message error')));
          });
          const copy = cloneInput(input);
          const buffers = [copy.edgeSource.buffer, copy.edgeTarget.buffer, copy.groups.buffer, copy.radii.buffer];
          if (copy.initial) buffers.push(copy.initial.buffer);
          const result = await Promise.race([remote.layout(transfer(copy, buffers), layoutOptions, onProgress ? proxy(onProgress) : undefined), failed, superseded]);
          cancelPending = undefined;
          stop();
          return { ...result, place: 'worker' };
        } catch (error) {
          if (error instanceof SupersededError) throw error;
          console.warn(`graph layout: worker failed, running on the main thread: ${String(error)}`);
          broken = true;
          stop();
        }
      }
      return runHere(input, layoutOptions, onProgress);
    },
    dispose: stop,
  };
}
