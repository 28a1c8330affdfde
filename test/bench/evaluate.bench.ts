// Benchmark of the evaluation engine: the median time of one decision with policies compiled in
// advance (target under 10 µs), and `ariadne simulate` of a generated 10,000-case file in one
// process. Prints JSON lines `{"bench":"evaluate",…}`; asserts nothing about time.
// Run: `npx tsx test/bench/evaluate.bench.ts`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/index';
import { compilePolicySet, evaluatePrepared, evaluateRequest } from '../../core/evaluate/engine';
import { prepareRequest } from '../../core/evaluate/request';
import type { PolicySet, SimulationRequest } from '../../core/model/evaluate';
import type { PolicyDocument, PolicyStatement } from '../../core/model/policy';

function emit(fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: 'evaluate', ...fields }));
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

const A = '111111111111';
const services = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda', 'logs', 'cloudwatch', 'kms', 'iam'];

function identityPolicy(seed: number, count: number): PolicyDocument {
  const statements: PolicyStatement[] = [];
  for (let i = 0; i < count; i++) {
    const svc = services[(seed + i) % services.length]!;
    const s: PolicyStatement = {
      Sid: `S${seed}x${i}`,
      Effect: i % 9 === 8 ? 'Deny' : 'Allow',
      Action: i % 3 === 0 ? [`${svc}:Get*`, `${svc}:List*`, `${svc}:Describe*`] : [`${svc}:Put${i}Thing`, `${svc}:Create*`],
      Resource: i % 4 === 0 ? ['*'] : [`arn:aws:${svc}:*:${A}:thing-${seed}-${i}/*`, `arn:aws:${svc}:us-east-1:${A}:other/*`],
      ...(i % 5 === 2 ? { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } } : {}),
    };
    statements.push(s);
  }
  statements.push({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::app-bucket/home/${aws:username}/*'] });
  return { Version: '2012-10-17', Statement: statements };
}

const set: PolicySet = {
  identity: [identityPolicy(1, 12), identityPolicy(2, 18), identityPolicy(3, 15)],
  resource: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:root`] }, Action: ['s3:*'], Resource: ['arn:aws:s3:::app-bucket/*'] },
      { Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: ['arn:aws:s3:::app-bucket/*'], Condition: { Bool: { 'aws:SecureTransport': ['false'] } } },
    ],
  },
  scp: [
    { orgIdentifier: 'r-root', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] }] },
    {
      orgIdentifier: 'ou-prod',
      policies: [
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] },
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: ['*'], Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } },
            { Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'cloudtrail:StopLogging'], Resource: ['*'] },
          ],
        },
      ],
    },
    { orgIdentifier: A, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] }] },
  ],
  rcp: null,
  boundary: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: ['*'] }] }],
  session: null,
  endpoint: null,
};

const compiled = compilePolicySet(set);
if (compiled.diagnostics.some((d) => d.severity === 'error')) throw new Error('bench: the policy set does not compile');

const requests: SimulationRequest[] = [
  { principal: `arn:aws:iam::${A}:user/alice`, action: 's3:GetObject', resource: 'arn:aws:s3:::app-bucket/home/alice/notes.txt', context: { 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': 'true' } },
  { principal: `arn:aws:iam::${A}:user/alice`, action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${A}:table/orders`, context: { 'aws:RequestedRegion': 'us-east-1' } },
  { principal: `arn:aws:sts::${A}:assumed-role/app/i-1`, action: 'iam:CreateUser', resource: `arn:aws:iam::${A}:user/mallory` },
  { principal: `arn:aws:iam::${A}:user/alice`, action: 'ec2:RunInstances', resource: '*', context: { 'aws:RequestedRegion': 'ap-south-1' } },
];
const prepared = requests.map((r) => prepareRequest(r));
const statements = [...set.identity, ...(set.boundary ?? []), set.resource!].reduce((n, d) => n + d.Statement.length, 0) + 6;

for (let i = 0; i < prepared.length; i++) {
  const p = prepared[i]!;
  const decision = evaluatePrepared(compiled, p).decision;
  const ns = medianNs(() => evaluatePrepared(compiled, p), 31, 5_000);
  emit({ case: 'decision-precompiled', request: `${requests[i]!.action} ${requests[i]!.resource}`, decision, statements, medianUs: Number((ns / 1000).toFixed(2)) });
}
let k = 0;
const withPrepare = medianNs(() => evaluateRequest(compiled, requests[k++ % requests.length]!), 31, 5_000);
emit({ case: 'decision-with-context-build', statements, medianUs: Number((withPrepare / 1000).toFixed(2)) });
const compileNs = medianNs(() => compilePolicySet(set), 11, 200);
emit({ case: 'compile-policy-set', statements, medianUs: Number((compileNs / 1000).toFixed(1)) });

// `ariadne simulate` of 10,000 generated cases in one process: once with policy sets shared
// between cases (compiled once each), once with a distinct policy set in every case.
async function simulateBench(name: string, distinct: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-bench-'));
  const path = join(dir, 'cases.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const r = requests[i % requests.length]!;
    const identity = set.identity.slice(0, 1 + (i % 3));
    const own = distinct ? [...identity, { Version: '2012-10-17', Statement: [{ Sid: `Case${i}`, Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [`arn:aws:sqs:*:${A}:q${i}`] }] }] : identity;
    lines.push(JSON.stringify({ id: `c${i}`, policies: { identity: own, resource: set.resource, scp: set.scp, boundary: set.boundary }, request: r }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  let outBytes = 0;
  let outLines = 0;
  const t0 = process.hrtime.bigint();
  const code = await runCli(['simulate', path], {
    stdout: (s) => {
      outBytes += s.length;
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) outLines++;
    },
    stderr: (s) => process.stderr.write(s),
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  emit({ case: name, exitCode: code, lines: outLines, outputMB: Number((outBytes / 1e6).toFixed(1)), seconds: Number(seconds.toFixed(2)), peakRssMB: Math.round(process.memoryUsage().rss / 1e6) });
  rmSync(dir, { recursive: true, force: true });
}

await simulateBench('simulate-10000-shared-policies', false);
await simulateBench('simulate-10000-distinct-policies', true);
