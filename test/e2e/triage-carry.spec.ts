// Triage carried to a later snapshot of the same account, in Chromium through web mode: a finding of
// the demo accepted as a risk with a note, then the demo a month later imported
// (test/fixtures/compare/demo-account-changed.json): its Findings show the decision as carried with
// the note, and its HTML report carries the note too.
import { readFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { acceptPassRoleRisk, collectErrors, openFindings, TOKEN } from './helpers';

const CHANGED = 'test/fixtures/compare/demo-account-changed.json';
const NOTE = 'prototype account, reviewed by security (SEC-1412)';


async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

test('an accepted risk of the demo is carried, with its note, to the same finding a month later and into its report', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  // First start: the demo snapshot (collected 2026-11-29) is imported and its overview opens.
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await openFindings(page);

  const detail = await acceptPassRoleRisk(page, NOTE);
  // A decision made on this snapshot is its own, not carried.
  await expect(page.getByTestId('finding-row').filter({ hasText: 'iam:PassRole' })).not.toContainText('carried');

  // The same account a month later.
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.getByLabel('Import snapshot…').setInputFiles(CHANGED);
  await expect(page).toHaveURL(/#\/s\/[^/]+\/overview/);
  const later = /#\/s\/([^/]+)\//.exec(page.url())?.[1];
  await openFindings(page);
  expect(page.url()).toContain(`#/s/${later}/findings`);

  const row = page.getByTestId('finding-row').filter({ hasText: 'iam:PassRole' }).filter({ hasText: 'dan.kowalski' });
  await expect(row).toContainText('Accepted risk', { timeout: 30_000 });
  await expect(row.locator('.triage-carried-tag')).toHaveText('carried');
  await expect(row.locator('.triage-carried-tag')).toHaveAttribute('title', 'carried from larkspur-prod, 2026-11-29');
  // The triage filter counts the carried decision.
  await page.getByRole('combobox', { name: /^Triage/ }).selectOption('accepted-risk');
  await expect(page.getByTestId('finding-row')).toHaveCount(1);
  await row.getByRole('button').click();
  const carried = detail.getByTestId('triage-carried');
  await expect(carried).toContainText('Accepted risk — carried from larkspur-prod, 2026-11-29');
  await expect(carried).toContainText(NOTE);
  await expect(detail.getByLabel('Accepted risk')).toBeChecked();
  await expect(detail.getByLabel('Note')).toHaveValue(NOTE);
  await expect(detail.getByTestId('triage-when')).toHaveCount(0);
  await shot(page, info, 'triage-carried');
  const form = detail.locator('form.triage-form');
  await form.scrollIntoViewIfNeeded();
  await form.screenshot({ path: info.outputPath('triage-carried-form.png') });

  // The HTML report of the later snapshot carries the decision, its note and where it comes from.
  const control = page.getByRole('group', { name: 'Export report' });
  await control.getByLabel('Report format').selectOption('html');
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await control.getByRole('button', { name: 'Export report' }).click();
  const download = await downloading;
  const html = readFileSync((await download.path())!, 'utf8');
  expect(html).toContain('2026-12-29');
  expect(html).toContain(`${NOTE} (carried from larkspur-prod, 2026-11-29)`);

  // Saving on the later snapshot makes the decision its own: no longer carried.
  await detail.getByLabel('Note').fill(`${NOTE}; confirmed again in December`);
  await detail.getByRole('button', { name: 'Save triage' }).click();
  await expect(detail.getByRole('status')).toHaveText('Triage saved.');
  await expect(detail.getByTestId('triage-carried')).toHaveCount(0);
  await expect(row.locator('.triage-carried-tag')).toHaveCount(0);
  await expect(detail.getByTestId('triage-when')).toContainText('Accepted risk since');
  await form.screenshot({ path: info.outputPath('triage-own-after-carried-form.png') });
  expect(errors).toEqual([]);
});
