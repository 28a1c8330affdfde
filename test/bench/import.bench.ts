// Benchmark: import (read, parse, validate, normalise) of the generated large account, in both
// encodings; prints one JSON line per measurement. Run by `npm run bench` (scripts/bench.mjs).
// Each encoding runs in its own child process so that its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSnapshotFiles } from '../../main/import/index';

const RUNS = 3;
const FIXTURES: Readonly<Record<string, string>> = {
  cli: '.bench/large-seed1.json',
  api: '.bench/large-seed1-api.json',
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Imports one fixture RUNS times in this process and prints its measurement line. */
async function measure(encoding: string): Promise<boolean> {
  const path = Object.hasOwn(FIXTURES, encoding) ? FIXTURES[encoding] : undefined;
  if (!path || !existsSync(path)) {
    process.stderr.write(
      `import.bench: fixture for \`${encoding}\` is missing (npm run bench generates it)\n`,
    );
    return false;
  }
  const seconds: number[] = [];
  let counts = '';
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await readSnapshotFiles([path]);
    seconds.push((performance.now() - start) / 1000);
    if (result.kind !== 'ok') {
      process.stderr.write(
        `import.bench: ${path}: import failed: ${result.diagnostics
          .map((d) => d.message)
          .slice(0, 3)
          .join('; ')}\n`,
      );
      return false;
    }
    const s = result.snapshot;
    counts = `${s.users.length}u/${s.groups.length}g/${s.roles.length}r/${s.policies.length}p/${result.diagnostics.length}w`;
  }
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const mb = round(statSync(path).size / 1e6, 1);
  const line = {
    bench: 'import',
    size: 'large',
    encoding,
    fileMB: mb,
    seconds: round(median(seconds), 3),
    firstRunSeconds: round(seconds[0]!, 3),
    peakRssMB,
    counts,
  };
  process.stdout.write(JSON.stringify(line) + '\n');
  return true;
}

const at = process.argv.indexOf('--encoding');
if (at >= 0) {
  process.exit((await measure(process.argv[at + 1] ?? '')) ? 0 : 1);
} else {
  let ok = true;
  for (const encoding of Object.keys(FIXTURES)) {
    const self = fileURLToPath(import.meta.url);
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--encoding', encoding], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) ok = false;
  }
  process.exit(ok ? 0 : 1);
}
