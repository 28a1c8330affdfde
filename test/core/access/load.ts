// Loads snapshot files for the access tests (fixtures, the demo, the public samples).
import { readFileSync } from 'node:fs';
import { parseSnapshot } from '../../../core/snapshot/index';
import type { Snapshot } from '../../../core/model/snapshot';

/** Imports a snapshot file given relative to the repository root; throws when it does not import. */
export function loadSnapshot(path: string): Snapshot {
  const url = path.startsWith('/') ? path : new URL(`../../../${path}`, import.meta.url);
  const value: unknown = JSON.parse(readFileSync(url, 'utf8'));
  const r = parseSnapshot([{ name: path, value }]);
  if (r.kind !== 'ok') throw new Error(`${path}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.snapshot;
}
