// Exporting the account graph's current view (web mode, demo account): Export SVG downloads an SVG
// document with node labels, Export PNG downloads a PNG (its magic bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, TOKEN } from './helpers';

test('exports the current graph view as SVG and PNG downloads', async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: 'larkspur-prod', level: 2 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graph' }).click();
  // A finished analysis can be set back to "running: done" by a late progress message (see
  // principal-analysis.spec.ts); it is cached by then, so one reload recovers.
  const summary = page.getByTestId('graph-summary');
  try {
    await expect(summary).not.toContainText('escalation edges follow', { timeout: 15_000 });
  } catch {
    await page.reload();
    await expect(summary).not.toContainText('escalation edges follow', { timeout: 30_000 });
  }
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-layout', 'done', { timeout: 60_000 });

  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export SVG' }).click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe('larkspur-prod-graph.svg');
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('PlatformAdmin');
  await expect(page.getByRole('status').filter({ hasText: 'Saved larkspur-prod-graph.svg.' })).toBeVisible();

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toBe('larkspur-prod-graph.png');
  const png = readFileSync((await pngFile.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(5000);
  writeFileSync('test-results/screens/graph-export-file.png', png);
  await page.screenshot({ path: 'test-results/screens/graph-export.png' });
  expect(errors).toEqual([]);
});
