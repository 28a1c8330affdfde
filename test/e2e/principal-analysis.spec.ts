// The Principal view's analysis and the Principals table's analysis columns (web mode, demo
// account, answers from examples/README.md): dan.kowalski's effective permissions, escalation steps,
// path to PlatformAdmin and findings; the roles frank.li and ops-support can assume (effective
// access); who can assume PlatformAdmin; PlatformAdmin as admin in the table.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

const shots = (name: string): string => `test-results/screens/${name}.png`;

/**
 * Waits for the analysis through the Findings view. A late progress message (comlink's callback
 * port is not ordered with the result) can put a finished analysis back to "running: done" in
 * renderer/features/findings/analysis-state.ts; the result is cached by then, so one reload recovers.
 */
async function analysed(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
  const row = page.getByTestId('finding-row').first();
  try {
    await expect(row).toBeVisible({ timeout: 15_000 });
  } catch {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 30_000 });
  }
}

async function start(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await analysed(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  return errors;
}

test('dan.kowalski shows effective permissions, its path to PlatformAdmin and its findings', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('link', { name: 'dan.kowalski', exact: true }).click();
  await expect(page.getByRole('heading', { name: /dan\.kowalski/, level: 2 })).toBeVisible();

  const perms = page.getByRole('table', { name: 'Effective permissions' });
  await expect(perms).toBeVisible({ timeout: 30_000 });
  const lambda = perms.getByTestId('perm-row').filter({ has: page.getByRole('button', { name: 'lambda', exact: true }) });
  await expect(lambda).toHaveCount(1);
  await expect(lambda.getByLabel('lambda Write')).not.toHaveText('·');
  await lambda.getByRole('button', { name: 'lambda', exact: true }).click();
  await expect(lambda.getByRole('button', { name: 'lambda', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(perms.getByText('lambda:CreateFunction', { exact: true })).toBeVisible();

  const path = page.getByTestId('principal-path');
  await expect(path).toBeVisible({ timeout: 30_000 });
  await expect(path).toContainText('dan.kowalski → PlatformAdmin lambda.create-function.invoke');
  // Passing PlatformAdmin to a function is an escalation step, not assuming the role.
  await expect(page.getByRole('list', { name: 'Escalation steps from here' })).toContainText('PlatformAdmin lambda.create-function.invoke');
  await expect(page.getByRole('list', { name: 'Escalation steps from here' })).toContainText('first step of its path');
  const assumable = page.getByRole('region', { name: 'Roles it can assume' });
  await expect(assumable).toContainText('sts:AssumeRole asked of all 15 roles', { timeout: 30_000 });
  await expect(assumable).toContainText('None.');
  const findings = page.getByRole('list', { name: 'Findings' });
  await expect(findings).toContainText('hygiene.passrole.wildcard');
  await expect(findings).toContainText('escalation.path.admin');
  await expect(page.getByRole('link', { name: 'Open the Findings view' })).toBeVisible();
  await perms.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('principal-analysis') });
  await page.getByRole('region', { name: 'Escalation path' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('principal-analysis-path') });

  await page.getByRole('link', { name: 'Show path in graph' }).click();
  await expect(page.getByTestId('graph-path')).toContainText('dan.kowalski → PlatformAdmin lambda.create-function.invoke');
  expect(errors).toEqual([]);
});

test('PlatformAdmin lists who can assume it and is marked administrator', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('link', { name: 'PlatformAdmin', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: /PlatformAdmin/, level: 2 })).toBeVisible();
  const who = page.getByRole('list', { name: 'Who can assume it' });
  await expect(who).toBeVisible({ timeout: 30_000 });
  await expect(who.getByRole('listitem').filter({ hasText: 'ops-support' })).toContainText('allowed');
  await expect(who.getByRole('listitem').filter({ hasText: 'lambda.amazonaws.com' })).toContainText('allowed');
  await expect(who.getByRole('listitem').filter({ hasText: 'frank.li' })).toContainText('conditional');
  await expect(page.getByRole('region', { name: 'Escalation path' })).toContainText('administrator', { timeout: 30_000 });
  await who.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('principal-analysis-role') });
  await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
  await page.screenshot({ path: shots('principal-analysis-dark') });
  await page.getByRole('button', { name: /Switch to the light theme/ }).click();

  await page.getByRole('link', { name: 'ops-support', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: /ops-support/, level: 2 })).toBeVisible();
  const roles = page.getByRole('list', { name: 'Roles it can assume' });
  await expect(roles.getByRole('listitem').filter({ hasText: 'PlatformAdmin' })).toContainText('allowed', { timeout: 30_000 });
  await expect(roles.getByRole('listitem').filter({ hasText: 'ops-support' })).toContainText('allowed');
  expect(errors).toEqual([]);
});

test('frank.li can assume ops-support, and PlatformAdmin only with MFA', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('link', { name: 'frank.li', exact: true }).click();
  await expect(page.getByRole('heading', { name: /frank\.li/, level: 2 })).toBeVisible();
  const roles = page.getByRole('list', { name: 'Roles it can assume' });
  await expect(roles).toBeVisible({ timeout: 30_000 });
  const items = roles.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('ops-support ✓ allowed');
  await expect(items.nth(1)).toContainText('PlatformAdmin ◐ conditional needs aws:MultiFactorAuthPresent (Bool true)');
  await expect(items.nth(1).getByTitle('aws:MultiFactorAuthPresent Bool true')).toBeVisible();
  await items.nth(1).getByRole('link', { name: 'PlatformAdmin' }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('region', { name: 'Escalation steps from here' })).toContainText('Hops on a shortest path to admin');
  await page.getByRole('region', { name: 'Roles it can assume' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('principal-assumable') });
  await items.nth(1).getByRole('link', { name: 'PlatformAdmin' }).click();
  await expect(page.getByRole('heading', { name: /PlatformAdmin/, level: 2 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the principals table shows admins, paths and findings from the analysis, sortable', async ({ page }) => {
  const errors = await start(page);
  const table = page.getByRole('table', { name: 'Principals' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('PlatformAdmin').getByRole('cell').nth(5)).toHaveText('admin', { timeout: 30_000 });
  await expect(row('ci-release').getByRole('cell').nth(5)).toHaveText('shadow admin');
  await expect(row('dan.kowalski').getByRole('cell').nth(6)).toHaveText('1');
  await expect(row('dan.kowalski').getByRole('cell').nth(7)).toHaveText('7');
  await table.getByRole('button', { name: 'Admin' }).click();
  await table.getByRole('button', { name: 'Admin' }).click();
  await expect(table.getByRole('columnheader', { name: /Admin/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('PlatformAdmin');
  await expect(table.getByRole('row').nth(2)).toContainText('ci-release');
  await page.screenshot({ path: shots('principals-admin') });
  expect(errors).toEqual([]);
});
