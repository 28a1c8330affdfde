// Electron main process entry: one instance, hardened session, the main window on the renderer.
// Keep this glue thin: everything testable lives in Node-only modules beside it.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createMainWindow, hardenSession } from './window';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.enableSandbox();
  void app.whenReady().then(() => {
    hardenSession();
    const win = createMainWindow();
    const devUrl = process.env['ELECTRON_RENDERER_URL'];
    if (devUrl) void win.loadURL(devUrl);
    else void win.loadFile(join(__dirname, '../renderer/index.html'));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
