// Benchmark of effective access (core/access) on the generated large account: compile time,
// who-can for one action and resource (asked again, and `coldMs` for a new resource each time:
// no unit views kept), who-can through a session policy, what-can for an admin and an ordinary
// principal, and the median time of one `can` after compile. Prints JSON lines `{"bench":"access",…}`; asserts
// nothing about time. Run: `npx tsx test/bench/access.bench.ts` (npm run bench generates the
// fixtures). Times are wall-clock medians; `cpuMs` figures are CPU time, steadier on a busy machine.
import { existsSync } from 'node:fs';
import { canDecide, can, compileAccess, whatCan, whoCan, type CompiledAccess } from '../../core/access/index';
import type { Snapshot } from '../../core/model/snapshot';
import { readSnapshotFiles } from '../../main/import/index';

const FIXTURES: readonly [string, string][] = [
  ['large', '.bench/large-seed1.json'],
  ['large-bundle', '.bench/large-seed1-bundle.json'],
];
const RUNS = 7;

const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const peakRssMB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function emit(fields: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ bench: 'access', ...fields }) + '\n');
}

/** A full collection first, when node runs with --expose-gc (npm run bench does). */
const settleHeap = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Median wall time and median CPU time (ms) of `RUNS` calls, after one warm-up call. The heap is
 * settled first: without it, the figures of a question measured while V8 still marks the compile's
 * heap (concurrently, on the other core) came out bimodal, 19 or 50-75 ms for the same question.
 */
function time<T>(fn: () => T): { ms: number; cpuMs: number; firstMs: number; last: T } {
  settleHeap();
  const t0 = performance.now();
  let last = fn();
  const firstMs = round(performance.now() - t0);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const u = process.cpuUsage();
    const t = performance.now();
    last = fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(u);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: round(median(wall)), cpuMs: round(median(cpu)), firstMs, last };
}

/** Median µs per call over batches of calls: wall time, and CPU time (steadier when the machine is shared). */
function medianUs(fn: (i: number) => unknown, batches = 41, perBatch = 500): { wall: number; cpu: number } {
  settleHeap();
  const wall: number[] = [];
  const cpu: number[] = [];
  let n = 0;
  for (let b = 0; b < batches; b++) {
    const u = process.cpuUsage();
    const t = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn(n++);
    wall.push(Number(process.hrtime.bigint() - t) / perBatch / 1000);
    const d = process.cpuUsage(u);
    cpu.push((d.user + d.system) / perBatch);
  }
  return { wall: round(median(wall), 2), cpu: round(median(cpu), 2) };
}

/** A bucket object the snapshot's policies name (a bucket with a policy when the bundle has one). */
function bucketObject(s: Snapshot): string {
  const withPolicy = s.resourcePolicies.find((r) => r.resource.startsWith('arn:aws:s3:::'));
  if (withPolicy) return `${withPolicy.resource}/reports/2026/11.csv`;
  for (const p of s.policies) {
    for (const st of p.defaultDocument.document.Statement) {
      const r = (st.Resource ?? []).find((x) => /^arn:aws:s3:::[a-z0-9][a-z0-9.-]+\/\*$/.test(x));
      if (r) return r.replace('*', 'reports/2026/11.csv');
    }
  }
  return 'arn:aws:s3:::bench-bucket/reports/2026/11.csv';
}

function adminOf(c: CompiledAccess): string | undefined {
  return c.principals.find((p) => p.identity.some((u) => u.label.endsWith(':policy/AdministratorAccess')))
    ?.arn;
}

