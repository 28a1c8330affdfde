// `npm run bench [-- FILTER…]`: runs each test/bench/*.bench.ts in its own child process (so peak
// memory is per benchmark), after generating the large account if missing; prints a summary table.
// Each benchmark is first bundled with esbuild (as the shipped CLI and app are bundled), so the
// figures are those of bundled code; `--tsx` runs the sources through tsx instead.
// Tooling only: Node built-ins and esbuild, no app code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BENCH_DIR = 'test/bench';
const GENERATOR = 'test/bench/generate.ts';
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const useTsx = process.argv.includes('--tsx');
const BUILD_DIR = '.bench/build';

/** The bench fixtures every benchmark may read: [path, generator arguments]. */
const FIXTURES = [
  ['.bench/large-seed1.json', ['--size', 'large', '--seed', '1']],
  ['.bench/large-seed1-api.json', ['--size', 'large', '--seed', '1', '--encoding', 'api']],
];

function ensureFixtures() {
  for (const [path, args] of FIXTURES) {
    // Regenerate when the generator changed after the fixture was written.
    if (existsSync(path) && statSync(path).mtimeMs >= statSync(GENERATOR).mtimeMs) continue;
    process.stderr.write(`bench: generating ${path}\n`);
    const r = spawnSync('npx', ['tsx', GENERATOR, ...args, '--out', path], {
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      process.stderr.write(`bench: could not generate ${path}\n`);
      process.exit(1);
    }
  }
}

/**
 * The command that runs one bench file: node on its esbuild bundle (npm packages left as imports,
 * resolved from node_modules), or tsx on the source with `--tsx` or when bundling fails.
 */
async function commandFor(file) {
  if (!useTsx) {
    try {
      const { build } = await import('esbuild');
      const name = file.replace(/\.ts$/, '');
      await build({
        // The CLI's analysis worker beside the bundle, where cli/parallel-analysis.ts looks for it.
        entryPoints: { [name]: join(BENCH_DIR, file), 'analysis-worker': 'cli/analysis-worker.ts' },
        outdir: BUILD_DIR,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'warning',
      });
      // --expose-gc: a bench may settle the heap before a timed series (access.bench.ts does).
      return [process.execPath, ['--expose-gc', join(BUILD_DIR, `${name}.js`)]];
    } catch (e) {
      process.stderr.write(`bench: could not bundle ${file} (${e instanceof Error ? e.message.split('\n')[0] : e}): running it with tsx\n`);
    }
  }
  return ['npx', ['tsx', join(BENCH_DIR, file)]];
}

/** Runs one bench file; resolves with its measurement lines (parsed JSON) and exit status. */
async function runBench(file) {
  const [command, args] = await commandFor(file);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const results = [];
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line === '') continue;
        process.stdout.write(line + '\n');
        try {
          const value = JSON.parse(line);
          if (value && typeof value === 'object' && typeof value.bench === 'string') results.push(value);
        } catch {
          // not a measurement line: already echoed
        }
      }
    });
    child.on('close', (code) => resolve({ file, code: code ?? 1, results }));
  });
}

const MAX_CELL = 32;

/** One aligned table of rows sharing a `bench` name; columns are the keys they use. */
function table(rows) {
  const keys = [];
  for (const r of rows) for (const k of Object.keys(r)) if (k !== 'bench' && !keys.includes(k)) keys.push(k);
  const cell = (v) => {
    const s = v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
  };
  const cells = [keys, ...rows.map((r) => keys.map((k) => cell(r[k])))];
  const widths = keys.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** The summary: one table per benchmark name, in order of first appearance. */
function summary(results) {
  const byBench = new Map();
  for (const r of results) {
    if (!byBench.has(r.bench)) byBench.set(r.bench, []);
    byBench.get(r.bench).push(r);
  }
  return [...byBench].map(([name, rows]) => `## ${name}\n${table(rows)}`).join('\n\n');
}

const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  process.stderr.write(
    `bench: no benchmark matches ${filters.map((f) => `\`${f}\``).join(', ') || 'test/bench/*.bench.ts'}\n`,
  );
  process.exit(2);
}
ensureFixtures();
const all = [];
const failed = [];
for (const file of files) {
  process.stderr.write(`\nbench: ${file}\n`);
  const { code, results } = await runBench(file);
  all.push(...results);
  if (code !== 0) failed.push(file);
}
process.stdout.write(`\n${all.length > 0 ? summary(all) : '(no measurements)'}\n`);
if (failed.length > 0) {
  process.stdout.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
