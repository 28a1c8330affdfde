import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiff, type DiffRunOptions } from '../../cli/commands/diff';
import { CliError } from '../../cli/io';
import { collectAnalyses, startParallelAnalysis } from '../../cli/parallel-analysis';
import { analyseFile } from '../../cli/analysis-worker';
import { base, diffFixturePath, find, snapshotOf, type Json } from '../core/snapshot/diff/helpers';

const dir = mkdtempSync(join(tmpdir(), 'ariadne-diff-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ACCOUNT = 'arn:aws:iam::111122223333';

/** The base account where alice can assume `deploy`, which can edit its own policy: a path to admin. */
function older(): Json {
  const a = base();
  const deploy = find(a.RoleDetailList, 'RoleName', 'deploy');
  deploy.RolePolicyList = [
    { PolicyName: 'self-edit', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: `${ACCOUNT}:role/deploy` }] } },
  ];
  deploy.AssumeRolePolicyDocument.Statement.push({ Effect: 'Allow', Principal: { AWS: `${ACCOUNT}:user/alice` }, Action: 'sts:AssumeRole' });
  find(a.UserDetailList, 'UserName', 'alice').UserPolicyList.push({
    PolicyName: 'assume-deploy',
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `${ACCOUNT}:role/deploy` }] },
  });
  return a;
}

/** The same account later: alice's way in removed, `deploy` trusting anyone, alice able to create keys. */
function newer(): Json {
  const a = older();
  const alice = find(a.UserDetailList, 'UserName', 'alice');
  alice.UserPolicyList = alice.UserPolicyList.filter((p: Json) => p.PolicyName !== 'assume-deploy');
  alice.UserPolicyList.push({ PolicyName: 'keys', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }] } });
  find(a.RoleDetailList, 'RoleName', 'deploy').AssumeRolePolicyDocument.Statement[0].Principal = { AWS: '*' };
  return a;
}

const OLD = join(dir, 'old.json');
const NEW = join(dir, 'new.json');
writeFileSync(OLD, JSON.stringify(older()));
writeFileSync(NEW, JSON.stringify(newer()));
const OTHER = join(dir, 'other.json');
writeFileSync(OTHER, JSON.stringify(newer()).replaceAll('111122223333', '999988887777'));

