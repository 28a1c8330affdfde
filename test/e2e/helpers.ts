// Shared helpers of the browser tests: the web-mode token and a console-error collector.
import type { Page } from '@playwright/test';

/** The per-run token the Playwright config gives web mode. */
export const TOKEN = 'e2e-' + 'test-token-0123456789';

/** Collects console errors and page errors of `page`. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
