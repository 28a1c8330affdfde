// Benchmark: comparison of the generated large account with its variant of 300 deterministic
// changes (`generate.ts --variant 300`); prints one JSON line per measurement. Run by `npm run
// bench` (scripts/bench.mjs). Import time is measured apart from the comparison.
// Usage: tsx test/bench/diff.bench.ts [--findings]   (--findings adds rules and escalation paths: slow on `large`),
// once in this process one snapshot after the other, then with both analysed at once in two
// worker threads as `ariadne diff` does (each worker imports its file itself: that is counted).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readSnapshotFiles } from '../../main/import/index';
import { diffSnapshots, type DiffOptions } from '../../core/snapshot/diff/index';
import { collectAnalyses, startParallelAnalysis } from '../../cli/parallel-analysis';
import type { Snapshot } from '../../core/model/snapshot';

const RUNS = 3;
const BASE = '.bench/large-seed1.json';
const VARIANT = '.bench/large-seed1-v300.json';
const GENERATOR = 'test/bench/generate.ts';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number): number => Number(x.toFixed(3));
/** CPU seconds (user + system, every thread of the process) since `start`: above the wall time when the workers ran at once. */
const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
};

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

/** Times `diffSnapshots` RUNS times (once when slow) and returns the median and the last diff's counts and JSON. */
function measure(
  a: Snapshot,
  b: Snapshot,
  options: DiffOptions,
  runs: number,
): { seconds: number; cpuSeconds: number; changes: number; counts: Record<string, number>; parts: string; json: string } {
  const seconds: number[] = [];
  const cpu: number[] = [];
  let changes = 0;
  let counts: Record<string, number> = {};
  let parts = '';
  let json = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const r = diffSnapshots(a, b, options);
    seconds.push((performance.now() - start) / 1000);
    cpu.push(cpuSeconds(cpuStart));
    if (r.kind !== 'ok') throw new Error(r.message);
    changes = r.diff.changes.length;
    counts = { ...r.diff.counts };
    parts = Object.entries(r.diff.parts).map(([k, v]) => `${k}:${v.kind}`).join(',');
    json = JSON.stringify(r.diff);
  }
  return { seconds: round(median(seconds)), cpuSeconds: round(median(cpu)), changes, counts, parts, json };
}

/**
 * Times the comparison with both snapshots' escalation and findings computed at once, as `ariadne
 * diff` does (the new one in a worker that imports its file, the old one in this thread): from
 * starting the worker to the finished diff.
 */
async function measureParallel(
  a: Snapshot,
  b: Snapshot,
): Promise<{ seconds: number; cpuSeconds: number; workersSeconds: number; fallbacks: string[]; json: string; changes: number; parts: string }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  // As `ariadne diff` does: the new snapshot in a worker, the old one in this thread.
  const running = startParallelAnalysis(BASE, VARIANT, { partial: false, inProcess: ['old'] });
  const fallbacks: string[] = [];
  try {
    const analyses = await collectAnalyses(running, { old: a, new: b }, (side, reason) => fallbacks.push(`${side}: ${reason}`));
    const workersSeconds = round((performance.now() - start) / 1000);
    const r = diffSnapshots(a, b, analyses ? { findings: { old: analyses.old.findings, new: analyses.new.findings }, escalation: { old: analyses.old.escalation, new: analyses.new.escalation } } : {});
    const seconds = round((performance.now() - start) / 1000);
    const cpu = round(cpuSeconds(cpuStart));
    if (r.kind !== 'ok') throw new Error(r.message);
    const parts = Object.entries(r.diff.parts).map(([k, v]) => `${k}:${v.kind}`).join(',');
    return { seconds, cpuSeconds: cpu, workersSeconds, fallbacks, json: JSON.stringify(r.diff), changes: r.diff.changes.length, parts };
  } finally {
    running.cancel();
  }
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
      JSON.stringify({ bench: 'diff', phase: 'everything (access, findings, paths)', seconds: full.seconds, cpuSeconds: full.cpuSeconds, changes: full.changes, counts: full.counts, parts: full.parts, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
    );
    const parallel = await measureParallel(a, b);
    process.stdout.write(
      JSON.stringify({
        bench: 'diff',
        phase: 'everything, parallel',
        seconds: parallel.seconds,
        cpuSeconds: parallel.cpuSeconds,
        workersSeconds: parallel.workersSeconds,
        fallbacks: parallel.fallbacks,
        identical: parallel.json === full.json,
        changes: parallel.changes,
        parts: parallel.parts,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }) + '\n',
    );
  }
  return true;
}

process.exit((await main()) ? 0 : 1);
