// Electron glue of the IPC contract: registers one ipcMain handler per channel, drops calls from
// any sender but the main window's own page, and validates every payload (main/ipc/dispatch.ts).
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNEL_NAMES, MENU_EVENT, PULL_EVENT, type MenuCommand } from '../../ipc/index';
import { createElectronPdfPrinter } from '../export/electron-pdf';
import { createPdfWindow } from '../window';
import { dispatch } from './dispatch';
import { createHandlers, type Dialogs } from './logic';

/** True when `frameUrl` is the app's own page: the built renderer file, or the dev server's origin. */
export function isAppUrl(frameUrl: string, rendererFile: string, devUrl: string | undefined): boolean {
  try {
    const url = new URL(frameUrl);
    if (devUrl) return url.origin === new URL(devUrl).origin;
    return url.protocol === 'file:' && url.pathname === new URL(pathToFileURL(rendererFile)).pathname;
  } catch {
    return false;
  }
}

/** Registers every channel's handler for `win`; returns a function that removes them. */
export function registerIpc(win: BrowserWindow, rendererFile: string): () => void {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  const dialogs: Dialogs = {
    chooseOpenPaths: async () => {
      const r = await dialog.showOpenDialog(win, {
        title: 'Open snapshot',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Snapshots', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }],
      });
      return r.canceled ? undefined : r.filePaths;
    },
    chooseSavePath: async (suggestedName) => {
      const r = await dialog.showSaveDialog(win, { title: 'Save export', defaultPath: suggestedName });
      return r.canceled ? undefined : r.filePath;
    },
  };
  const handlers = createHandlers({
    mode: 'desktop',
    version: app.getVersion(),
    stateDir: join(app.getPath('userData'), 'state'),
    dialogs,
    // Reports print in a hidden, locked-down window through Electron's printToPDF.
    printPdf: createElectronPdfPrinter(createPdfWindow),
    versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
    // A pull's progress goes to this window only, on the one pull push channel; never a credential.
    onPullProgress: (message) => {
      if (!win.isDestroyed()) win.webContents.send(PULL_EVENT, message);
    },
  });
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    !win.isDestroyed() && event.sender === win.webContents && event.senderFrame !== null && isAppUrl(event.senderFrame.url, rendererFile, devUrl);
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!trusted(event)) throw new Error(`${channel}: untrusted sender`);
      const result = await dispatch(handlers, channel, payload);
      if (result.kind !== 'ok') throw new Error(result.message);
      return result.value;
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Sends a menu command to the renderer of `win`. */
export function sendMenuCommand(win: BrowserWindow | undefined, command: MenuCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send(MENU_EVENT, command);
}
