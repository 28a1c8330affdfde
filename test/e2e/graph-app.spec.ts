// The account graph inside the app (web mode, demo account): open it, search a node and focus it,
// click it and see its panel, "show in graph" from the Principal view, and an escalation path
// from a finding drawn on the graph.
import { expect, test, type Page } from '@playwright/test';
import { clickFocusedNode, collectErrors, openFindings, TOKEN, waitForLayout } from './helpers';

const shots = (name: string): string => `test-results/screens/${name}.png`;

async function start(page: Page): Promise<string[]> {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  return errors;
}


/** Non-background pixels of the graph canvas. */
async function painted(page: Page): Promise<number> {
  return page
    .locator('[data-testid="graph-canvas"] canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const [r0, g0, b0] = [data[0], data[1], data[2]];
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i] !== r0 || data[i + 1] !== g0 || data[i + 2] !== b0) n++;
      return n;
    });
}

test('opens the graph, finds a node, focuses it and shows its panel on click', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graph' }).click();
  await expect(page.getByRole('heading', { name: 'Account graph' })).toBeVisible();
  await waitForLayout(page);
  await expect(page.getByTestId('graph-summary')).toContainText('nodes');
  await expect(page.getByTestId('graph-summary')).not.toContainText('escalation edges follow', {
    timeout: 30_000,
  });
  await waitForLayout(page);
  expect(await painted(page)).toBeGreaterThan(2000);
  await expect(page.getByLabel('Graph legend')).toContainText('Identity provider');
  await page.screenshot({ path: shots('graph-app-overview') });

  await page.getByRole('searchbox', { name: 'Find a node' }).fill('dan.kowalski');
  await page
    .getByRole('list', { name: 'Matching nodes' })
    .getByRole('button', { name: /^dan\.kowalski/ })
    .click();
  const panel = page.getByTestId('graph-selection');
  await expect(panel).toContainText('dan.kowalski');
  await expect(panel).toContainText('on an escalation path');
  await page.waitForTimeout(900); // the focus animation
  await page.screenshot({ path: shots('graph-app-focused') });

  // Clear, then click the node (focusing put it at the centre of the canvas).
  await panel.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('graph-selection')).toHaveCount(0);
  await clickFocusedNode(page, 'dan.kowalski');
  await page.getByTestId('graph-selection').getByRole('link', { name: 'Open user' }).click();
  await expect(page.getByRole('heading', { name: /dan\.kowalski/, level: 2 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('"show in graph" from the Principal view focuses that principal', async ({ page }) => {
  const errors = await start(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Principals' }).click();
  await page.getByRole('link', { name: 'PlatformAdmin', exact: true }).first().click();
  await page.getByRole('link', { name: 'Show in graph' }).click();
  await waitForLayout(page);
  await expect(page.getByTestId('graph-selection')).toContainText('PlatformAdmin');
  await expect(page.getByTestId('graph-selection')).toContainText('Role');
  expect(errors).toEqual([]);
});

test('highlights an escalation path from a finding, step by step', async ({ page }) => {
  const errors = await start(page);
  await openFindings(page);
  await page.getByLabel('Rule').selectOption('escalation.path.admin');
  await page.getByLabel('Principal').fill('frank.li');
  await page.getByTestId('finding-row').first().getByRole('button').click();
  await page.getByRole('link', { name: 'Show path in graph' }).click();
  const path = page.getByTestId('graph-path');
  await expect(path).toBeVisible();
  await expect(path.getByRole('listitem')).toHaveCount(2);
  await expect(path).toContainText('frank.li → ops-support sts.assume-role');
  await expect(path).toContainText('ops-support → PlatformAdmin sts.assume-role');
  await waitForLayout(page);
  await page.waitForTimeout(1500); // the path draws step by step
  expect(await painted(page)).toBeGreaterThan(1000);
  await page.screenshot({ path: shots('graph-app-path') });
  await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: shots('graph-app-path-dark') });
  await path.getByRole('link', { name: 'Clear the path' }).click();
  await expect(page.getByTestId('graph-path')).toHaveCount(0);
  expect(errors).toEqual([]);
});
