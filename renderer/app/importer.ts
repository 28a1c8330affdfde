// Importing snapshot files: parse in the engine worker (with progress and cancel), then store in
// one transaction. A failure leaves the library unchanged and says why in one line.
import { useCallback, useRef, useState } from 'react';
import { findByHash, importSnapshot } from '../db/library';
import type { SnapshotRecord } from '../db/database';
import type { InputFile } from '../worker/engine';
import type { Progress } from '../worker/types';
import type { Services } from './context';

/** The import's state, for the status bar. */
export type ImportState =
  | { kind: 'idle' }
  | { kind: 'working'; names: string[]; progress: Progress }
  | { kind: 'error'; message: string }
  | { kind: 'done'; record: SnapshotRecord };

/** Imports files through the worker into the library; resolves to the stored record or an error. */
export async function importFiles(services: Services, files: InputFile[], onProgress: (p: Progress) => void, onCancel: (cancel: () => void) => void): Promise<ImportState> {
  const names = files.map((f) => f.name).join(', ');
  const task = services.engine.importFiles(files, onProgress);
  onCancel(task.cancel);
  const outcome = await task.result;
  if (outcome.kind === 'cancelled') return { kind: 'idle' };
  if (outcome.kind === 'error') {
    // Messages about a single file already start with its name: say it once.
    const only = files.length === 1 ? `${files[0]!.name}: ` : '';
    const message = only && outcome.message.startsWith(only) ? outcome.message.slice(only.length) : outcome.message;
    return { kind: 'error', message: `Could not import \`${names}\`: ${message}` };
  }
  onProgress({ stage: 'storing' });
  // The same content imported again opens the stored copy instead of adding a duplicate.
  const existing = await findByHash(services.db, outcome.snapshot.hash);
  if (existing) return { kind: 'done', record: existing };
  const stored = await importSnapshot(services.db, outcome.snapshot);
  if (stored.kind === 'error') return { kind: 'error', message: `Could not import \`${names}\`: ${stored.message}` };
  return { kind: 'done', record: stored.value };
}

/** The import state and its actions. */
export function useImporter(services: Services): {
  state: ImportState;
  run: (files: InputFile[]) => Promise<ImportState>;
  cancel: () => void;
  dismiss: () => void;
} {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const cancelRef = useRef<() => void>(() => undefined);
  const run = useCallback(
    async (files: InputFile[]) => {
      const names = files.map((f) => f.name);
      setState({ kind: 'working', names, progress: { stage: 'reading' } });
      const result = await importFiles(
        services,
        files,
        (progress) => setState({ kind: 'working', names, progress }),
        (cancel) => (cancelRef.current = cancel),
      );
      setState(result);
      return result;
    },
    [services],
  );
  return {
    state,
    run,
    cancel: () => cancelRef.current(),
    dismiss: () => setState({ kind: 'idle' }),
  };
}

/** Reads browser File objects as input files. */
export function readBrowserFiles(list: FileList | readonly File[]): Promise<InputFile[]> {
  return Promise.all([...list].map(async (f) => ({ name: f.name, text: await f.text() })));
}
