import type { BrowserWindow } from 'electron';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../ipc/index';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();
vi.mock('electron', () => ({
  app: { getVersion: () => '7.7.7', getPath: () => '/nonexistent/ariadne-user-data' },
  dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
  ipcMain: {
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { isAppUrl, registerIpc } = await import('../../main/ipc/register');

const RENDERER = '/opt/ariadne/resources/app.asar/out/renderer/index.html';
const appUrl = pathToFileURL(RENDERER).href;

function fakeWindow() {
  const webContents = { id: 1 };
  return { webContents, isDestroyed: () => false } as unknown as BrowserWindow;
}

describe('the sender check', () => {
  it('accepts only the built renderer file, or the dev server origin in development', () => {
    expect(isAppUrl(appUrl, RENDERER, undefined)).toBe(true);
    expect(isAppUrl(`${appUrl}#/s/x/overview`, RENDERER, undefined)).toBe(true);
    expect(isAppUrl('file:///tmp/evil.html', RENDERER, undefined)).toBe(false);
    expect(isAppUrl('https://example.com/', RENDERER, undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/index.html', RENDERER, 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', RENDERER, 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', RENDERER, undefined)).toBe(false);
  });
});

describe('the ipcMain glue', () => {
  it('registers one handler per channel and removes them all', () => {
    const win = fakeWindow();
    const unregister = registerIpc(win, RENDERER);
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('answers the main window page and refuses other senders, other frames and invalid payloads', async () => {
    const win = fakeWindow();
    const unregister = registerIpc(win, RENDERER);
    const info = handlers.get('app:info')!;
    const good = { sender: win.webContents, senderFrame: { url: appUrl } };
    await expect(info(good, {})).resolves.toMatchObject({ version: '7.7.7', mode: 'desktop' });
    await expect(info({ sender: { id: 2 }, senderFrame: { url: appUrl } }, {})).rejects.toThrow(/untrusted sender/);
    await expect(info({ sender: win.webContents, senderFrame: { url: 'https://evil.example/' } }, {})).rejects.toThrow(/untrusted sender/);
    await expect(info({ sender: win.webContents, senderFrame: null }, {})).rejects.toThrow(/untrusted sender/);
    await expect(info(good, { extra: 1 })).rejects.toThrow(/invalid request/);
    await expect(handlers.get('snapshot:open-recent')!(good, { id: 'missing' })).resolves.toMatchObject({ kind: 'error' });
    await expect(handlers.get('snapshot:open-dialog')!(good, {})).resolves.toEqual({ kind: 'cancelled' });
    unregister();
  });
});
