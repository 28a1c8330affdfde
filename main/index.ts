// Electron main process entry: one instance, hardened session, the main window on the renderer,
// the IPC handlers and the menu. Keep this glue thin: the logic lives in Node-only modules.
import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { registerIpc } from './ipc/register';
import { installMenu, setAboutPanel } from './menu';
import { createMainWindow, hardenSession } from './window';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    const win = mainWindow;
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.enableSandbox();
  void app.whenReady().then(() => {
    hardenSession();
    setAboutPanel();
    const rendererFile = join(__dirname, '../renderer/index.html');
    const win = createMainWindow();
    mainWindow = win;
    const unregister = registerIpc(win, rendererFile);
    win.on('closed', () => {
      unregister();
      mainWindow = undefined;
    });
    installMenu(() => mainWindow);
    const devUrl = process.env['ELECTRON_RENDERER_URL'];
    if (devUrl) void win.loadURL(devUrl);
    else void win.loadFile(rendererFile);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
