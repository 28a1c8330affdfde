// The desktop PDF printer over a fake hidden window: what it loads, which requests it lets
// through, the printToPDF options, and that window and temporary file go whatever happens.
// (The real BrowserWindow glue in main/window.ts needs the Electron binary, absent here.)
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createElectronPdfPrinter,
  ELECTRON_PDF_OPTIONS,
  electronPdfOptions,
  pdfRequestAllowed,
  type PdfWindow,
} from '../../../main/export/electron-pdf';
import { TAGGED_PDF_MAX_HTML_CHARS } from '../../../main/export/pdf';

const tmp = mkdtempSync(join(tmpdir(), 'ariadne-electron-pdf-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

interface Fake {
  win: PdfWindow;
  loaded: string[];
  htmlSeen: string[];
  printed: unknown[];
  destroyed: () => boolean;
  filter: (url: string) => boolean | undefined;
  navigation: (event: 'will-navigate' | 'will-redirect') => boolean;
  openHandler: () => unknown;
}

function fakeWindow(behaviour: { load?: () => Promise<void>; print?: () => Promise<Uint8Array> } = {}): Fake {
  let destroyed = false;
  let listener: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  const nav = new Map<string, (e: { preventDefault(): void }) => void>();
  let openHandler: (() => unknown) | undefined;
  const fake: Fake = {
    loaded: [],
    htmlSeen: [],
    printed: [],
    destroyed: () => destroyed,
    filter: (url) => {
      let cancel: boolean | undefined;
      listener?.({ url }, (r) => (cancel = r.cancel));
      return cancel === undefined ? undefined : !cancel;
    },
    navigation: (event) => {
      let prevented = false;
      nav.get(event)?.({ preventDefault: () => (prevented = true) });
      return prevented;
    },
    openHandler: () => openHandler?.(),
    win: {
      webContents: {
        session: { webRequest: { onBeforeRequest: (l) => (listener = l) } },
        on: (event, l) => nav.set(event, l),
        setWindowOpenHandler: (h) => (openHandler = h),
        printToPDF: async (options) => {
          fake.printed.push(options);
          return behaviour.print ? behaviour.print() : PDF;
        },
      },
      loadURL: async (url) => {
        fake.loaded.push(url);
        fake.htmlSeen.push(readFileSync(fileURLToPath(url), 'utf8'));
        if (behaviour.load) await behaviour.load();
      },
      destroy: () => (destroyed = true),
      isDestroyed: () => destroyed,
    },
  };
  return fake;
}

describe('the desktop PDF printer', () => {
  it('loads the report from a temporary file, prints it A4 with backgrounds and the CSS page size, then cleans up', async () => {
    const fake = fakeWindow();
    const print = createElectronPdfPrinter(() => fake.win, { tmpDir: tmp });
    const html = '<!doctype html><title>r</title><p>SEC-1412</p>';
    expect(await print(html)).toEqual(PDF);
    expect(fake.htmlSeen).toEqual([html]);
    expect(fake.loaded[0]).toMatch(/^file:\/\/.*\/report\.html$/);
    expect(fake.printed).toEqual([ELECTRON_PDF_OPTIONS]);
    expect(ELECTRON_PDF_OPTIONS).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    expect(fake.destroyed()).toBe(true);
    expect(existsSync(fileURLToPath(fake.loaded[0]!))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('prints the largest reports without PDF tags, and the others with them', async () => {
    const fake = fakeWindow();
    const print = createElectronPdfPrinter(() => fake.win, { tmpDir: tmp });
    await print('<p>small</p>');
    await print(`<p>${'x'.repeat(TAGGED_PDF_MAX_HTML_CHARS)}</p>`);
    expect(fake.printed).toEqual([
      { ...ELECTRON_PDF_OPTIONS, generateTaggedPDF: true },
      { ...ELECTRON_PDF_OPTIONS, generateTaggedPDF: false },
    ]);
    expect(electronPdfOptions('<p>small</p>')).toEqual(ELECTRON_PDF_OPTIONS);
  });

  it('lets the window fetch the report file and nothing else, and denies navigation and new windows', async () => {
    const fake = fakeWindow();
    await createElectronPdfPrinter(() => fake.win, { tmpDir: tmp })('<p>x</p>');
    const report = fake.loaded[0]!;
    expect(fake.filter(report)).toBe(true);
    expect(fake.filter('https://example.com/logo.png')).toBe(false);
    expect(fake.filter('file:///etc/passwd')).toBe(false);
    expect(fake.filter('data:text/html,<p>x</p>')).toBe(false);
    expect(fake.filter(`${report}?x`)).toBe(false);
    expect(fake.navigation('will-navigate')).toBe(true);
    expect(fake.navigation('will-redirect')).toBe(true);
    expect(fake.openHandler()).toEqual({ action: 'deny' });
    expect(pdfRequestAllowed('file:///a/report.html', 'file:///a/report.html')).toBe(true);
  });

  it('destroys the window and removes the file when printing fails, and says why', async () => {
    const fake = fakeWindow({ print: () => Promise.reject(new Error('printing failed in the renderer')) });
    await expect(createElectronPdfPrinter(() => fake.win, { tmpDir: tmp })('<p>x</p>')).rejects.toThrow(
      'printing failed in the renderer',
    );
    expect(fake.destroyed()).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('gives up on a load that hangs', async () => {
    const fake = fakeWindow({ load: () => new Promise<void>(() => undefined) });
    await expect(
      createElectronPdfPrinter(() => fake.win, { tmpDir: tmp, timeoutMs: 20 })('<p>x</p>'),
    ).rejects.toThrow(/^pdf: loading the report took longer than/);
    expect(fake.destroyed()).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('prints one report at a time, in the order asked', async () => {
    const order: string[] = [];
    let open = 0;
    const print = createElectronPdfPrinter(
      () => {
        open++;
        const fake = fakeWindow({
          print: async () => {
            expect(open).toBe(1);
            await new Promise((ok) => setTimeout(ok, 5));
            order.push(fake.htmlSeen[0]!);
            open--;
            return PDF;
          },
        });
        return fake.win;
      },
      { tmpDir: tmp },
    );
    await Promise.all([print('first'), print('second'), print('third')]);
    expect(order).toEqual(['first', 'second', 'third']);
  });
});
