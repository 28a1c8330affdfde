// Web mode's PDF printer: the report HTML printed by playwright-core and an installed Chromium
// (main/export/pdf.ts, the CLI's path), read back as bytes for the page to download.
// Node-only: imports node:* and main/export; never electron.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf, type PdfOptions } from '../export/pdf';

/** Prints `html` to PDF bytes through a temporary file that is always removed. */
export async function printPdfWithChromium(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ariadne-web-pdf-'));
  try {
    const out = join(dir, 'report.pdf');
    await renderPdf(html, out, options);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
