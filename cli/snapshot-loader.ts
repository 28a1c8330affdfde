// Loads the snapshot a command works on, with SPEC.md's error rules: a bad input is one line and
// exit code 2. Imports core/ (via core/index.ts) and main/import; never electron.
import { formatImportDiagnostic, type ImportDiagnostic, type Snapshot } from '../core/index';
import { readSnapshotFiles } from '../main/import/index';
import { CliError } from './io';

/** Id of the warning for an entity left out of the snapshot because it was malformed. */
export const ENTITY_DROPPED = 'snapshot.entity.dropped';

/** A loaded snapshot with its import warnings. */
export interface LoadedSnapshot {
  snapshot: Snapshot;
  warnings: readonly ImportDiagnostic[];
  /** Entities left out because they were malformed (`snapshot.entity.dropped`). */
  dropped: readonly ImportDiagnostic[];
}

/** The one-line message for entities dropped from a snapshot. */
export function droppedMessage(dropped: readonly ImportDiagnostic[]): string {
  const first = dropped[0];
  if (!first) return '';
  const more = dropped.length > 1 ? ` (and ${dropped.length - 1} more malformed entities)` : '';
  return `${formatImportDiagnostic(first)}${more}`;
}

/**
 * Reads and imports `files` (several files are pages of one snapshot). Throws a CliError (exit 2)
 * when the input cannot be used, and, unless `partial` is set, when a malformed entity had to be
 * left out: an analysis that silently skips a role could miss the path that matters.
 */
export async function loadSnapshot(files: readonly string[], options: { partial?: boolean } = {}): Promise<LoadedSnapshot> {
  if (files.length === 0) throw new CliError('no snapshot given');
  const result = await readSnapshotFiles(files);
  if (result.kind === 'error') {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? result.diagnostics[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '';
    throw new CliError(`${first ? formatImportDiagnostic(first) : 'cannot import the snapshot'}${more}`);
  }
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  const dropped = warnings.filter((d) => d.id === ENTITY_DROPPED);
  if (dropped.length > 0 && !options.partial) {
    throw new CliError(`${droppedMessage(dropped)}; fix the input, or pass --partial to analyse the rest`);
  }
  return { snapshot: result.snapshot, warnings, dropped };
}
