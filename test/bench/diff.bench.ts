// Benchmark: comparison of the generated large account with its variant of 300 deterministic
// changes (`generate.ts --variant 300`); prints one JSON line per measurement. Run by `npm run
// bench` (scripts/bench.mjs). Import time is measured apart from the comparison.
// Usage: tsx test/bench/diff.bench.ts [--findings]   (--findings adds rules and escalation paths: slow on `large`)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readSnapshotFiles } from '../../main/import/index';
import { diffSnapshots, type DiffOptions } from '../../core/snapshot/diff/index';
import type { Snapshot } from '../../core/model/snapshot';

const RUNS = 3;
const BASE = '.bench/large-seed1.json';
const VARIANT = '.bench/large-seed1-v300.json';
const GENERATOR = 'test/bench/generate.ts';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number): number => Number(x.toFixed(3));

/** Generates a fixture when missing or older than the generator. */
function ensure(path: string, args: readonly string[]): boolean {
  if (existsSync(path) && statSync(path).mtimeMs >= statSync(GENERATOR).mtimeMs) return true;
  process.stderr.write(`diff.bench: generating ${path}\n`);
  const r = spawnSync('npx', ['tsx', GENERATOR, ...args, '--out', path], { stdio: 'inherit' });
  return r.status === 0;
}

async function load(path: string): Promise<Snapshot | undefined> {
  const r = await readSnapshotFiles([path]);
  if (r.kind === 'ok') return r.snapshot;
  process.stderr.write(`diff.bench: ${path}: import failed: ${r.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}\n`);
  return undefined;
}

/** Times `diffSnapshots` RUNS times (once when slow) and returns the median and the last diff's counts. */
function measure(a: Snapshot, b: Snapshot, options: DiffOptions, runs: number): { seconds: number; changes: number; counts: Record<string, number>; parts: string } {
  const seconds: number[] = [];
  let changes = 0;
  let counts: Record<string, number> = {};
  let parts = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = diffSnapshots(a, b, options);
    seconds.push((performance.now() - start) / 1000);
    if (r.kind !== 'ok') throw new Error(r.message);
    changes = r.diff.changes.length;
    counts = { ...r.diff.counts };
    parts = Object.entries(r.diff.parts).map(([k, v]) => `${k}:${v.kind}`).join(',');
  }
  return { seconds: round(median(seconds)), changes, counts, parts };
}

async function main(): Promise<boolean> {
  if (!ensure(BASE, ['--size', 'large', '--seed', '1']) || !ensure(VARIANT, ['--size', 'large', '--seed', '1', '--variant', '300'])) {
    process.stderr.write('diff.bench: could not generate the fixtures\n');
    return false;
  }
  const started = performance.now();
  const a = await load(BASE);
  const b = await load(VARIANT);
  if (!a || !b) return false;
  const importSeconds = round((performance.now() - started) / 1000);
  process.stdout.write(JSON.stringify({ bench: 'diff', phase: 'import (both snapshots)', seconds: importSeconds }) + '\n');

  const structure = measure(a, b, { access: false, findings: false, escalation: false }, RUNS);
  process.stdout.write(JSON.stringify({ bench: 'diff', phase: 'structure', seconds: structure.seconds, changes: structure.changes, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');

  const access = measure(a, b, { findings: false, escalation: false }, RUNS);
  process.stdout.write(
    JSON.stringify({ bench: 'diff', phase: 'structure + access', seconds: access.seconds, changes: access.changes, counts: access.counts, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
  );

  if (process.argv.includes('--findings')) {
    const full = measure(a, b, {}, 1);
    process.stdout.write(
      JSON.stringify({ bench: 'diff', phase: 'everything (access, findings, paths)', seconds: full.seconds, changes: full.changes, counts: full.counts, parts: full.parts, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
    );
  }
  return true;
}

process.exit((await main()) ? 0 : 1);
