// The Electron glue with Playwright's `_electron`: runs where an Electron binary exists and is
// skipped, saying why, where it does not (this project's machines cannot download Electron).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/** The Electron binary's path, read from electron's path.txt without triggering a download. */
function electronBinary(): string | undefined {
  const dir = resolve('node_modules/electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

const binary = electronBinary();
const built = existsSync('out/main/index.js') && existsSync('out/renderer/index.html');
const reason = !binary
  ? 'skipped: no Electron binary (node_modules/electron/path.txt or its dist/ binary is missing; it cannot be downloaded here)'
  : 'skipped: the app is not built: run `npx electron-vite build` first';

if (!binary || !built) process.stdout.write(`electron.spec.ts: ${reason}\n`);

test.describe('the desktop app (Electron)', () => {
  test.skip(!binary || !built, reason);

  test('opens one hardened window with the preload API and the demo snapshot', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--no-sandbox'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Ariadne' })).toBeVisible();
      const keys = await page.evaluate(() => Object.keys((window as unknown as { ariadne: object }).ariadne).sort());
      expect(keys).toEqual(['appInfo', 'onMenuCommand', 'openRecentSnapshot', 'openSnapshot', 'recentSnapshots', 'saveExport']);
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      const info = await page.evaluate(() => (window as unknown as { ariadne: { appInfo: () => Promise<{ mode: string }> } }).ariadne.appInfo());
      expect(info.mode).toBe('desktop');
      await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
      await page.screenshot({ path: 'test-results/screens/electron.png' });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
    }
  });
});
