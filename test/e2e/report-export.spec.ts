// Reports exported from the app (web mode, demo account): a finding triaged as accepted risk with
// a note, then the HTML report (evidence block and the note), the findings and principals CSV,
// SARIF valid against the 2.1.0 schema, and the PDF printed by main (its first page as PNG).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { expect, test, type Download, type Page } from '@playwright/test';
import { acceptPassRoleRisk, collectErrors, openFindings, TOKEN } from './helpers';

const root = resolve(import.meta.dirname, '../..');
const screens = resolve(root, 'test-results/screens');
const NOTE = 'prototype account, reviewed by security (SEC-1412)';

// Tracing would copy the 10,000-finding analysis below: off in this file (screenshots are explicit).
test.use({ trace: 'off' });

test.beforeAll(() => mkdirSync(screens, { recursive: true }));

async function exportAs(page: Page, format: string): Promise<{ download: Download; text: Buffer }> {
  const control = page.getByRole('group', { name: 'Export report' });
  await control.getByLabel('Report format').selectOption(format);
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await control.getByRole('button', { name: 'Export report' }).click();
  const download = await downloading;
  await expect(control.getByRole('status')).toHaveText(`Saved ${download.suggestedFilename()}.`);
  return { download, text: readFileSync((await download.path())!) };
}

