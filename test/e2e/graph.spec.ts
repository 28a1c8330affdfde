// The account graph in Chromium: the graph bench page (GraphView without the app, built with Vite
// and served on 127.0.0.1 here) renders, searches and focuses a node, selects on click, opens a
// cluster, draws a path with the rest dimmed, and falls back to the main thread without a worker.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { buildBenchPage, serveDir } from '../bench/graph-view/serve.mjs';

const A = 'arn:aws:iam::111122223333:';
const SCREENS = 'test-results/screens';
let server: { url: string; close: () => Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(SCREENS, { recursive: true });
  server = await serveDir(await buildBenchPage());
});

test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page, query = 'graph=small'): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.goto(`${server.url}?${query}`);
  await page.waitForFunction(() => window.__graphBench?.done === true, undefined, { timeout: 60_000 });
  // Let the first frame paint.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return errors;
}

/** The RGBA of the canvas pixel at CSS point (x, y). */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([px, py]) => {
      const c = window.__graphBench.engine?.canvas;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return [];
      const d = window.devicePixelRatio || 1;
      return Array.from(ctx.getImageData(Math.round(px * d), Math.round(py * d), 1, 1).data);
    },
    [x, y] as const,
  );
}

async function screenOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  const at = await page.evaluate((nodeId) => window.__graphBench.engine?.screenPosition(nodeId) ?? null, id);
  if (!at) throw new Error(`no node ${id}`);
  return at;
}

async function clickNode(page: Page, id: string, count = 1): Promise<void> {
  const at = await screenOf(page, id);
  const box = await page.locator('canvas').first().boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.click(box.x + at.x, box.y + at.y, { clickCount: count });
}

