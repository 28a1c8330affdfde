// The comparison view in Chromium through web mode: the demo account and a later copy of it
// (test/fixtures/compare/README.md lists its changes) compared from the library and from a
// snapshot's "Compare with…"; each kind of change shown and named; two accounts refused.
import { existsSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

const CHANGED = 'test/fixtures/compare/demo-account-changed.json';
const OTHER = 'test/fixtures/compare/other-account.json';
/** The large generated account and a version of it with a few hundred changes (`npm run bench:generate`). */
const LARGE = ['.bench/large-seed1.json', '.bench/large-seed1-v300.json'] as const;

async function start(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  // First start: the demo snapshot is imported and its overview opens.
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  return errors;
}

async function importFile(page: Page, path: string, rows: number): Promise<void> {
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.getByLabel('Import snapshot…').setInputFiles(path);
  await expect(page).toHaveURL(/#\/s\/[^/]+\/overview/);
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(rows);
}

/** Screenshots the view whole: the content scrolls inside the window, so the window grows to fit it. */
async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const height = await page.locator('main').evaluate((m) => m.scrollHeight);
  await page.setViewportSize({ width: 1400, height: Math.min(Math.max(height, 900), 6000) });
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
  // The same in window-sized parts, legible at full size.
  for (let y = 0, part = 1; y < height && part <= 6; y += 1000, part++) {
    await page.screenshot({
      path: info.outputPath(`${name}-part${part}.png`),
      clip: { x: 0, y, width: 1400, height: Math.min(1000, height - y) },
    });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test('the comparison of the demo account with its later copy shows and names each kind of change', async ({
  page,
}, info) => {
  const errors = await start(page);
  await importFile(page, CHANGED, 2);
  await page.getByLabel('Select larkspur-prod (2026-12-29) to compare').check();
  await page.getByLabel('Select larkspur-prod (2026-11-29) to compare').check();
  await page.getByRole('button', { name: 'Compare selected' }).click();

  await expect(
    page.getByRole('heading', { name: 'What changed in 111122223333 (larkspur-prod)', level: 2 }),
  ).toBeVisible();
  // The older snapshot is the baseline whatever the order of selection.
  await expect(page.locator('.cmp-sides')).toContainText(
    /From larkspur-prod collected 2026-11-29.*to larkspur-prod collected 2026-12-29/,
  );

  // Principals added and removed.
  await expect(page.getByTestId('summary-principals-added').locator('.card-number')).toHaveText('1');
  await expect(page.getByTestId('summary-principals-removed').locator('.card-number')).toHaveText('1');
  await expect(page.getByTestId('principal-added')).toContainText('lena.fischer');
  await expect(page.getByTestId('principal-removed')).toContainText('kate.sullivan');

  // A statement changed in a managed policy: the values and the statement before and after.
  const policy = page.getByTestId('policy-change').filter({ hasText: 'vendor-cobalt-monitoring-read' });
  await expect(policy).toContainText('Default version v1 → v2');
  const statement = policy.getByTestId('statement-change');
  await expect(statement).toContainText('Statement 0 changed');
  await expect(statement.locator('.cmp-value.cmp-added')).toContainText('cloudwatch:DescribeAlarms');
  await expect(statement.locator('.cmp-value.cmp-removed')).toContainText('logs:FilterLogEvents');
  await expect(statement.getByLabel('Statement 0 before')).toContainText('logs:FilterLogEvents');
  await expect(statement.getByLabel('Statement 0 after')).toContainText('cloudwatch:DescribeAlarms');

  // A group membership changed.
  const membership = page.getByTestId('membership-change');
  await expect(membership).toHaveCount(1);
  await expect(membership.getByRole('rowheader')).toHaveText('jamal.reed');
  await expect(membership.locator('.cmp-value.cmp-added')).toContainText('platform-ops');
  await expect(membership.locator('.cmp-value.cmp-removed')).toContainText('billing');

  // A trust policy changed.
  const trust = page.getByTestId('trust-change');
  await expect(trust).toContainText('vendor-quillbooks-costs');
  await expect(trust.locator('.cmp-value.cmp-added')).toContainText(
    'StringEquals sts:ExternalId = qb-larkspur-7f3a9c',
  );

  // Effective access gained and lost per principal, by service and access level.
  const access = page.getByTestId('access-change').filter({ hasText: 'jamal.reed' });
  await expect(access).toContainText('gained');
  await expect(access).toContainText('lost');

  // New and resolved findings and escalation paths, once both analyses ran.
  await expect(page.getByTestId('path-new')).toContainText('jamal.reed', { timeout: 60_000 });
  await expect(page.getByTestId('path-new')).toContainText('jamal.reed → ops-support → PlatformAdmin');
  await expect(page.getByTestId('path-resolved')).toContainText('kate.sullivan');
  await expect(page.getByTestId('finding-new').filter({ hasText: 'jamal.reed' }).first()).toBeVisible();
  await expect(
    page.getByTestId('finding-resolved').filter({ hasText: 'vendor-quillbooks-costs' }),
  ).toContainText('without an external ID');
  await expect(page.getByTestId('summary-paths-new').locator('.card-number')).toHaveText('1');
  await shot(page, info, 'compare-light');
  await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
  await shot(page, info, 'compare-dark');

  await access.locator('summary').click();
  await expect(access.getByRole('table', { name: 'Access changed of jamal.reed' })).toContainText('Write');
  await access
    .getByRole('table')
    .getByRole('row')
    .filter({ hasText: 'autoscaling' })
    .scrollIntoViewIfNeeded();
  await shot(page, info, 'compare-access-dark');

  // Names link to their views in the newer snapshot.
  await page.getByTestId('principal-added').getByRole('link', { name: 'lena.fischer' }).click();
  await expect(page.getByRole('heading', { name: /lena\.fischer/, level: 2 })).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('principal-added')).toContainText('lena.fischer');
  await policy.getByRole('link', { name: 'vendor-cobalt-monitoring-read' }).click();
  await expect(page.getByRole('heading', { name: /vendor-cobalt-monitoring-read/, level: 2 })).toBeVisible();
  await expect(page.locator('main')).toContainText('cloudwatch:DescribeAlarms');
  expect(errors).toEqual([]);
});

test('a snapshot’s “Compare with…” lists the other snapshots of its account', async ({ page }) => {
  const errors = await start(page);
  await importFile(page, CHANGED, 2);
  await page.getByLabel('Select larkspur-prod (2026-11-29) to compare').check();
  await page
    .getByRole('row')
    .filter({ has: page.getByLabel('Select larkspur-prod (2026-11-29) to compare') })
    .getByRole('link')
    .first()
    .click();
  await page.getByRole('link', { name: 'Compare with…' }).click();
  await expect(page.getByRole('heading', { name: 'Compare larkspur-prod', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'Compare with larkspur-prod' }).click();
  await expect(page.getByTestId('principal-added')).toContainText('lena.fischer');
  expect(errors).toEqual([]);
});

test('two snapshots of different accounts are refused with a clear message', async ({ page }, info) => {
  const errors = await start(page);
  await importFile(page, OTHER, 2);
  await page.getByLabel('Select larkspur-prod (2026-11-29) to compare').check();
  await page.getByLabel('Select bramble-prod (2026-11-29) to compare').check();
  await expect(page.getByRole('group', { name: 'Compare snapshots' })).toContainText('different accounts');
  await page.getByRole('button', { name: 'Compare selected' }).click();
  const refused = page.getByTestId('compare-refused');
  await expect(refused).toContainText('These snapshots cannot be compared');
  await expect(refused).toContainText('111122223333 (larkspur-prod)');
  await expect(refused).toContainText('444400001111 (bramble-prod)');
  await expect(page.getByTestId('summary-principals-added')).toHaveCount(0);
  await shot(page, info, 'compare-refused');
  expect(errors).toEqual([]);
});

test('the large generated account compares off the UI thread (figures printed)', async ({ page }) => {
  test.skip(!LARGE.every((f) => existsSync(f)), 'the large generated account is not generated (.bench/)');
  test.setTimeout(900_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const errors = await start(page);
  const ids: string[] = [];
  for (const file of LARGE) {
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByLabel('Import snapshot…').setInputFiles(file);
    await expect(page).toHaveURL(/#\/s\/[^/]+\/overview/, { timeout: 300_000 });
    ids.push(decodeURIComponent(/#\/s\/([^/]+)\//.exec(page.url())![1]!));
  }
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
  const started = Date.now();
  await page.evaluate((hash) => (window.location.hash = hash), `#/compare/${ids[0]}/${ids[1]}`);
  await expect(page.getByTestId('summary-principals-added')).toBeVisible({ timeout: 300_000 });
  const structureMs = Date.now() - started;
  await expect(page.getByTestId('section-access')).toContainText('Effective access');
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const total = await page.getByTestId('compare-total').textContent();
  // Then findings and escalation paths, once both analyses ran (minutes on this account).
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
  const analysing = Date.now();
  await expect(page.getByTestId('summary-findings-new')).toBeVisible({ timeout: 540_000 });
  const findingsMs = Date.now() - analysing;
  const findingTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  const findings = await page.getByTestId('section-findings').locator('summary .count').textContent();
  const fmt = (t: number[]): string => `${t.length} long tasks, longest ${Math.round(Math.max(0, ...t))} ms`;
  process.stdout.write(
    `large comparison: structure and access shown ${structureMs} ms after opening the route (${total ?? ''}); UI thread: ${fmt(tasks)}\n` +
      `large comparison: findings and paths (${findings ?? '?'} changes) shown ${findingsMs} ms later (both analyses run meanwhile); UI thread: ${fmt(findingTasks)}\n`,
  );
  expect(errors).toEqual([]);
});
