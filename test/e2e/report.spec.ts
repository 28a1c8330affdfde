// The HTML audit report in Chromium (served from 127.0.0.1, never file://): no request besides
// the page, no console error; then the PDFs of the demo and the cloudsplaining sample, turned into
// PNG pages with pdftoppm for a look; and a 10,000-finding report, whose size and load time are printed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  analyzeSnapshot,
  escalationOf,
  RULESET_VERSION,
  writeHtmlReport,
  type Finding,
  type ReportInput,
} from '../../core/index';
import type { Snapshot } from '../../core/model/snapshot';
import { readSnapshotFiles } from '../../main/import/index';
import { renderPdf } from '../../main/export/pdf';

const root = resolve(import.meta.dirname, '../..');
const screens = resolve(root, 'test-results/screens');
const DEMO = resolve(root, 'examples/demo-account.json');
const SAMPLE = resolve(root, '../shared/samples/cloudsplaining-example.json');

async function reportOf(file: string): Promise<{ input: ReportInput; snapshot: Snapshot }> {
  const r = await readSnapshotFiles([file]);
  if (r.kind === 'error') throw new Error(`cannot import ${file}`);
  const escalation = escalationOf(r.snapshot);
  const analysis = analyzeSnapshot(r.snapshot, { escalation, importWarnings: r.diagnostics });
  return {
    snapshot: r.snapshot,
    input: {
      meta: {
        tool: { name: 'ariadne', version: 'e2e' },
        snapshot: {
          account: r.snapshot.account.id,
          sha256: '0123456789abcdef'.repeat(4),
          collectedAt: r.snapshot.collectedAt ?? null,
        },
        rulesetVersion: RULESET_VERSION,
      },
      analysis,
      escalation,
    },
  };
}

/** Serves one HTML page on 127.0.0.1 and nothing else (404). */
async function serve(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/report.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/report.html` };
}

/** Opens the page and returns every request and every console error or page error seen. */
async function open(page: Page, url: string): Promise<{ requests: string[]; errors: string[]; ms: number }> {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const ms = Date.now() - t0;
  return { requests, errors, ms };
}

function pdfPages(pdf: string, prefix: string): number {
  for (const f of readdirSync(screens)) if (f.startsWith(`${prefix}-`)) rmSync(resolve(screens, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, resolve(screens, prefix)]);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

// Tracing and automatic screenshots would copy the 10,000-finding DOM: off in this file (the
// screenshots wanted are taken explicitly).
test.use({ trace: 'off', screenshot: 'off' });

test.beforeAll(() => mkdirSync(screens, { recursive: true }));

test('the demo report opens with no request besides the page and no console error', async ({ page }) => {
  const { input, snapshot } = await reportOf(DEMO);
  const html = writeHtmlReport(input, snapshot);
  const { server, url } = await serve(html);
  try {
    const { requests, errors } = await open(page, url);
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await expect(page.locator('article.finding')).toHaveCount(input.analysis.findings.length);
    await expect(page.locator('svg.path').first()).toBeVisible();
    await expect(page.locator('#principals')).toBeVisible();
    await page.screenshot({ path: resolve(screens, 'report-html.png'), fullPage: false });
    await page.locator('svg.path').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(screens, 'report-html-path.png') });
  } finally {
    server.close();
  }
});

test('the PDFs of the demo and of the cloudsplaining sample are printed offline into A4 pages', async () => {
  test.setTimeout(120_000);
  for (const [name, file] of [
    ['demo', DEMO],
    ['sample', SAMPLE],
  ] as const) {
    const { input, snapshot } = await reportOf(file);
    const out = resolve(screens, `report-${name}.pdf`);
    const r = await renderPdf(writeHtmlReport(input, snapshot), out);
    expect(r.blocked).toEqual([]);
    const pages = pdfPages(out, `report-pdf-${name}`);
    expect(pages).toBeGreaterThan(1);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('0123456789abcdef'.repeat(4));
    expect(text).toMatch(new RegExp(`page 1 of ${pages}`));
    console.log(`report PDF of the ${name}: ${pages} pages, ${statSync(out).size} bytes`);
  }
});

test.describe('a report of 10,000 findings', () => {
  test('opens without a request or an error, its size and load time printed', async ({ page }) => {
    test.setTimeout(120_000);
    const { input, snapshot } = await reportOf(SAMPLE);
    const base = input.analysis.findings;
    const findings: Finding[] = Array.from({ length: 10_000 }, (_, i) => {
      const f = base[i % base.length] as Finding;
      return {
        ...f,
        id: `${f.id}/${i}`,
        principal: f.principal ? `${f.principal}-${Math.floor(i / base.length)}` : f.principal,
      };
    });
    const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
    const summary = {
      critical: count('critical'),
      high: count('high'),
      medium: count('medium'),
      low: count('low'),
      info: count('info'),
    };
    const analysis = { ...input.analysis, findings, summary };
    const t0 = Date.now();
    const html = writeHtmlReport({ ...input, analysis }, snapshot);
    const writeMs = Date.now() - t0;
    const { server, url } = await serve(html);
    try {
      const { requests, errors, ms } = await open(page, url);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      // Over 2,000 findings a report lists them as rows, one per finding.
      expect(await page.evaluate(() => document.querySelectorAll('tr[id^="f-"]').length)).toBe(10_000);
      const loadEnd = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return Math.round(nav?.loadEventEnd ?? 0);
      });
      console.log(
        `10,000-finding HTML report: ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB, written in ${writeMs} ms, load event at ${loadEnd} ms after navigation start (goto returned after ${ms} ms)`,
      );
    } finally {
      server.close();
    }
  });
});
