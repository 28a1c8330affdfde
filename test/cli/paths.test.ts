import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { repoRoot } from '../core/snapshot/helpers';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['paths', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const demo = resolve(repoRoot, 'examples/demo-account.json');
const dir = mkdtempSync(join(tmpdir(), 'ariadne-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ariadne paths', () => {
  it('prints the admins and paths of the demo account as SPEC.md JSON', async () => {
    const r = await run(demo, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { admins: string[]; paths: { principal: string; conditional: boolean; steps: Record<string, unknown>[] }[] };
    expect(report.admins).toEqual(['arn:aws:iam::111122223333:role/PlatformAdmin', 'arn:aws:iam::111122223333:user/automation/ci-release']);
    const ci = report.paths.find((p) => p.principal === 'arn:aws:iam::111122223333:user/automation/ci-release')!;
    expect(Object.keys(ci.steps[0]!).sort()).toEqual(['conditional', 'from', 'method', 'pathfindingId', 'permissions', 'prerequisites', 'target', 'to']);
    expect(ci.steps[0]).toMatchObject({ to: 'admin', method: 'iam.create-policy-version', pathfindingId: 'iam-001', permissions: ['iam:CreatePolicyVersion'], conditional: false, prerequisites: [] });
  });

  it('limits the output to one principal with --from', async () => {
    const r = await run(demo, '--json', '--from', 'arn:aws:iam::111122223333:user/dan.kowalski');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { paths: { principal: string }[] };
    expect(report.paths.map((p) => p.principal)).toEqual(['arn:aws:iam::111122223333:user/dan.kowalski']);
  });

  it('prints readable text by default', async () => {
    const r = await run(demo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^admins \(2\)$/m);
    expect(r.stdout).toContain('lambda.create-function.invoke, lambda-001: iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction');
    expect(r.stdout).toContain('[conditional]');
  });

  it('rejects an unknown --from principal with exit code 2', async () => {
    const r = await run(demo, '--from', 'arn:aws:iam::111122223333:user/nobody');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ariadne paths: --from: `arn:aws:iam::111122223333:user/nobody` is not a principal of the snapshot\n');
  });

  it('rejects a missing snapshot and an unknown option as usage errors', async () => {
    expect((await run()).code).toBe(2);
    const r = await run(demo, '--frm', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ariadne paths: unknown option `--frm`/);
  });

  it('reports a file that is not JSON without a stack trace', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const r = await run(bad);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });
});
