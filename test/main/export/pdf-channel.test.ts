// The `export:pdf` channel: its request schema (name, size cap), the handler on the desktop
// (save dialog, then print, then write) and in web mode (the bytes back to the page), the
// web bridge's larger body limit for it, and web mode's Chromium printer.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_HTML_CHARS, parseRequest } from '../../../ipc/index';
import { dispatch } from '../../../main/ipc/dispatch';
import { createHandlers, type PdfPrinter } from '../../../main/ipc/logic';
import { printPdfWithChromium } from '../../../main/web/pdf';
import { startWebServer } from '../../../main/web/server';

const PDF = Buffer.from('%PDF-1.7\n%fake\n');

function recordingPrinter(result: () => Promise<Uint8Array> = async () => PDF): {
  print: PdfPrinter;
  seen: string[];
} {
  const seen: string[] = [];
  return {
    seen,
    print: async (html) => {
      seen.push(html);
      return result();
    },
  };
}

describe('the export:pdf request', () => {
  it('accepts report HTML with a file name ending in .pdf', () => {
    expect(
      parseRequest('export:pdf', { suggestedName: 'larkspur-prod-audit.pdf', html: '<p>r</p>' }).kind,
    ).toBe('ok');
  });

  it('refuses HTML over the size cap', () => {
    const r = parseRequest('export:pdf', {
      suggestedName: 'a.pdf',
      html: 'x'.repeat(MAX_REPORT_HTML_CHARS + 1),
    });
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(/^export:pdf: invalid request at `html`:/);
  });

  it('refuses a name that is not a .pdf base name, empty HTML, extra fields and wrong types', () => {
    for (const bad of [
      { suggestedName: 'report.html', html: '<p>r</p>' },
      { suggestedName: '../../report.pdf', html: '<p>r</p>' },
      { suggestedName: 'C:\\report.pdf', html: '<p>r</p>' },
      { suggestedName: 'a.pdf', html: '' },
      { suggestedName: 'a.pdf', html: '<p>r</p>', path: '/tmp/x.pdf' },
      { suggestedName: 'a.pdf', html: 7 },
      { suggestedName: 'a.pdf' },
      null,
    ]) {
      expect(parseRequest('export:pdf', bad).kind, JSON.stringify(bad)).toBe('error');
    }
  });
});

describe('printing a report on the desktop', () => {
  async function desktop(printer: PdfPrinter, choose: string | undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'ariadne-pdf-channel-'));
    const path = choose === undefined ? undefined : join(dir, choose);
    const asked: string[] = [];
    const handlers = createHandlers({
      mode: 'desktop',
      version: '0',
      printPdf: printer,
      dialogs: {
        chooseOpenPaths: async () => undefined,
        chooseSavePath: async (name) => {
          asked.push(name);
          return path;
        },
      },
    });
    return { handlers, path, asked };
  }

  it('asks where to save, prints the HTML and writes the PDF there', async () => {
    const p = recordingPrinter();
    const { handlers, path, asked } = await desktop(p.print, 'chosen.pdf');
    const r = await dispatch(handlers, 'export:pdf', {
      suggestedName: 'demo-audit.pdf',
      html: '<p>SEC-1412</p>',
    });
    expect(r).toEqual({ kind: 'ok', value: { kind: 'saved', name: 'chosen.pdf' } });
    expect(asked).toEqual(['demo-audit.pdf']);
    expect(p.seen).toEqual(['<p>SEC-1412</p>']);
    expect(await readFile(path!)).toEqual(PDF);
  });

  it('prints nothing when the save dialog is cancelled', async () => {
    const p = recordingPrinter();
    const { handlers } = await desktop(p.print, undefined);
    expect(await dispatch(handlers, 'export:pdf', { suggestedName: 'a.pdf', html: '<p>r</p>' })).toEqual({
      kind: 'ok',
      value: { kind: 'cancelled' },
    });
    expect(p.seen).toEqual([]);
  });

  it('writes nothing and says why in one line when printing fails', async () => {
    const p = recordingPrinter(() => Promise.reject(new Error('the renderer crashed\n    at stack')));
    const { handlers, path } = await desktop(p.print, 'x.pdf');
    const r = await dispatch(handlers, 'export:pdf', { suggestedName: 'a.pdf', html: '<p>r</p>' });
    expect(r).toEqual({
      kind: 'ok',
      value: { kind: 'error', message: 'export:pdf: printing failed: the renderer crashed' },
    });
    expect(existsSync(path!)).toBe(false);
  });

  it('never runs the printer for an invalid request', async () => {
    const p = recordingPrinter();
    const { handlers, asked } = await desktop(p.print, 'x.pdf');
    const r = await dispatch(handlers, 'export:pdf', {
      suggestedName: 'a.pdf',
      html: 'x'.repeat(MAX_REPORT_HTML_CHARS + 1),
    });
    expect(r.kind).toBe('invalid');
    expect(p.seen).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('says there is no printer when the host gave none', async () => {
    const handlers = createHandlers({ mode: 'desktop', version: '0' });
    const r = await dispatch(handlers, 'export:pdf', { suggestedName: 'a.pdf', html: '<p>r</p>' });
    expect(r.kind === 'ok' && (r.value as { kind: string }).kind).toBe('error');
  });
});

describe('printing a report in web mode', () => {
  it('hands the PDF back as base64 for the page to download', async () => {
    const p = recordingPrinter();
    const handlers = createHandlers({ mode: 'web', version: '0', printPdf: p.print });
    const r = await dispatch(handlers, 'export:pdf', { suggestedName: 'demo-audit.pdf', html: '<p>r</p>' });
    expect(r).toEqual({
      kind: 'ok',
      value: { kind: 'pdf', name: 'demo-audit.pdf', base64: PDF.toString('base64') },
    });
  });

  it('takes a report larger than the bridge usual body limit through the bridge', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ariadne-web-pdf-root-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    const p = recordingPrinter();
    const web = await startWebServer({ root, token: 'pdf-bridge-token', printPdf: p.print });
    try {
      const origin = new URL(web.url).origin;
      const post = (body: unknown) =>
        fetch(`${origin}/ipc/export:pdf`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin, 'x-ariadne-token': 'pdf-bridge-token' },
          body: JSON.stringify(body),
        });
      const html = `<p>${'a'.repeat(20 * 1024 * 1024)}</p>`;
      const ok = await post({ suggestedName: 'big.pdf', html });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { value: { kind: string } }).value.kind).toBe('pdf');
      expect(p.seen[0]?.length).toBe(html.length);
      const bad = await post({ suggestedName: 'big.html', html: '<p>r</p>' });
      expect(bad.status).toBe(400);
      // Other channels keep the usual limit.
      const other = await fetch(`${origin}/ipc/app:info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-ariadne-token': 'pdf-bridge-token' },
        body: JSON.stringify({ pad: 'a'.repeat(17 * 1024 * 1024) }),
      });
      expect(other.status).toBe(413);
    } finally {
      await web.close();
    }
  });

  it('prints with the installed Chromium into bytes that start with %PDF', async () => {
    const bytes = await printPdfWithChromium('<!doctype html><title>t</title><h1>Ariadne</h1>');
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  }, 60_000);
});