test('the graph renders on a non-blank canvas with its legend', async ({ page }) => {
  const errors = await open(page);
  const painted = await page.evaluate(() => {
    const c = window.__graphBench.engine?.canvas;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return 0;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(2000);
  await expect(page.getByLabel('Graph legend')).toContainText('Identity provider');
  await expect(page.getByTestId('graph-status')).toContainText('in the worker');
  await page.screenshot({ path: `${SCREENS}/graph-small.png` });
  const png = await page.evaluate(async () => {
    const blob = await window.__graphBench.engine?.exportPng();
    const head = new Uint8Array(await (blob?.slice(0, 4).arrayBuffer() ?? new ArrayBuffer(0)));
    return { type: blob?.type, size: blob?.size ?? 0, magic: Array.from(head) };
  });
  expect(png.type).toBe('image/png');
  expect(png.magic).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.size).toBeGreaterThan(1000);
  expect(errors).toEqual([]);
});

test('searching a node focuses it with an animated zoom and selects it', async ({ page }) => {
  await open(page);
  await page.getByTestId('graph-search').fill('deploy');
  await page.getByTestId('search-results').getByRole('button', { name: 'deployer (role)' }).click();
  await expect(page.getByTestId('graph-selection')).toContainText('deployer');
  await expect.poll(async () => {
    const at = await screenOf(page, `${A}role/deployer`);
    const box = await page.locator('canvas').first().boundingBox();
    return box ? Math.round(Math.hypot(at.x - box.width / 2, at.y - box.height / 2)) : -1;
  }).toBeLessThan(3);
  // The zoom animates to at least 2.2 (the centring above may settle a frame before it ends; a
  // transition cut short in its last frame stops a hair below).
  await expect.poll(() => page.evaluate(() => window.__graphBench.engine?.getView().k ?? 0)).toBeGreaterThanOrEqual(2.19);
  await page.screenshot({ path: `${SCREENS}/graph-search-focus.png` });
});

test('clicking a node selects it and shows its panel; Escape clears the selection', async ({ page }) => {
  await open(page);
  await clickNode(page, `${A}user/bob`);
  await expect(page.getByTestId('graph-selection')).toContainText(`${A}user/bob`);
  await expect(page.getByTestId('graph-selection')).toContainText('user');
  await page.screenshot({ path: `${SCREENS}/graph-selected.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('graph-selection')).toContainText('Nothing selected');
  const before = await page.evaluate(() => window.__graphBench.engine?.getView().k ?? 0);
  await page.keyboard.press('+');
  expect(await page.evaluate(() => window.__graphBench.engine?.getView().k ?? 0)).toBeCloseTo(before * 1.25, 5);
});

test('double-clicking a cluster opens it into its members', async ({ page }) => {
  await open(page);
  const scene = () => page.evaluate(() => window.__graphBench.engine?.getScene().ids.length ?? 0);
  const clustered = await scene();
  const cid = await page.evaluate(() => [...(window.__graphBench.engine?.getScene().members.keys() ?? [])][0] ?? '');
  expect(cid).toMatch(/^cluster:/);
  const box = await page.locator('canvas').first().boundingBox();
  const at = await page.evaluate((id) => {
    const e = window.__graphBench.engine;
    const s = e?.getScene();
    const i = s?.indexOf.get(id);
    if (!e || i === undefined || !s) return null;
    // The cluster has no input id: place from the scene index.
    const members = s.members.get(id) ?? [];
    return e.screenPosition(members[0] ?? '');
  }, cid);
  if (!box || !at) throw new Error('no cluster on screen');
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await expect(page.getByTestId('graph-selection')).toContainText('Cluster of 30');
  await page.screenshot({ path: `${SCREENS}/graph-cluster-selected.png` });
  await page.mouse.dblclick(box.x + at.x, box.y + at.y);
  await expect.poll(scene).toBe(clustered + 29);
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 300)));
  await page.screenshot({ path: `${SCREENS}/graph-cluster-open.png` });
});

test('a path to admin is drawn step by step with the rest dimmed', async ({ page }) => {
  await open(page);
  const bob = await screenOf(page, `${A}user/bob`);
  const lit = await pixel(page, bob.x, bob.y);
  await page.getByTestId('highlight-path').click();
  await expect.poll(() => page.evaluate(() => window.__graphBench.engine?.isHighlighting() ?? false)).toBe(true);
  // Two steps of 550 ms each, after the zoom to the path.
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 1600)));
  const bobNow = await screenOf(page, `${A}user/bob`);
  const dim = await pixel(page, bobNow.x, bobNow.y);
  // The user colour (#0072b2) at full strength before; faded towards white under the path.
  expect(lit[2]).toBeGreaterThan(150);
  expect(lit[0]).toBeLessThan(60);
  expect(dim[0]).toBeGreaterThan(180);
  const svg = await page.evaluate(() => window.__graphBench.engine?.exportSvg() ?? '');
  expect(svg).toContain('1. iam:PassRole+lambda:CreateFunction');
  expect(svg).toContain('2. iam:AttachRolePolicy');
  await page.screenshot({ path: `${SCREENS}/graph-path.png` });
});

test('the layout falls back to the main thread when the worker cannot load', async ({ page }) => {
  await page.route('**/layout.worker-*.js', (route) => route.abort());
  await open(page, 'graph=small&theme=dark');
  await expect(page.getByTestId('graph-status')).toContainText('in the main-thread');
  await page.screenshot({ path: `${SCREENS}/graph-dark-fallback.png` });
});

test('the large account graph lays out and renders', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, 'graph=large');
  const figures = await page.evaluate(() => ({ nodes: window.__graphBench.nodes, edges: window.__graphBench.edges }));
  expect(figures.nodes).toBeGreaterThanOrEqual(10_000);
  expect(figures.edges).toBeGreaterThanOrEqual(30_000);
  await page.screenshot({ path: `${SCREENS}/graph-large.png` });
  await page.getByTestId('highlight-path').click();
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 1800)));
  await page.screenshot({ path: `${SCREENS}/graph-large-path.png` });
});
