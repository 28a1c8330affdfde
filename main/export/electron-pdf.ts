// The desktop app's PDF printer: loads the report HTML in a hidden, locked-down window and calls
// Electron's `webContents.printToPDF`. Imports no electron (main/window.ts builds the window and
// passes it in), so it is unit-tested with a fake window; the real glue cannot run here (no Electron binary).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Reports whose HTML is longer than this (3,000 to 6,000 findings as rows; 2,000 cards stay
 * below it) are printed without PDF tags. Chromium's structure tree is one object per element:
 * on 5,000 findings as rows it made the PDF 6.8 times larger (20 MB against 3.0 MB) and the
 * print 1.6 times slower.
 */
export const TAGGED_PDF_MAX_HTML_CHARS = 4_000_000;

/**
 * True when `html` is printed as a tagged (accessible) PDF: every report but the largest. Both
 * printers ask; it lives here so that the app's main process never imports main/export/pdf.ts.
 */
export function pdfTagged(html: string): boolean {
  return html.length <= TAGGED_PDF_MAX_HTML_CHARS;
}

/**
 * Electron's `printToPDF` options the report is printed with (the same pages as the CLI's
 * playwright path); the largest reports are printed without tags (`pdfTagged`).
 */
export const ELECTRON_PDF_OPTIONS = Object.freeze({
  pageSize: 'A4',
  printBackground: true,
  // The report's CSS sets `@page` size, margins and the running header and page numbers.
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
} as const);

/** The options `printToPDF` receives. */
export type ElectronPdfOptions = Omit<typeof ELECTRON_PDF_OPTIONS, 'generateTaggedPDF'> & {
  readonly generateTaggedPDF: boolean;
};

/** The `printToPDF` options of `html`: ELECTRON_PDF_OPTIONS, untagged when the report is very large. */
export function electronPdfOptions(html: string): ElectronPdfOptions {
  return { ...ELECTRON_PDF_OPTIONS, generateTaggedPDF: pdfTagged(html) };
}

/** What the printer uses of a hidden BrowserWindow (a structural subset of Electron's). */
export interface PdfWindow {
  readonly webContents: {
    readonly session: {
      readonly webRequest: {
        onBeforeRequest(
          listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
        ): void;
      };
    };
    on(
      event: 'will-navigate' | 'will-redirect',
      listener: (event: { preventDefault(): void }) => void,
    ): unknown;
    setWindowOpenHandler(handler: () => { action: 'deny' }): void;
    printToPDF(options: ElectronPdfOptions): Promise<Uint8Array>;
  };
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
}

/** Options of the printer. */
export interface ElectronPdfPrinterOptions {
  /** Folder for the temporary HTML file (default: the system's temporary folder). */
  readonly tmpDir?: string;
  /** Milliseconds before a hung load or print is given up (default 10 min; 10,000 findings as rows print in under a minute). */
  readonly timeoutMs?: number;
}

/**
 * True when the hidden window may fetch `url`: only the report file itself. The report is
 * self-contained (inline CSS and SVG), so anything else is refused, `data:` and `blob:` included.
 */
export function pdfRequestAllowed(url: string, reportUrl: string): boolean {
  return url === reportUrl;
}

/** Rejects after `ms` unless `work` settles first. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`pdf: ${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Creates the desktop PDF printer over `openWindow` (main/window.ts's createPdfWindow: hidden,
 * sandboxed, context-isolated, JavaScript off, no preload, its own in-memory session). Prints one
 * report at a time; every window and temporary file is removed whatever happens.
 */
export function createElectronPdfPrinter(
  openWindow: () => PdfWindow,
  options: ElectronPdfPrinterOptions = {},
): (html: string) => Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  let queue: Promise<unknown> = Promise.resolve();
  const printOne = async (html: string): Promise<Uint8Array> => {
    // A file, not a data: URL: Chromium caps URLs at 2 MB and large reports are bigger.
    const dir = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'ariadne-pdf-'));
    const file = join(dir, 'report.html');
    const reportUrl = pathToFileURL(file).href;
    let win: PdfWindow | undefined;
    try {
      await writeFile(file, html, 'utf8');
      win = openWindow();
      const contents = win.webContents;
      contents.session.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !pdfRequestAllowed(details.url, reportUrl) }),
      );
      contents.on('will-navigate', (event) => event.preventDefault());
      contents.on('will-redirect', (event) => event.preventDefault());
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
      await withTimeout(win.loadURL(reportUrl), timeoutMs, 'loading the report');
      return await withTimeout(
        contents.printToPDF(electronPdfOptions(html)),
        timeoutMs,
        'printing the report',
      );
    } finally {
      if (win && !win.isDestroyed()) win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
  return (html) => {
    const run = queue.then(() => printOne(html));
    queue = run.catch(() => undefined);
    return run;
  };
}
