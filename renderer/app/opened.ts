// Opening a stored snapshot in the engine worker, once per snapshot, shared by the views.
import { useEffect, useState } from 'react';
import { getBundle } from '../db/library';
import type { OpenedSnapshot } from '../worker/types';
import type { Services } from './context';

/** The state of an opened snapshot. */
export type OpenState = { kind: 'loading' } | { kind: 'ok'; opened: OpenedSnapshot } | { kind: 'missing' } | { kind: 'error'; message: string };

const cache = new Map<string, { promise: Promise<OpenState>; settled: boolean }>();

/** Opens snapshot `id` in the worker (again if the worker was restarted); concurrent calls share one open. */
export async function ensureOpen(services: Services, id: string): Promise<OpenState> {
  const cached = cache.get(id);
  if (cached && (!cached.settled || (await services.engine.isOpen(id)))) return cached.promise;
  const p = (async (): Promise<OpenState> => {
    const bundle = await getBundle(services.db, id);
    if (bundle === undefined) return { kind: 'missing' };
    const r = await services.engine.open(id, bundle);
    return r.kind === 'ok' ? { kind: 'ok', opened: r.opened } : { kind: 'error', message: r.message };
  })();
  const entry = { promise: p, settled: false };
  cache.set(id, entry);
  const result = await p;
  entry.settled = true;
  if (result.kind !== 'ok' && cache.get(id) === entry) cache.delete(id);
  return result;
}

/** Forgets a deleted snapshot. */
export function forgetOpened(id: string): void {
  cache.delete(id);
}

/** The opened snapshot `id`. */
export function useOpened(services: Services, id: string): OpenState {
  const [state, setState] = useState<OpenState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    ensureOpen(services, id).then(
      (s) => live && setState(s),
      (e: unknown) => live && setState({ kind: 'error', message: e instanceof Error ? e.message : 'the snapshot could not be opened' }),
    );
    return () => {
      live = false;
    };
  }, [services, id]);
  return state;
}

/** A detail read from an opened snapshot: loading, found, or not in the snapshot. */
export type DetailState<T> = { kind: 'loading' } | { kind: 'ok'; detail: T } | { kind: 'missing' };

/** Opens snapshot `snapshotId` and reads one detail of it with `read`, again when `key` changes. */
export function useSnapshotDetail<T>(
  services: Services,
  snapshotId: string,
  key: string,
  read: (services: Services, snapshotId: string, key: string) => Promise<T | undefined>,
): DetailState<T> {
  const [state, setState] = useState<DetailState<T>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      await ensureOpen(services, snapshotId);
      const detail = await read(services, snapshotId, key);
      if (live) setState(detail ? { kind: 'ok', detail } : { kind: 'missing' });
    })();
    return () => {
      live = false;
    };
    // `read` is a module-level function at every call site: the snapshot and the key decide.
  }, [services, snapshotId, key]);
  return state;
}
