// The Findings view and the Overview's analysis panels in Chromium through web mode, on the demo
// account (examples/README.md is the answer key): list, filter, triage that survives a reload.
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openFindings, TOKEN } from './helpers';

const shots = (name: string): string => `test-results/screens/${name}.png`;

async function start(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  return errors;
}


test('the Overview shows findings by severity, the admin and the riskiest principals', async ({ page }) => {
  const errors = await start(page);
  const severities = page.getByRole('region', { name: 'Findings by severity' });
  await expect(page.getByTestId('overview-severity-critical').locator('.card-number')).not.toHaveText('0', {
    timeout: 30_000,
  });
  for (const s of ['critical', 'high', 'medium', 'low', 'info']) await expect(severities).toContainText(s);
  const admins = page.getByRole('list', { name: 'Administrators' });
  await expect(admins).toContainText('PlatformAdmin');
  await expect(admins).toContainText('full administrator');
  await expect(page.getByRole('list', { name: 'Riskiest principals' })).toContainText('dan.kowalski');
  await page.screenshot({ path: shots('overview-analysis'), fullPage: true });
  await admins.getByRole('link', { name: 'PlatformAdmin' }).click();
  await expect(page.getByRole('heading', { name: /PlatformAdmin/, level: 2 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Findings view lists the demo findings and filters them by severity, rule and principal', async ({
  page,
}) => {
  const errors = await start(page);
  await openFindings(page);
  const rows = page.getByTestId('finding-row');
  expect(await rows.count()).toBeGreaterThan(30);
  const table = page.getByRole('table', { name: 'Findings' });
  // The answer key: the escalation paths, the admin, the GitHub trust, dan.kowalski's PassRole.
  await expect(table).toContainText('dan.kowalski can become administrator');
  await expect(table).toContainText('ci-release can make itself administrator');
  await expect(table).toContainText('github-actions-legacy');
  await expect(table).toContainText('allows iam:PassRole on *');
  await page.screenshot({ path: shots('findings-list') });

  await page.getByTestId('severity-critical').click();
  const critical = await rows.count();
  expect(critical).toBeGreaterThan(0);
  for (let i = 0; i < critical; i++) await expect(rows.nth(i).locator('.sev')).toHaveText('critical');
  await page.getByTestId('severity-critical').click();

  await page.getByLabel('Rule').selectOption('escalation.path.admin');
  await expect(rows.first()).toContainText('can become administrator');
  for (let i = 0; i < (await rows.count()); i++)
    await expect(rows.nth(i)).toContainText('escalation.path.admin');
  await page.getByLabel('Principal').fill('dan.kowalski');
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button').click();
  const detail = page.getByRole('complementary', { name: 'Finding detail' });
  await expect(detail).toContainText('lambda.create-function.invoke');
  await expect(detail).toContainText('Remediation');
  await expect(detail.getByRole('link', { name: 'Show path in graph' })).toBeVisible();
  await page.screenshot({ path: shots('findings-detail') });
  await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
  await page.screenshot({ path: shots('findings-detail-dark') });
  expect(errors).toEqual([]);
});

test('a finding triaged as accepted risk with a note is still triaged after a reload', async ({ page }) => {
  const errors = await start(page);
  await openFindings(page);
  await page.getByLabel('Principal').fill('dan.kowalski');
  await page.getByRole('button', { name: /allows iam:PassRole on \*/ }).click();
  const detail = page.getByRole('complementary', { name: 'Finding detail' });
  await detail.getByLabel('Accepted risk').check();
  await detail.getByLabel('Note').fill('prototype account, reviewed by security (SEC-1412)');
  await detail.getByRole('button', { name: 'Save triage' }).click();
  await expect(detail.getByRole('status')).toHaveText('Triage saved.');
  await expect(page.getByTestId('finding-row').filter({ hasText: 'iam:PassRole' })).toContainText(
    'Accepted risk',
  );

  await page.reload();
  await expect(page.getByTestId('finding-row').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: /^Triage/ }).selectOption('accepted-risk');
  const rows = page.getByTestId('finding-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('iam:PassRole');
  await rows.first().getByRole('button').click();
  const after = page.getByRole('complementary', { name: 'Finding detail' });
  await expect(after.getByLabel('Accepted risk')).toBeChecked();
  await expect(after.getByLabel('Note')).toHaveValue('prototype account, reviewed by security (SEC-1412)');
  await expect(after.getByTestId('triage-when')).toContainText('Accepted risk since');
  await page.screenshot({ path: shots('findings-triaged') });
  expect(errors).toEqual([]);
});
