// Deep links in Chromium through web mode, on the demo account: a finding's address opens it
// selected and in view, selection and filters follow into the address without history entries,
// reloads come back to them, "Copy link", an unknown finding, and the graph's selected node and
// drawn path kept in the address across a reload.
import { expect, test, type Page } from '@playwright/test';
import { clickFocusedNode, collectErrors, openFindings, TOKEN, waitForLayout } from './helpers';

const shots = (name: string): string => `test-results/screens/${name}.png`;

/** Opens the app on the demo; resolves to the demo snapshot's id and the error collector. */
async function start(page: Page): Promise<{ id: string; errors: string[] }> {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  const hash = await page.evaluate(() => window.location.hash);
  const id = /^#\/s\/([^/]+)\//.exec(hash)?.[1];
  if (!id) throw new Error(`no snapshot in ${hash}`);
  return { id: decodeURIComponent(id), errors };
}

/** The finding ids of the Findings table rows containing `text`. */
async function findingIdOf(page: Page, text: string): Promise<string> {
  const row = page.getByTestId('finding-row').filter({ hasText: text }).first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const id = await row.getAttribute('data-finding-id');
  if (!id) throw new Error(`no finding id on the row of ${text}`);
  return id;
}

const findingsUrl = (id: string, finding?: string, query = ''): string =>
  `/?token=${TOKEN}#/s/${encodeURIComponent(id)}/findings${finding ? `/${encodeURIComponent(finding)}` : ''}${query}`;


test('a deep link to a finding opens the Findings view with it selected, in view and detailed', async ({ page }) => {
  const { id, errors } = await start(page);
  await openFindings(page);
  // A finding far down the list, so the view must scroll to it.
  const last = page.getByTestId('finding-row').last();
  const fid = await last.getAttribute('data-finding-id');
  const title = (await last.locator('.finding-title').textContent()) ?? '';
  expect(fid).toBeTruthy();
  await page.goto(findingsUrl(id, fid ?? ''));
  const row = page.locator(`[data-testid="finding-row"][aria-selected="true"]`);
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toHaveAttribute('data-finding-id', fid ?? '');
  await expect(row).toBeInViewport();
  const detail = page.getByRole('complementary', { name: 'Finding detail' });
  await expect(detail.getByRole('heading', { level: 3 })).toContainText(title.trim());
  await expect(detail.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await page.screenshot({ path: shots('deeplink-finding') });
  expect(errors).toEqual([]);
});

test('selecting a finding writes it into the address without history entries, and a reload keeps it', async ({ page }) => {
  const { errors } = await start(page);
  await openFindings(page);
  const before = await page.evaluate(() => window.history.length);
  await page.getByTestId('finding-row').nth(1).getByRole('button').click();
  const passRole = await findingIdOf(page, 'allows iam:PassRole on *');
  await page.getByTestId('finding-row').filter({ hasText: 'allows iam:PassRole on *' }).first().getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`/findings/${encodeURIComponent(passRole).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  expect(await page.evaluate(() => window.history.length)).toBe(before);
  // Filters follow into the address as well.
  await page.getByLabel('Principal').fill('dan.kowalski');
  await expect(page).toHaveURL(/\?principal=dan\.kowalski$/);

  await page.reload();
  const row = page.locator(`[data-testid="finding-row"][aria-selected="true"]`);
  await expect(row).toHaveAttribute('data-finding-id', passRole, { timeout: 30_000 });
  await expect(page.getByLabel('Principal')).toHaveValue('dan.kowalski');
  await expect(page.getByRole('complementary', { name: 'Finding detail' })).toContainText('iam:PassRole');
  await page.screenshot({ path: shots('deeplink-finding-reloaded') });
  expect(errors).toEqual([]);
});

test('a deep link clears the filters that would hide its finding and keeps the others', async ({ page }) => {
  const { id, errors } = await start(page);
  await openFindings(page);
  const fid = await findingIdOf(page, 'dan.kowalski can become administrator');
  const severity = (await page.locator(`[data-finding-id="${fid}"] .sev`).textContent()) ?? '';
  const other = severity === 'info' ? 'low' : 'info';
  await page.goto(findingsUrl(id, fid, `?severity=${other}&principal=dan.kowalski`));
  const row = page.locator(`[data-testid="finding-row"][aria-selected="true"]`);
  await expect(row).toHaveAttribute('data-finding-id', fid, { timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: /^Severity/ })).toHaveValue('');
  await expect(page.getByLabel('Principal')).toHaveValue('dan.kowalski');
  await expect(page).toHaveURL(/\?principal=dan\.kowalski$/);
  expect(errors).toEqual([]);
});

test('"Copy link" copies the address of the finding', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { id, errors } = await start(page);
  await openFindings(page);
  const fid = await findingIdOf(page, 'allows iam:PassRole on *');
  await page.getByTestId('finding-row').filter({ hasText: 'allows iam:PassRole on *' }).first().getByRole('button').click();
  const detail = page.getByRole('complementary', { name: 'Finding detail' });
  await detail.getByRole('button', { name: 'Copy link' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`?token=${TOKEN}#/s/${encodeURIComponent(id)}/findings/${encodeURIComponent(fid)}`);
  // The copied address opens the finding in a new page.
  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.locator(`[data-testid="finding-row"][aria-selected="true"]`)).toHaveAttribute('data-finding-id', fid, {
    timeout: 30_000,
  });
  await other.close();
  expect(errors).toEqual([]);
});

