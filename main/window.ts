// The security baseline of every Ariadne window, in one place (Electron's security checklist).
// Imports electron; nothing else in main/ builds windows.
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import type { PdfWindow } from './export/electron-pdf';
import { CONTENT_SECURITY_POLICY, isDocumentationUrl } from './security';

/** The in-memory session of the PDF window: nothing it loads reaches the app's own session. */
const PDF_PARTITION = 'ariadne-pdf';

/** Creates the main window with the hardened web preferences. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Ariadne',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // Navigation and new windows are denied; external links go to the system browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isDocumentationUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  return win;
}

/** Session-wide hardening: deny every permission request and enforce the CSP on every response. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/**
 * A hidden window for printing a report to PDF (main/export/electron-pdf.ts): sandboxed,
 * context-isolated, JavaScript off, no preload, its own in-memory session with every permission
 * denied. The printer blocks every request but the report file and denies navigation.
 */
export function createPdfWindow(): PdfWindow {
  const ses = session.fromPartition(PDF_PARTITION);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  return new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      // Written out, not spread from a shared constant: Electronegativity checks each window's
      // literal preferences (a spread hides them and it reports high findings).
      partition: PDF_PARTITION,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