function sarifValidator() {
  // The OASIS schema is draft-04; Ajv 8 reads it once `id` is spelt `$id` (as test/core/report does).
  const schema = JSON.parse(readFileSync(resolve(root, '../shared/sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

test('exports HTML, CSV, SARIF and PDF reports that carry the evidence block and the triage note', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await openFindings(page);

  // Triage one finding as accepted risk with a note.
  await acceptPassRoleRisk(page, NOTE);

  // The control: reachable by keyboard, with an accessible name, enabled once the analysis is done.
  const control = page.getByRole('group', { name: 'Export report' });
  const button = control.getByRole('button', { name: 'Export report' });
  await expect(button).toBeEnabled();
  await control.getByLabel('Report format').focus();
  await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await control.screenshot({ path: resolve(screens, 'report-export-control.png') });
  await page.screenshot({ path: resolve(screens, 'report-export-findings.png') });

  // HTML: the evidence block and the note.
  const html = await exportAs(page, 'html');
  expect(html.download.suggestedFilename()).toBe('larkspur-prod-audit.html');
  const htmlText = html.text.toString('utf8');
  expect(htmlText).toMatch(/snapshot SHA-256<\/th><td><code>[0-9a-f]{64}<\/code>/);
  expect(htmlText).toContain('111122223333');
  expect(htmlText).toContain('collected at');
  expect(htmlText).toContain('rule set');
  expect(htmlText).toContain(NOTE);

  // CSV, one row per finding: the accepted risk with its justification on the PassRole row.
  const csv = await exportAs(page, 'csv');
  expect(csv.download.suggestedFilename()).toBe('larkspur-prod-findings.csv');
  const csvText = csv.text.toString('utf8');
  const noted = csvText.split('\n').filter((l) => l.includes(NOTE));
  expect(noted.length).toBe(1);
  expect(noted[0]).toContain('accepted-risk');
  expect(noted[0]).toContain('iam:PassRole');
  expect(noted[0]).toContain('dan.kowalski');

  // CSV, one row per principal.
  const principals = await exportAs(page, 'principals-csv');
  expect(principals.download.suggestedFilename()).toBe('larkspur-prod-principals.csv');
  expect(principals.text.toString('utf8')).toContain('PlatformAdmin');

  // SARIF 2.1.0, valid against the schema, the triage carried as a suppression.
  const sarif = await exportAs(page, 'sarif');
  expect(sarif.download.suggestedFilename()).toBe('larkspur-prod-audit.sarif');
  const log = JSON.parse(sarif.text.toString('utf8'));
  const validate = sarifValidator();
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(JSON.stringify(log)).toContain(NOTE);

  // PDF, printed by main through Chromium, downloaded by the page.
  const pdf = await exportAs(page, 'pdf');
  expect(pdf.download.suggestedFilename()).toBe('larkspur-prod-audit.pdf');
  expect(pdf.text.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pdfPath = resolve(screens, 'report-export.pdf');
  await pdf.download.saveAs(pdfPath);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    pdfPath,
    resolve(screens, 'report-export-pdf'),
  ]);
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('111122223333');
  expect(errors).toEqual([]);
});

test('the Overview offers the same control for the Markdown and JSON reports', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  const control = page.getByRole('group', { name: 'Export report' });
  await expect(control.getByRole('button', { name: 'Export report' })).toBeEnabled({ timeout: 30_000 });
  const md = await exportAs(page, 'md');
  expect(md.download.suggestedFilename()).toBe('larkspur-prod-audit.md');
  expect(md.text.toString('utf8')).toMatch(/\| snapshot SHA-256 \| `[0-9a-f]{64}` \|/);
  const json = await exportAs(page, 'json');
  expect(JSON.parse(json.text.toString('utf8')).snapshot.account).toBe('111122223333');
  await page.screenshot({ path: resolve(screens, 'report-export-overview.png') });
  expect(errors).toEqual([]);
});

test.describe('a report of 10,000 findings', () => {
  test('is written off the UI thread: the longest main-thread task during the export is printed', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const errors = collectErrors(page);
    await page.goto(`/?token=${TOKEN}`);
    await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
    const control = page.getByRole('group', { name: 'Export report' });
    await expect(control.getByRole('button', { name: 'Export report' })).toBeEnabled({ timeout: 30_000 });
    // Grow the cached analysis of the demo to 10,000 findings (copies of its own, with new ids).
    const count = await page.evaluate(async () => {
      const req = <T>(r: IDBRequest<T>): Promise<T> =>
        new Promise((ok, fail) => {
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
      const db = await req(indexedDB.open('ariadne'));
      for (let i = 0; i < 100; i++) {
        const all = (await req(db.transaction('analysis').objectStore('analysis').getAll())) as {
          result: { findings: { id: string }[] };
        }[];
        const rec = all[0];
        if (rec) {
          const base = rec.result.findings;
          rec.result.findings = Array.from({ length: 10_000 }, (_, n) => ({
            ...base[n % base.length]!,
            id: `${base[n % base.length]!.id}/${n}`,
          }));
          await req(db.transaction('analysis', 'readwrite').objectStore('analysis').put(rec));
          db.close();
          return rec.result.findings.length;
        }
        await new Promise((ok) => setTimeout(ok, 100));
      }
      db.close();
      return 0;
    });
    expect(count).toBe(10_000);
    await page.reload();
    await expect(control.getByRole('button', { name: 'Export report' })).toBeEnabled({ timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
      }).observe({ type: 'longtask' });
    });
    await control.getByLabel('Report format').selectOption('html');
    const downloading = page.waitForEvent('download', { timeout: 120_000 });
    const t0 = Date.now();
    await control.getByRole('button', { name: 'Export report' }).click();
    // The page keeps answering while the worker writes: a round trip through the UI thread.
    const pings: number[] = [];
    let done = false;
    void downloading.then(() => (done = true));
    while (!done) {
      const p0 = Date.now();
      await page.evaluate(() => 1);
      pings.push(Date.now() - p0);
      await new Promise((ok) => setTimeout(ok, 50));
    }
    const download = await downloading;
    const ms = Date.now() - t0;
    const html = readFileSync((await download.path())!, 'utf8');
    // Over 2,000 findings a report lists them as rows (core/report/html/finding-rows.ts).
    expect(html.match(/<tr id="f-\d+">/g)?.length).toBe(10_000);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(
      `10,000-finding HTML report exported from the app: ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB in ${ms} ms; ` +
        `main-thread long tasks meanwhile: ${longTasks.length} (longest ${Math.max(0, ...longTasks)} ms); ` +
        `UI round trips: ${pings.length}, slowest ${Math.max(0, ...pings)} ms`,
    );
    expect(errors).toEqual([]);
  });
});