async function measure(size: string, path: string): Promise<void> {
  if (!existsSync(path)) {
    process.stderr.write(`access.bench: ${path} is missing (npm run bench generates it)\n`);
    return;
  }
  const imported = await readSnapshotFiles([path]);
  if (imported.kind !== 'ok') {
    process.stderr.write(`access.bench: ${path}: import failed\n`);
    return;
  }
  const s = imported.snapshot;
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  const c = compileAccess(s);
  const compileSeconds = round((performance.now() - t0) / 1000, 2);
  const compileCpuSeconds = round((process.cpuUsage(u0).user + process.cpuUsage(u0).system) / 1e6, 2);
  emit({
    size,
    phase: 'compile',
    principals: c.principals.length,
    compileSeconds,
    compileCpuSeconds,
    peakRssMB: peakRssMB(),
  });

  const role = s.roles.find((r) => !r.path.startsWith('/aws-service-role/'))?.arn ?? s.roles[0]?.arn ?? '*';
  const queries: [string, string][] = [
    ['s3:GetObject', bucketObject(s)],
    ['iam:PassRole', role],
    ['sts:AssumeRole', role],
    ['ec2:RunInstances', '*'],
  ];
  // Warm-up on other actions: the compiled code gets optimised and the compile's garbage collected
  // before the figures (the questions measured below stay unasked until then).
  for (let i = 0; i < 5; i++)
    for (const action of ['dynamodb:GetItem', 'sqs:SendMessage', 'kms:Decrypt'])
      whoCan(c, { action, resource: `arn:aws:${action.split(':')[0]}:eu-west-1:${s.account.id}:warm-up-${i}` });
  let fresh = 0;
  for (const [action, resource] of queries) {
    const r = time(() => whoCan(c, { action, resource }));
    // A resource not asked before (same action): the per-question unit views are built anew.
    const cold = resource === '*' ? undefined : time(() => whoCan(c, { action, resource: `${resource}-${fresh++}` }));
    const found = r.last.principals;
    emit({
      size,
      query: 'who-can',
      action,
      resource,
      whoCanMs: r.ms,
      cpuMs: r.cpuMs,
      firstMs: r.firstMs,
      ...(cold ? { coldMs: cold.ms, coldCpuMs: cold.cpuMs } : {}),
      allowed: found.filter((p) => p.decision === 'allowed').length,
      conditional: found.filter((p) => p.decision === 'conditional').length,
      evaluated: r.last.evaluated,
    });
  }

  // Through sessions limited by a session policy (AWS "Session policies"): every principal's evaluation gains a layer.
  const session = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow' as const, Action: ['s3:Get*', 's3:List*'], Resource: ['*'] }],
  };
  const [sAction, sResource] = queries[0] as [string, string];
  const withSession = time(() => whoCan(c, { action: sAction, resource: sResource, session }));
  emit({
    size,
    query: 'who-can',
    action: sAction,
    resource: sResource,
    session: true,
    whoCanMs: withSession.ms,
    cpuMs: withSession.cpuMs,
    firstMs: withSession.firstMs,
    allowed: withSession.last.principals.filter((p) => p.decision === 'allowed').length,
    conditional: withSession.last.principals.filter((p) => p.decision === 'conditional').length,
    evaluated: withSession.last.evaluated,
  });

  const admin = adminOf(c);
  const ordinary = c.principals.find((p) => p.kind === 'user' && p.arn !== admin)?.arn;
  for (const [label, arn] of [
    ['admin', admin],
    ['ordinary', ordinary],
  ] as const) {
    if (!arn) continue;
    const r = time(() => whatCan(c, arn));
    emit({
      size,
      query: 'what-can',
      principal: label,
      arn,
      whatCanMs: r.ms,
      cpuMs: r.cpuMs,
      firstMs: r.firstMs,
      actions: r.last.actionCount,
    });
  }

  // `can` on a fixed mix of principals, actions and resources.
  const principals = c.principals.map((p) => p.arn);
  const requests = Array.from({ length: 997 }, (_, i) => {
    const [action, resource] = queries[i % queries.length] as [string, string];
    return { principal: principals[(i * 7919) % principals.length] as string, action, resource };
  });
  const decision = medianUs((i) => canDecide(c, requests[i % requests.length]!));
  const explained = medianUs((i) => can(c, requests[i % requests.length]!), 11, 200);
  emit({
    size,
    query: 'can',
    canMedianUs: decision.wall,
    canMedianCpuUs: decision.cpu,
    canWithExplanationMedianUs: explained.wall,
    canWithExplanationMedianCpuUs: explained.cpu,
    peakRssMB: peakRssMB(),
  });
}

for (const [size, path] of FIXTURES) await measure(size, path);
