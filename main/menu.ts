// The application menu: the usual roles and shortcuts, Ariadne's commands (sent to the renderer
// as menu commands) and the About box. Imports electron; the commands' logic lives in the renderer.
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../ipc/index';
import { sendMenuCommand } from './ipc/register';

/** Sets the About panel's text (name, version, licence). */
export function setAboutPanel(): void {
  app.setAboutPanelOptions({
    applicationName: 'Ariadne',
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron ?? ''}`,
    copyright: 'Apache-2.0',
    credits: 'IAM policy visualiser and auditor for AWS',
  });
}

/** Builds and installs the application menu for `getWindow()`'s window. */
export function installMenu(getWindow: () => BrowserWindow | undefined): void {
  const isMac = process.platform === 'darwin';
  const command = (label: string, accelerator: string, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendMenuCommand(getWindow(), cmd),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        command('&Open Snapshot…', 'CmdOrCtrl+O', 'open-snapshot'),
        command('Snapshot &Library', 'CmdOrCtrl+L', 'show-library'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        command('&Find…', 'CmdOrCtrl+F', 'find'),
        command('Toggle &Theme', 'CmdOrCtrl+Shift+T', 'toggle-theme'),
        { type: 'separator' },
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: '&About Ariadne', click: () => app.showAboutPanel() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
