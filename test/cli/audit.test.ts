import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { repoRoot, samplePath } from '../core/snapshot/helpers';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['audit', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const fixture = (name: string) => resolve(repoRoot, 'test/fixtures/analyze', name);
const demo = resolve(repoRoot, 'examples/demo-account.json');
const dir = mkdtempSync(join(tmpdir(), 'ariadne-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ariadne audit', () => {
  it('prints the JSON report of SPEC.md with the SHA-256 of the input file', async () => {
    const r = await run(fixture('public-bucket.json'), '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tool.name).toBe('ariadne');
    expect(report.snapshot).toEqual({
      account: '123456789012',
      sha256: createHash('sha256')
        .update(readFileSync(fixture('public-bucket.json')))
        .digest('hex'),
      collectedAt: '2026-11-29T00:00:00Z',
    });
    expect(report.summary.critical).toBe(1);
    expect(report.findings[0].rule).toBe('resource.policy.public');
  });

  it('exits 1 when a finding reaches --fail-on', async () => {
    const r = await run(fixture('public-bucket.json'), '--fail-on', 'high');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at or above `high`/);
  });

  it('exits 0 when no finding reaches --fail-on', async () => {
    expect((await run(fixture('clean-account.json'), '--fail-on', 'info')).code).toBe(0);
    expect((await run(fixture('public-bucket.json'), '--fail-on', 'info')).code).toBe(1);
  });

  it('does not count findings triaged as accepted risk against --fail-on', async () => {
    const first = JSON.parse((await run(fixture('public-bucket.json'))).stdout).findings[0].id;
    const triage = join(dir, 'triage.json');
    writeFileSync(
      triage,
      JSON.stringify({ [first]: { state: 'accepted-risk', justification: 'public web assets' } }),
    );
    const r = await run(fixture('public-bucket.json'), '--fail-on', 'critical', '--triage', triage);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].triage).toEqual({
      state: 'accepted-risk',
      justification: 'public web assets',
    });
  });

  it('rejects an unknown severity and an unknown format with exit 2', async () => {
    const a = await run(fixture('clean-account.json'), '--fail-on', 'severe');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--fail-on: unknown severity `severe`/);
    const b = await run(fixture('clean-account.json'), '--format', 'xml');
    expect(b.code).toBe(2);
  });

  it('writes SARIF, CSV and Markdown to --out', async () => {
    for (const [format, check] of [
      ['sarif', (t: string) => expect(JSON.parse(t).version).toBe('2.1.0')],
      ['csv', (t: string) => expect(t.split('\r\n')[0]).toMatch(/^id,rule,severity,title,/)],
      ['md', (t: string) => expect(t).toMatch(/^# IAM audit of account `111122223333`/)],
    ] as const) {
      const out = join(dir, `report.${format}`);
      const r = await run(demo, '--format', format, '--out', out);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      check(readFileSync(out, 'utf8'));
    }
  });

  it('writes the per-principal CSV with the admins of the demo account', async () => {
    const out = join(dir, 'principals.csv');
    const r = await run(demo, '--format', 'csv', '--out', join(dir, 'f.csv'), '--principals-out', out);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines.find((l) => l.startsWith('arn:aws:iam::111122223333:role/PlatformAdmin,'))).toMatch(
      /,role,full,/,
    );
    expect(lines.find((l) => l.startsWith('arn:aws:iam::111122223333:user/automation/ci-release,'))).toMatch(
      /,user,shadow,/,
    );
  });

  it('skips the escalation rules with --skip-escalation and says so', async () => {
    const report = JSON.parse((await run(demo, '--skip-escalation')).stdout);
    expect(report.findings.some((f: { rule: string }) => f.rule.startsWith('admin.'))).toBe(false);
    expect(report.notes.join(' ')).toMatch(/no escalation graph/);
  });

  it('reports an input error with exit 2', async () => {
    const r = await run(join(dir, 'missing.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file/);
  });

  it('audits the cloudsplaining sample', async () => {
    const r = await run(samplePath('cloudsplaining-example.json'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.snapshot.collectedAt).toBeNull();
    expect(report.notes.join(' ')).toMatch(/credential report/);
    const rules = new Set(report.findings.map((f: { rule: string }) => f.rule));
    for (const rule of [
      'hygiene.passrole.wildcard',
      'hygiene.policy.full-admin',
      'admin.shadow',
      'escalation.path.admin',
    ])
      expect(rules).toContain(rule);
  });
});
