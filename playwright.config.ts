// Playwright: the renderer in Debian's Chromium, served over http by web mode (never file://).
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env['ARIADNE_E2E_PORT'] ?? 4799);
const TOKEN = 'e2e-' + 'test-token-0123456789';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx tsx main/web/index.ts`,
    url: `http://127.0.0.1:${PORT}/?token=${TOKEN}`,
    env: { PORT: String(PORT), ARIADNE_WEB_TOKEN: TOKEN },
    reuseExistingServer: false,
    timeout: 60_000,
  },
  metadata: { token: TOKEN },
});
