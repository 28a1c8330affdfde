import { expect, test } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

test('the app shell loads over http with its token and logs no error', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'Ariadne' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/shell.png' });
  expect(errors).toEqual([]);
});

test('web mode refuses a request without the token', async ({ request }) => {
  const res = await request.get('/index.html', { headers: { cookie: '' } });
  expect(res.status()).toBe(403);
});

test('web mode sends a strict content security policy', async ({ request }) => {
  const res = await request.get(`/?token=${TOKEN}`);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
});
