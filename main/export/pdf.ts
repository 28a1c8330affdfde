// Prints the HTML report to PDF with playwright-core and an installed Chromium or Chrome, every
// network request blocked. Node-only: imports node:* and playwright-core; never electron (the
// app's printToPDF path prints the same HTML).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

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

/** Options of `renderPdf`. */
export interface PdfOptions {
  /** The browser's executable (default: `findChromium()`). */
  readonly executablePath?: string;
}

/** What `renderPdf` did. */
export interface PdfResult {
  /** Bytes written. */
  readonly bytes: number;
  /** Requests the page tried and that were blocked (none for Ariadne's reports). */
  readonly blocked: readonly string[];
}

/**
 * Prints `html` to an A4 PDF at `outFile`. The page's own CSS carries the running header and the
 * page numbers (`@page` margin boxes), so the app's printToPDF gives the same pages.
 * Throws NoChromiumError when no browser is found.
 */
export async function renderPdf(html: string, outFile: string, options: PdfOptions = {}): Promise<PdfResult> {
  const executablePath = findChromium(options.executablePath);
  if (!executablePath) throw new NoChromiumError();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  const blocked: string[] = [];
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      outline: true,
      tagged: true,
    });
    await writeFile(outFile, pdf);
    return { bytes: pdf.length, blocked };
  } finally {
    await browser.close();
  }
}
