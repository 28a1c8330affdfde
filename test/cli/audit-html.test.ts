import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { findChromium } from '../../main/export/pdf';
import { repoRoot } from '../core/snapshot/helpers';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['audit', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const demo = resolve(repoRoot, 'examples/demo-account.json');
const dir = mkdtempSync(join(tmpdir(), 'ariadne-audit-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Chromium is installed on the development machines and in CI; elsewhere the PDF test is skipped.
const chromium = findChromium();

describe('ariadne audit --format html|pdf', () => {
  it('writes the HTML report with its evidence block to --out', async () => {
    const out = join(dir, 'report.html');
    const r = await run(demo, '--format', 'html', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/findings written to/);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('111122223333');
    expect(html).toMatch(/<th>snapshot SHA-256<\/th><td><code>[0-9a-f]{64}<\/code>/);
    expect(html).toContain('<svg class="path"');
  });

  it('prints the HTML report to stdout without --out', async () => {
    const r = await run(demo, '--format', 'html');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('</html>');
  });

  it('refuses --format pdf without --out', async () => {
    const r = await run(demo, '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format pdf: needs --out FILE/);
  });

  it('says what to install when no Chromium is found', async () => {
    const saved = process.env['ARIADNE_CHROMIUM'];
    process.env['ARIADNE_CHROMIUM'] = join(dir, 'no-such-chromium');
    try {
      const r = await run(demo, '--format', 'pdf', '--out', join(dir, 'none.pdf'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no Chromium or Chrome found: install `chromium`/);
      expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['ARIADNE_CHROMIUM'];
      else process.env['ARIADNE_CHROMIUM'] = saved;
    }
  });

  it.skipIf(!chromium)(
    'writes an A4 PDF to --out through Chromium',
    async () => {
      const out = join(dir, 'report.pdf');
      const r = await run(demo, '--format', 'pdf', '--out', out);
      expect(r.stderr).toMatch(/findings written to/);
      expect(r.code).toBe(0);
      const bytes = readFileSync(out);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(1);
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    },
    60_000,
  );
});
