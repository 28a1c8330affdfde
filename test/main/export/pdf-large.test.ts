// A report of 10,000 findings printed to PDF through the installed Chromium (the CLI's and web
// mode's path; the app prints the same HTML): pages, size, the evidence block first, every
// finding present with its triage. Also: a failed print or write leaves no file and says why in one line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../../core/report/index';
import {
  findChromium,
  pdfTagged,
  printFailure,
  renderPdf,
  TAGGED_PDF_MAX_HTML_CHARS,
} from '../../../main/export/pdf';
import { syntheticMark, syntheticReport } from '../../core/report/synthetic-report';

const dir = mkdtempSync(join(tmpdir(), 'ariadne-pdf-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Chromium is installed on the development machines and in CI; elsewhere the print tests are skipped.
const chromium = findChromium();
const N = 10_000;

/** The text of pages `first`..`last` of `file` (poppler's pdftotext), or undefined when it is not installed. */
function pdfText(file: string, first?: number, last?: number): string | undefined {
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  try {
    return execFileSync('pdftotext', [...range, file, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Pages of a PDF, counted from its page objects. */
function pageCount(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

describe('printing a report of 10,000 findings', () => {
  it.skipIf(!chromium)(
    'gives a paginated PDF of sane size with the evidence block first and every finding and its triage in it',
    async () => {
      const html = writeHtmlReport(syntheticReport(N));
      const out = join(dir, 'large.pdf');
      const started = Date.now();
      const result = await renderPdf(html, out);
      const bytes = readFileSync(out);
      const pages = pageCount(bytes);
      // A figure for the report, not an assertion (the machine may be busy).
      console.log(
        `${N} findings: ${pages} pages, ${bytes.length} bytes, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(result.bytes).toBe(bytes.length);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(result.tagged).toBe(false);
      // Rows: several findings a page (cards gave about two).
      expect(pages).toBeGreaterThan(N / 20);
      expect(pages).toBeLessThan(N / 3);
      expect(bytes.length).toBeLessThan(64 * 1024 * 1024);
      const text = pdfText(out);
      if (text === undefined) return;
      const first = pdfText(out, 1, 1) ?? '';
      expect(first).toContain('IAM audit of account 111111111111');
      expect(first).toContain('b'.repeat(64));
      expect(first).toContain('Summary');
      const marks = new Set(text.match(/FX\d{6}/g));
      expect(marks.has(syntheticMark(0))).toBe(true);
      expect(marks.has(syntheticMark(N - 1))).toBe(true);
      expect(marks.size).toBe(N);
      // pdftotext joins a word the column wrapped at its hyphen.
      expect(text).toMatch(/accepted-?risk/);
      expect(text).toMatch(new RegExp(`ticket SEC-?${97 * 100}`));
      expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    },
    120_000,
  );

  it('prints the largest reports untagged and the others tagged', () => {
    expect(pdfTagged('x'.repeat(TAGGED_PDF_MAX_HTML_CHARS))).toBe(true);
    expect(pdfTagged('x'.repeat(TAGGED_PDF_MAX_HTML_CHARS + 1))).toBe(false);
    expect(pdfTagged(writeHtmlReport(syntheticReport(N)))).toBe(false);
  });

  it.skipIf(!chromium)(
    'leaves no file behind when the PDF cannot be written, and says why in one line',
    async () => {
      const out = join(dir, 'missing-folder', 'report.pdf');
      const error = await renderPdf('<p>x</p>', out).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^`.*report\.pdf`: cannot write the PDF \(enoent\)$/);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
    },
  );

  it('says in one line that Chromium could not print when the browser does not start, and writes nothing', async () => {
    const out = join(dir, 'never.pdf');
    const error = await renderPdf('<p>x</p>', out, { executablePath: '/bin/false' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^Chromium could not print the report \(0\.0 MB of HTML\): /);
    expect(message).not.toContain('\n');
    expect(existsSync(out)).toBe(false);
  });

  it('turns Chromium’s bare `Printing failed` into one line with the report’s size and what to do instead', () => {
    const e = new Error(
      'page.pdf: Protocol error (Page.printToPDF): Printing failed\n    at renderPdf (pdf.ts:1:1)',
    );
    expect(printFailure(e, 'x'.repeat(11 * 1024 * 1024)).message).toBe(
      'Chromium could not print the report (11.0 MB of HTML): Printing failed: large reports need several GB ' +
        'of memory to print; the HTML, CSV and JSON reports hold the same findings',
    );
    expect(printFailure(new Error('page.setContent: Timeout 600000ms exceeded.'), '<p>').message).toBe(
      'Chromium could not print the report (0.0 MB of HTML): Timeout 600000ms exceeded.',
    );
  });
});