test('an unknown finding id says so clearly', async ({ page }) => {
  const { id, errors } = await start(page);
  await page.goto(findingsUrl(id, 'escalation.path.admin/no-such-finding'));
  const alert = page.getByTestId('finding-missing');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText('No finding escalation.path.admin/no-such-finding in this snapshot');
  await expect(page.getByTestId('finding-row').first()).toBeVisible();
  await page.screenshot({ path: shots('deeplink-unknown-finding') });
  await alert.getByRole('button', { name: 'Show all findings' }).click();
  await expect(page.getByTestId('finding-missing')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`#/s/${id}/findings$`));
  expect(errors).toEqual([]);
});

test('the Principal view and the Overview link to findings through the address', async ({ page }) => {
  const { id, errors } = await start(page);
  await expect(page.getByTestId('overview-severity-critical')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('overview-severity-critical').click();
  await expect(page.getByRole('combobox', { name: /^Severity/ })).toHaveValue('critical');
  const rows = page.getByTestId('finding-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  for (let i = 0; i < (await rows.count()); i++) await expect(rows.nth(i).locator('.sev')).toHaveText('critical');

  await page.goto(`/?token=${TOKEN}#/s/${encodeURIComponent(id)}/principal/${encodeURIComponent('arn:aws:iam::111122223333:user/dan.kowalski')}`);
  const link = page.getByTestId('principal-finding-link').filter({ hasText: 'iam:PassRole' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  await link.click();
  const row = page.locator(`[data-testid="finding-row"][aria-selected="true"]`);
  await expect(row).toContainText('iam:PassRole', { timeout: 30_000 });
  await expect(page.getByRole('complementary', { name: 'Finding detail' })).toContainText('iam:PassRole');
  expect(errors).toEqual([]);
});


test('a node selected in the graph is in the address; a reload selects and focuses it again', async ({ page }) => {
  const { id, errors } = await start(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graph' }).click();
  await waitForLayout(page);
  const before = await page.evaluate(() => window.history.length);
  await page.getByRole('searchbox', { name: 'Find a node' }).fill('dan.kowalski');
  await page.getByRole('list', { name: 'Matching nodes' }).getByRole('button', { name: /^dan\.kowalski/ }).click();
  await expect(page.getByTestId('graph-selection')).toContainText('dan.kowalski');
  const arn = 'arn:aws:iam::111122223333:user/dan.kowalski';
  await expect(page).toHaveURL(new RegExp(`#/s/${id}/graph/${encodeURIComponent(arn)}$`));
  expect(await page.evaluate(() => window.history.length)).toBe(before);

  await page.reload();
  await waitForLayout(page);
  await expect(page.getByTestId('graph-selection')).toContainText('dan.kowalski', { timeout: 30_000 });
  // Focused: once the analysis's graph is laid out and the focus animation is over, the node is
  // at the centre, where a click selects it again.
  await expect(page.getByTestId('graph-summary')).not.toContainText('escalation edges follow', { timeout: 30_000 });
  await waitForLayout(page);
  await page.waitForTimeout(900);
  await page.screenshot({ path: shots('deeplink-graph-reloaded') });
  await page.getByTestId('graph-selection').getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('graph-selection')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`#/s/${id}/graph$`));
  await clickFocusedNode(page, 'dan.kowalski');
  await expect(page).toHaveURL(new RegExp(`#/s/${id}/graph/${encodeURIComponent(arn)}$`));
  expect(errors).toEqual([]);
});

test('a finding path drawn on the graph survives a reload', async ({ page }) => {
  const { errors } = await start(page);
  await openFindings(page);
  await page.getByLabel('Rule').selectOption('escalation.path.admin');
  await page.getByLabel('Principal').fill('frank.li');
  await page.getByTestId('finding-row').first().getByRole('button').click();
  await page.getByRole('link', { name: 'Show path in graph' }).click();
  const path = page.getByTestId('graph-path');
  await expect(path).toContainText('frank.li → ops-support sts.assume-role');
  await expect(page).toHaveURL(/\/graph\/[^?]+\?finding=escalation\.path\.admin%2F/);
  await page.reload();
  await waitForLayout(page);
  await expect(page.getByTestId('graph-path')).toContainText('ops-support → PlatformAdmin sts.assume-role', {
    timeout: 30_000,
  });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: shots('deeplink-graph-path-reloaded') });
  await page.getByTestId('graph-path').getByRole('link', { name: 'Open the finding' }).click();
  await expect(page.locator(`[data-testid="finding-row"][aria-selected="true"]`)).toContainText('frank.li', {
    timeout: 30_000,
  });
  expect(errors).toEqual([]);
});
