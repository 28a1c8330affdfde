// Test helpers for the snapshot comparison: the base fixture as JSON to clone and mutate, and
// parsing into snapshots.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSnapshotText } from '../../../../core/snapshot/index';
import type { Snapshot } from '../../../../core/model/snapshot';
import { repoRoot } from '../helpers';

/** A JSON object as the fixtures hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test fixtures are mutated freely
export type Json = any;

/** Path of a fixture of the diff tests. */
export function diffFixturePath(name: string): string {
  return resolve(repoRoot, 'test/fixtures/diff', name);
}

/** A fresh copy of the base account (authorization details). */
export function base(): Json {
  return JSON.parse(readFileSync(diffFixturePath('base.json'), 'utf8'));
}

/** Parses an account given as JSON; throws when it does not import. */
export function snapshotOf(value: Json, name = 'account.json'): Snapshot {
  const r = parseSnapshotText(name, JSON.stringify(value));
  if (r.kind !== 'ok') throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.snapshot;
}

/** Finds an entry of a list by a field. */
export function find(list: Json[], key: string, value: string): Json {
  const found = list.find((e) => e[key] === value);
  if (!found) throw new Error(`no entry with ${key} = ${value}`);
  return found;
}
