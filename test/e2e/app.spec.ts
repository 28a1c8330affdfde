// The app in Chromium through web mode: library, import, overview, principals, principal, policy.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

const SAMPLE = '/work/shared/samples/cloudsplaining-example.json';
const shots = (name: string): string => `test-results/screens/${name}.png`;

async function start(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.goto(`/?token=${TOKEN}`);
  // First start: the demo snapshot is imported and its overview opens.
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  return errors;
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.getByLabel('Import snapshot…').setInputFiles(path);
}

test('first start shows the demo snapshot in the library and opens its overview', async ({ page }) => {
  const errors = await start(page);
  await expect(page.getByTestId('count-users').locator('.card-number')).not.toHaveText('0');
  await expect(page.getByText('111122223333').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Findings by severity' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toContainText('web mode');
  await page.screenshot({ path: shots('overview'), fullPage: true });
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('library-row')).toContainText('larkspur-prod');
  await page.screenshot({ path: shots('library') });
  expect(errors).toEqual([]);
});

test('imports a sample through the file chooser and shows its counts', async ({ page }) => {
  const errors = await start(page);
  await importFile(page, SAMPLE);
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('44');
  await expect(page.getByTestId('count-groups').locator('.card-number')).toHaveText('5');
  await expect(page.getByTestId('count-roles').locator('.card-number')).toHaveText('78');
  await page.screenshot({ path: shots('overview-imported'), fullPage: true });
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  // The same file again opens the stored copy: no duplicate.
  await page.getByLabel('Import snapshot…').setInputFiles(SAMPLE);
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('44');
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('imports a file dropped on any view', async ({ page }) => {
  const errors = await start(page);
  const text = readFileSync(SAMPLE, 'utf8');
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByTestId('count-roles').locator('.card-number')).toHaveText('78');
  expect(errors).toEqual([]);
});

test('lists principals, searches and sorts them, and opens one with its policies', async ({ page }) => {
  const errors = await start(page);
  await importFile(page, SAMPLE);
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('44');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  const table = page.getByRole('table', { name: 'Principals' });
  await expect(table).toBeVisible();
  await expect(page.getByText('44 users · 5 groups · 78 roles')).toBeVisible();
  await page.screenshot({ path: shots('principals') });
  await page.getByRole('radio', { name: 'Users' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'shown' })).toHaveText('44 shown');
  await page.getByRole('button', { name: 'Policies' }).click();
  await expect(table.getByRole('columnheader', { name: 'Policies' })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('radio', { name: 'All' }).click();
  await page.getByLabel('Search principals').fill('fn1-privesc3-partial-user');
  await expect(page.getByRole('status').filter({ hasText: 'shown' })).toHaveText('1 shown');
  // Keyboard: focus the rows, Enter opens the active one.
  await page.getByLabel('Principal rows: arrow keys move, Enter opens').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /fn1-privesc3-partial-user/, level: 2 })).toBeVisible();
  const attached = page.getByRole('region', { name: 'Attached policies' });
  await expect(attached).toContainText('fn1-passrole-star');
  await attached.getByText('fn1-passrole-star', { exact: true }).click();
  await expect(attached.getByLabel('Document of fn1-passrole-star')).toContainText('iam:PassRole');
  await page.screenshot({ path: shots('principal'), fullPage: true });
  await attached.getByRole('link', { name: 'Open policy' }).first().click();
  await expect(page.getByRole('region', { name: 'Policy document' })).toContainText('"Statement"');
  await expect(page.locator('.tok-key').first()).toBeVisible();
  await page.screenshot({ path: shots('policy'), fullPage: true });
  expect(errors).toEqual([]);
});

test('opens a role with its trust policy', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  await page.getByRole('radio', { name: 'Roles' }).click();
  await page.getByRole('table', { name: 'Principals' }).getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('region', { name: 'Trust policy' })).toContainText('sts:AssumeRole');
  await page.screenshot({ path: shots('role'), fullPage: true });
  expect(errors).toEqual([]);
});

