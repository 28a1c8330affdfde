// Test helpers for snapshot import: the shared samples, and a converter that turns a sample's
// policy documents into URL-encoded strings as the raw IAM API returns them.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Snapshot } from '../../../core/model/snapshot';

/** Root of the repository. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Path of a shared sample (CI copies shared/ beside the clone). */
export function samplePath(name: string): string {
  return resolve(repoRoot, '../shared/samples', name);
}

/** Path of a fixture of this area. */
export function fixturePath(name: string): string {
  return resolve(repoRoot, 'test/fixtures/snapshot', name);
}

/** A shared sample, parsed. */
export function loadSample(name: string): unknown {
  return JSON.parse(readFileSync(samplePath(name), 'utf8'));
}

/** A fixture, parsed. */
export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

const DOCUMENT_KEYS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Document']);

/**
 * Copies `value`, replacing every policy document object by its URL-encoded JSON text, as the raw
 * API (not the CLI) returns them. The JSON is compact, as the importer writes the text of object
 * documents, so the imported texts are equal too.
 */
export function urlEncodeDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(urlEncodeDocuments);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      DOCUMENT_KEYS.has(k) && typeof v === 'object' && v !== null
        ? encodeURIComponent(JSON.stringify(v))
        : urlEncodeDocuments(v),
    ]),
  );
}

/** The snapshot without what names its inputs, to compare two imports of the same account. */
export function comparable(s: Snapshot): Omit<Snapshot, 'source'> & { source?: unknown } {
  return { ...s, source: { kind: s.source.kind } };
}

/** A deep copy of JSON data. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
