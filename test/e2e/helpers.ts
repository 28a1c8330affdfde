// Shared helpers of the browser tests: the web-mode token, a console-error collector, and the
// steps several specs take (open the Findings view, wait for the graph's layout, click the focused
// node, triage a finding as accepted risk).
import { expect, type Locator, type Page } from '@playwright/test';

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

/** Opens the Findings view from the navigation and waits for its first row. */
export async function openFindings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
  await expect(page.getByTestId('finding-row').first()).toBeVisible({ timeout: 30_000 });
}

/** Waits until the graph canvas says its layout is done, then for two painted frames. */
export async function waitForLayout(page: Page): Promise<void> {
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-layout', 'done', { timeout: 60_000 });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/**
 * Clicks the centre of the graph canvas, where focusing put a node, until the selection panel
 * names `name`. On a loaded machine the focus animation may still be moving the view, so the click
 * is tried again (a miss selects nothing) for a while.
 */
export async function clickFocusedNode(page: Page, name: string): Promise<void> {
  const box = await page.getByTestId('graph-canvas').boundingBox();
  if (!box) throw new Error('no graph canvas');
  await expect(async () => {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('graph-selection')).toContainText(name, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * In the open Findings view: triages dan.kowalski's `iam:PassRole on *` finding as accepted risk
 * with `note`, and returns the finding's detail panel.
 */
export async function acceptPassRoleRisk(page: Page, note: string): Promise<Locator> {
  await page.getByLabel('Principal').fill('dan.kowalski');
  await page.getByRole('button', { name: /allows iam:PassRole on \*/ }).click();
  const detail = page.getByRole('complementary', { name: 'Finding detail' });
  await detail.getByLabel('Accepted risk').check();
  await detail.getByLabel('Note').fill(note);
  await detail.getByRole('button', { name: 'Save triage' }).click();
  await expect(detail.getByRole('status')).toHaveText('Triage saved.');
  return detail;
}
