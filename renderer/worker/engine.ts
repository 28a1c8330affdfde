// The engine worker's API: imports snapshot files, opens stored bundles and answers the views'
// questions, off the UI thread. Loads core (through core/index.ts); no React, no Dexie.
import { formatImportDiagnostic, parseSnapshot, parseSnapshotText, toBundle, describeJsonParseError, type ImportResult, type Snapshot } from '../../core/index';
import { sha256Hex } from './hash';
import { openedSnapshot, policyDetail, principalDetail, snapshotMeta } from './summary';
import type { ImportOutcome, OpenedSnapshot, PolicyDetail, PrincipalDetail, Progress } from './types';

/** A file to import: its name and text. */
export interface InputFile {
  name: string;
  text: string;
}

function failure(result: Extract<ImportResult, { kind: 'error' }>): ImportOutcome {
  const lines = result.diagnostics.filter((d) => d.severity === 'error').map(formatImportDiagnostic);
  return { kind: 'error', message: lines[0] ?? 'the file is not a snapshot', details: lines.slice(0, 50) };
}

function warningsOf(result: Extract<ImportResult, { kind: 'ok' }>): string[] {
  return result.diagnostics.filter((d) => d.severity === 'warning').map(formatImportDiagnostic);
}

/** Parses files into one snapshot (several files are pages of one account). */
function parseFiles(files: readonly InputFile[]): ImportResult | { kind: 'syntax'; message: string } {
  if (files.length === 1) return parseSnapshotText(files[0]!.name, files[0]!.text);
  const inputs = [];
  for (const f of files) {
    try {
      inputs.push({ name: f.name, value: JSON.parse(f.text) as unknown });
    } catch {
      return { kind: 'syntax', message: `${f.name}: ${describeJsonParseError(f.text)}` };
    }
  }
  return parseSnapshot(inputs);
}

/** Creates the engine: its methods are what the worker exposes through comlink. */
export function createEngine() {
  const open = new Map<string, Snapshot>();
  const remember = (id: string, snapshot: Snapshot): void => {
    open.delete(id);
    open.set(id, snapshot);
    while (open.size > 2) open.delete(open.keys().next().value as string);
  };
  return {
    /** Parses `files` into a snapshot and its canonical bundle, reporting progress. */
    async importFiles(files: InputFile[], onProgress?: (p: Progress) => void): Promise<ImportOutcome> {
      if (files.length === 0) return { kind: 'error', message: 'no file chosen', details: [] };
      onProgress?.({ stage: 'parsing', done: 0, total: 3 });
      const result = parseFiles(files);
      if (result.kind === 'syntax') return { kind: 'error', message: result.message, details: [result.message] };
      if (result.kind === 'error') return failure(result);
      onProgress?.({ stage: 'building the bundle', done: 1, total: 3 });
      const bundle = JSON.stringify(toBundle(result.snapshot));
      onProgress?.({ stage: 'hashing', done: 2, total: 3 });
      const hash = await sha256Hex(bundle);
      onProgress?.({ stage: 'done', done: 3, total: 3 });
      return { kind: 'ok', snapshot: { meta: snapshotMeta(result.snapshot, warningsOf(result)), bundle, hash } };
    },

    /** Opens stored snapshot `id` from its bundle text. */
    async open(id: string, bundle: string): Promise<{ kind: 'ok'; opened: OpenedSnapshot } | { kind: 'error'; message: string }> {
      const result = parseSnapshotText(`snapshot ${id}`, bundle);
      if (result.kind === 'error') {
        const f = failure(result);
        return { kind: 'error', message: f.kind === 'error' ? f.message : 'the stored snapshot is unreadable' };
      }
      remember(id, result.snapshot);
      return { kind: 'ok', opened: openedSnapshot(result.snapshot, warningsOf(result)) };
    },

    /** True when snapshot `id` is open in the worker. */
    isOpen(id: string): boolean {
      return open.has(id);
    },

    /** The Principal view's data, or `undefined` when unknown or the snapshot is not open. */
    principal(id: string, arn: string): PrincipalDetail | undefined {
      const s = open.get(id);
      return s ? principalDetail(s, arn) : undefined;
    },

    /** The Policy view's data, or `undefined` when unknown or the snapshot is not open. */
    policy(id: string, arn: string): PolicyDetail | undefined {
      const s = open.get(id);
      return s ? policyDetail(s, arn) : undefined;
    },
  };
}

/** The engine's API as the UI sees it. */
export type Engine = ReturnType<typeof createEngine>;
