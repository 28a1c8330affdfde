// Benchmark of the wildcard matcher: linear growth on adversarial patterns, and the median cost
// of a typical action match and ARN match. Prints JSON lines `{"bench":"pattern",…}`.
// Run: `npx tsx test/bench/pattern.bench.ts`. Prints figures only; asserts nothing about time.
import { compilePattern, type CompiledPattern } from '../../core/policy/pattern';
import { compileResourcePattern } from '../../core/policy/arn';
import { getCatalog } from '../../core/catalog/catalog';

function emit(fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'pattern', ...fields }));
}

/** Median over `batches` of the mean ns per call within a batch of `perBatch` calls. */
function medianNs(fn: () => unknown, batches: number, perBatch: number): number {
  const samples: number[] = [];
  let sink = 0;
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) if (fn()) sink++;
    samples.push(Number(process.hrtime.bigint() - t0) / perBatch);
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1] as number;
}

function linear(name: string, pattern: CompiledPattern, char: string, expected: boolean): void {
  for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
    const text = char.repeat(n);
    if (pattern.match(text).matched !== expected) throw new Error(`bench: ${name} gave the wrong answer at ${n}`);
    const perBatch = Math.max(1, Math.floor(2_000_000 / n));
    const ns = medianNs(() => pattern.match(text).matched, 9, perBatch);
    emit({ case: name, pattern: pattern.source, length: n, nsPerMatch: Math.round(ns), nsPerChar: Number((ns / n).toFixed(3)) });
  }
}

const plain = { caseInsensitive: false, variables: false } as const;
// The classic adversary of backtracking matchers. Its last segment `b` is anchored at the end, so
// this one fails at once; the variants below force a scan of the whole text.
linear('star-a-b', compilePattern('*a*a*a*a*a*a*a*b', plain), 'a', false);
linear('star-a-b-star', compilePattern('*a*a*a*a*a*a*a*b*', plain), 'a', false);
linear('question-marks', compilePattern('*a?a*a?a*a?b*', plain), 'a', false);
linear('case-insensitive', compilePattern('*A*A*A*A*A*A*A*B*', { caseInsensitive: true, variables: false }), 'a', false);

const action = compilePattern('iam:Put*', { caseInsensitive: true, variables: false });
emit({ case: 'action-match', pattern: action.source, medianNs: Number(medianNs(() => action.match('iam:PutRolePolicy').matched, 31, 20_000).toFixed(1)) });
const exact = compilePattern('s3:GetObject', { caseInsensitive: true, variables: false });
emit({ case: 'action-match-literal', pattern: exact.source, medianNs: Number(medianNs(() => exact.match('s3:GetObject').matched, 31, 20_000).toFixed(1)) });
const arn = compileResourcePattern('arn:aws:s3:::bucket/*', { variables: true });
emit({ case: 'arn-match', pattern: arn.source, medianNs: Number(medianNs(() => arn.match('arn:aws:s3:::bucket/path/to/key.txt').matched, 31, 20_000).toFixed(1)) });
const arn2 = compileResourcePattern('arn:aws:iam::*:role/service-role/*', { variables: true });
emit({ case: 'arn-match-segments', pattern: arn2.source, medianNs: Number(medianNs(() => arn2.match('arn:aws:iam::123456789012:role/service-role/x').matched, 31, 20_000).toFixed(1)) });

const t0 = process.hrtime.bigint();
const catalog = getCatalog();
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
emit({ case: 'catalog-load', actions: catalog.actionCount, services: catalog.services().length, ms: Number(loadMs.toFixed(1)) });
const t1 = process.hrtime.bigint();
const n = catalog.expandActionPattern('*:Get*').length;
emit({ case: 'catalog-expand-uncached', pattern: '*:Get*', actions: n, ms: Number((Number(process.hrtime.bigint() - t1) / 1e6).toFixed(2)) });