/** A worker module given as a data: URL, for workers that misbehave. */
function workerModule(source: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

/** Runs `diff` in-process and collects what it writes; a CliError becomes its message and exit code. */
async function run(args: string[], options: DiffRunOptions) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await runDiff(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, options);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err.push(`error: ${e.message}\n`);
    code = e.exitCode;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('ariadne diff with the analyses in two worker threads', () => {
  it('prints the same text report as the analyses one after the other in this process', async () => {
    const sequential = await run([OLD, NEW], { parallel: false });
    const parallel = await run([OLD, NEW], { parallel: true });
    expect(sequential.code).toBe(0);
    expect(sequential.stdout).toMatch(/^ {2}\+ escalation path of /m);
    expect(sequential.stdout).toMatch(/^ {2}- escalation path of .* resolved/m);
    expect(sequential.stdout).toMatch(/^ {2}\+ new \[critical\] trust\.principal\.wildcard: /m);
    expect(sequential.stdout).toMatch(/^ {2}- resolved \[high\] /m);
    expect(parallel).toEqual(sequential);
  });

  it('prints the same JSON, byte for byte, as the analyses in this process', async () => {
    const sequential = await run([OLD, NEW, '--json'], { parallel: false });
    const parallel = await run([OLD, NEW, '--json'], { parallel: true });
    expect(JSON.parse(sequential.stdout).parts).toEqual({ access: { kind: 'compared' }, findings: { kind: 'compared' }, escalation: { kind: 'compared' } });
    expect(parallel.stdout).toBe(sequential.stdout);
    expect(parallel.stderr).toBe('');
  });

  it('analyses in this process, with a note and the same output, when the worker cannot start', async () => {
    const sequential = await run([OLD, NEW, '--json'], { parallel: false });
    const parallel = await run([OLD, NEW, '--json'], { parallel: true, workerUrl: new URL('file:///nonexistent/ariadne/analysis-worker.js') });
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(sequential.stdout);
    // The old snapshot is analysed in this thread anyway: only the new one's worker is missed.
    expect(parallel.stderr).not.toMatch(/old snapshot: the analysis worker/);
    expect(parallel.stderr).toMatch(/^diff: new snapshot: the analysis worker is unavailable \(.+\): analysing it in this process$/m);
  });

  it('analyses the sides it is told to in this process and the others in workers, with the same results', async () => {
    const running = startParallelAnalysis(OLD, diffFixturePath('base.json'), { partial: false, inProcess: ['old'] });
    const fallbacks: string[] = [];
    const analyses = await collectAnalyses(running, { old: snapshotOf(older()), new: snapshotOf(base()) }, (side) => fallbacks.push(side));
    const both = startParallelAnalysis(OLD, diffFixturePath('base.json'), { partial: false });
    const inWorkers = await collectAnalyses(both, { old: snapshotOf(older()), new: snapshotOf(base()) }, (side) => fallbacks.push(side));
    expect(fallbacks).toEqual([]);
    expect(analyses).toEqual(inWorkers);
  });

  it('analyses in this process when a worker stops before replying or replies with something else', async () => {
    const sequential = await run([OLD, NEW], { parallel: false });
    const stops = await run([OLD, NEW], { parallel: true, workerUrl: workerModule('process.exit(3);') });
    expect(stops.stdout).toBe(sequential.stdout);
    expect(stops.stderr).toContain('the worker stopped (exit code 3) before replying');
    const odd = await run([OLD, NEW], { parallel: true, workerUrl: workerModule("import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ kind: 'surprise' });") });
    expect(odd.stdout).toBe(sequential.stdout);
    expect(odd.stderr).toContain('the worker sent an unexpected message');
  });

  it('leaves a failed analysis to diffSnapshots, so the failure reads as without workers', async () => {
    const failing = workerModule("import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ kind: 'error', stage: 'escalation', message: 'boom' });");
    const sequential = await run([OLD, NEW], { parallel: false });
    const parallel = await run([OLD, NEW], { parallel: true, workerUrl: failing });
    expect(parallel).toEqual(sequential);
  });

  it('gives the same one-line message and exit code for a snapshot that cannot be read', async () => {
    const missing = join(dir, 'missing.json');
    for (const args of [[OLD, missing], [missing, NEW]]) {
      const sequential = await run(args, { parallel: false });
      const parallel = await run(args, { parallel: true });
      expect(sequential.code).toBe(2);
      expect(sequential.stderr).toMatch(/^error: (old|new) snapshot: /);
      expect(parallel).toEqual(sequential);
    }
  });

  it('refuses snapshots of different accounts with the same message and exit code', async () => {
    const sequential = await run([OLD, OTHER], { parallel: false });
    const parallel = await run([OLD, OTHER], { parallel: true });
    expect(sequential.code).toBe(2);
    expect(sequential.stderr).toContain('the snapshots are of different accounts');
    expect(parallel).toEqual(sequential);
  });

  it('passes --partial to the workers: the same output with a malformed entity left out, the same refusal without it', async () => {
    const demoPath = 'examples/demo-account.json';
    const demo = JSON.parse(readFileSync(demoPath, 'utf8'));
    // The raw API's form, broken: not JSON after URL decoding.
    demo.authorizationDetails.RoleDetailList[3].AssumeRolePolicyDocument = '%7B%22Version%22%3A';
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, JSON.stringify(demo));
    const sequential = await run([demoPath, damaged, '--partial'], { parallel: false });
    const parallel = await run([demoPath, damaged, '--partial'], { parallel: true });
    expect(sequential.code).toBe(0);
    expect(sequential.stderr).toMatch(/^diff: new snapshot `.*damaged\.json`: \d+ import warnings? /m);
    expect(sequential.stdout).toMatch(/^ {2}- role /m);
    expect(parallel).toEqual(sequential);
    const refusedSequential = await run([demoPath, damaged], { parallel: false });
    const refusedParallel = await run([demoPath, damaged], { parallel: true });
    expect(refusedSequential.code).toBe(2);
    expect(refusedSequential.stderr).toContain('--partial');
    expect(refusedParallel).toEqual(refusedSequential);
  });

  it('analyses small snapshots in this process by default, where workers would only add their start-up', async () => {
    // A worker module that would make the run note a fallback if it were started.
    const r = await run([OLD, NEW], { workerUrl: workerModule('process.exit(1);') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r).toEqual(await run([OLD, NEW], { parallel: false }));
  });

  it('does not start workers when findings are not asked for', async () => {
    // A worker module that would make the run note a fallback if it were started.
    const r = await run([OLD, NEW, '--no-findings'], { parallel: true, workerUrl: workerModule('process.exit(1);') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^note: findings not compared \(not asked for\)$/m);
  });
});

describe('the analysis worker', () => {
  it('reports a file that cannot be imported as a load error with its one-line message', async () => {
    const r = await analyseFile({ file: join(dir, 'missing.json'), partial: false });
    expect(r.kind).toBe('error');
    if (r.kind === 'error') {
      expect(r.stage).toBe('load');
      expect(r.message.split('\n')).toHaveLength(1);
    }
  });

  it('posts back plain data equal to the analysis made in this process', async () => {
    const running = startParallelAnalysis(OLD, diffFixturePath('base.json'), { partial: false });
    const fallbacks: string[] = [];
    const analyses = await collectAnalyses(running, { old: snapshotOf(older()), new: snapshotOf(base()) }, (side) => fallbacks.push(side));
    expect(fallbacks).toEqual([]);
    const inProcess = await analyseFile({ file: OLD, partial: false });
    expect(inProcess.kind).toBe('ok');
    if (inProcess.kind === 'ok') {
      expect(analyses?.old.findings).toEqual(inProcess.findings);
      expect(analyses?.old.escalation).toEqual(inProcess.escalation);
      expect(inProcess.escalation.paths.length).toBeGreaterThan(0);
    }
  });
});