test('deletes a snapshot only after confirmation', async ({ page }) => {
  const errors = await start(page);
  await importFile(page, SAMPLE);
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('44');
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  const rows = page.getByTestId('library-row');
  await expect(rows).toHaveCount(2);
  const demoRow = rows.filter({ hasText: 'larkspur-prod' });
  await demoRow.getByRole('button', { name: 'Delete larkspur-prod' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete snapshot?' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: shots('delete-confirm') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(2);
  await demoRow.getByRole('button', { name: 'Delete larkspur-prod' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).not.toContainText('larkspur-prod');
  // The demo does not come back after a reload.
  await page.reload();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('renames and tags a snapshot', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.getByRole('button', { name: 'Edit larkspur-prod' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit snapshot' });
  await dialog.getByLabel('Name').fill('Larkspur Q4 audit');
  await dialog.getByLabel('Tags (comma-separated)').fill('prod, q4');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const row = page.getByTestId('library-row');
  await expect(row).toContainText('Larkspur Q4 audit');
  await expect(row).toContainText('q4');
  expect(errors).toEqual([]);
});

test('a broken file shows a clear one-line error and leaves the library unchanged', async ({ page }) => {
  const errors = await start(page);
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-e2e-'));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"UserDetailList": [ {"UserName": "a",, } ]');
  await importFile(page, broken);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import `broken.json`');
  await expect(alert).toContainText('not valid JSON at line 1');
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await page.screenshot({ path: shots('import-error') });
  expect(errors).toEqual([]);
});

test('the library survives a reload (IndexedDB)', async ({ page }) => {
  const errors = await start(page);
  await importFile(page, SAMPLE);
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('44');
  await page.reload();
  await expect(page.getByTestId('count-users').locator('.card-number')).toHaveText('44');
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('switches to the dark theme and keeps it after a reload', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: shots('overview-dark'), fullPage: true });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  await expect(page.getByRole('table', { name: 'Principals' })).toBeVisible();
  await page.screenshot({ path: shots('principals-dark') });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});

test('exports the stored bundle as a download in web mode', async ({ page }) => {
  const errors = await start(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('larkspur-prod.ariadne.json');
  const path = await file.path();
  expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'ariadne.snapshot/v1', account: { id: '111122223333' } });
  await expect(page.getByText('Saved larkspur-prod.ariadne.json.')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Findings view opens from the navigation', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Findings/ }).click();
  await expect(page.getByRole('heading', { name: 'Findings', level: 2 })).toBeVisible();
  expect(errors).toEqual([]);
});

/** Controls on the page without an accessible name (text, aria-label, aria-labelledby or a label). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.locator('button, a[href], input, select, textarea, [role="radio"], [tabindex="0"]').evaluateAll((els) =>
    els
      .filter((el) => {
        const e = el as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null };
        if (e.closest('[hidden], dialog:not([open])')) return false;
        return !(e.textContent?.trim() || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.labels && e.labels.length > 0) || e.getAttribute('title'));
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

test('every control has an accessible name and the keyboard reaches the views', async ({ page }) => {
  const errors = await start(page);
  expect(await unnamedControls(page)).toEqual([]);
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  expect(await unnamedControls(page)).toEqual([]);
  await page.getByRole('link', { name: 'larkspur-prod' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  await expect(page.getByRole('table', { name: 'Principals' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  // `/` jumps to the search; arrow keys move through the rows; Enter opens one.
  await page.locator('body').press('/');
  await expect(page.getByLabel('Search principals')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'All' })).toBeFocused();
  const rows = page.getByLabel('Principal rows: arrow keys move, Enter opens');
  await rows.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', '4');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Attached policies' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  // The skip link is the first stop and moves focus to the content.
  await page.reload();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  expect(errors).toEqual([]);
});
