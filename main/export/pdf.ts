// Prints the HTML report to PDF with playwright-core and an installed Chromium or Chrome, every
// network request blocked. Node-only: imports node:* and playwright-core; never electron (the
// app's printToPDF path prints the same HTML).
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pdfTagged } from './electron-pdf';

export { pdfTagged, TAGGED_PDF_MAX_HTML_CHARS } from './electron-pdf';

/** Where Chromium or Chrome is looked for, after `ARIADNE_CHROMIUM`. */
export const CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** Flags of the headless browser: no sandbox (containers), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The error when no browser is found; the CLI exits 2 with it. */
export class NoChromiumError extends Error {
  constructor() {
    super(
      'pdf: no Chromium or Chrome found: install `chromium` (e.g. `apt install chromium`) or Google Chrome, or set ARIADNE_CHROMIUM to its executable',
    );
    this.name = 'NoChromiumError';
  }
}

/** The browser to use: `explicit`, then `ARIADNE_CHROMIUM`, then the usual paths; undefined when none exists. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = explicit ?? env['ARIADNE_CHROMIUM'];
  if (wanted) return existsSync(wanted) ? wanted : undefined;
  return CHROMIUM_PATHS.find((p) => existsSync(p));
}

/** Default milliseconds before loading or printing the report is given up (10 min each). */
export const PDF_TIMEOUT_MS = 600_000;

/** Options of `renderPdf`. */
export interface PdfOptions {
  /** The browser's executable (default: `findChromium()`). */
  readonly executablePath?: string;
  /** Milliseconds before loading, then printing, is given up (default `PDF_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
}

/** What `renderPdf` did. */
export interface PdfResult {
  /** Bytes written. */
  readonly bytes: number;
  /** Requests the page tried and that were blocked (none for Ariadne's reports). */
  readonly blocked: readonly string[];
  /** Whether the PDF carries tags (see `pdfTagged`). */
  readonly tagged: boolean;
}

/** The one-line error of a failed print of `html`, saying how large it was (Chromium says only `Printing failed`). */
export function printFailure(e: unknown, html: string): Error {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  const mb = (html.length / 1024 / 1024).toFixed(1);
  // Playwright prefixes `page.pdf: Protocol error (Page.printToPDF): `; the cause is what follows.
  const cause = line.replace(/^.*\(Page\.printToPDF\):\s*/, '').replace(/^\w+\.\w+:\s*/, '');
  // Chromium says only `Printing failed` when the print job loses a process or memory runs out
  // (13,686 findings as rows peak at a 4 GB renderer; as cards they took 8 GB and 10 minutes).
  const hint = /printing failed|target.*closed|crashed/i.test(cause)
    ? ': large reports need several GB of memory to print; the HTML, CSV and JSON reports hold the same findings'
    : '';
  return new Error(`Chromium could not print the report (${mb} MB of HTML): ${cause}${hint}`, { cause: e });
}

/**
 * Prints `html` to an A4 PDF at `outFile`. The page's own CSS carries the running header and the
 * page numbers (`@page` margin boxes), so the app's printToPDF gives the same pages. The PDF is
 * written beside `outFile` under a temporary name, then renamed: a failed print or write leaves
 * no file behind. Throws NoChromiumError when no browser is found, an Error of one line otherwise.
 */
export async function renderPdf(html: string, outFile: string, options: PdfOptions = {}): Promise<PdfResult> {
  const executablePath = findChromium(options.executablePath);
  if (!executablePath) throw new NoChromiumError();
  const timeout = options.timeoutMs ?? PDF_TIMEOUT_MS;
  const tagged = pdfTagged(html);
  const { chromium } = await import('playwright-core');
  const blocked: string[] = [];
  let pdf: Buffer;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout });
    await page.emulateMedia({ media: 'print' });
    pdf = await withTimeout(
      page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        outline: true,
        tagged,
      }),
      timeout,
    );
  } catch (e) {
    throw printFailure(e, html);
  } finally {
    await browser?.close();
  }
  const partial = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.part`);
  try {
    await writeFile(partial, pdf);
    await rename(partial, outFile);
  } catch (e) {
    await rm(partial, { force: true });
    const code = typeof e === 'object' && e && 'code' in e ? String(e.code) : 'unwritable';
    throw new Error(`\`${outFile}\`: cannot write the PDF (${code.toLowerCase()})`, { cause: e });
  }
  return { bytes: pdf.length, blocked, tagged };
}

/** Rejects after `ms` unless `work` settles first (page.pdf has no timeout of its own). */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`printing took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
