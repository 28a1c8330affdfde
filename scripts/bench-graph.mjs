// `npm run bench:graph`: builds the graph bench page, serves it on 127.0.0.1, opens the large
// synthetic account graph in Chromium (playwright-core), measures the layout, pans and zooms for a
// few seconds counting painted frames, and prints one JSON line. Tooling only: no app code.
/* global window, requestAnimationFrame -- these run inside the page (page.evaluate) */
import { chromium } from 'playwright-core';
import { buildBenchPage, serveDir } from '../test/bench/graph-view/serve.mjs';

const SECONDS = Number(process.env['BENCH_GRAPH_SECONDS'] ?? 5);

const dir = await buildBenchPage();
const server = await serveDir(dir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  await page.goto(`${server.url}?graph=large`);
  await page.waitForFunction(() => window.__graphBench?.done === true, undefined, { timeout: 120_000 });
  const layout = await page.evaluate(() => {
    const s = window.__graphBench;
    return { seconds: (s.layoutEnd - s.layoutStart) / 1000, nodes: s.nodes, edges: s.edges, place: s.place, layoutMs: s.engine?.stats.layoutMs ?? 0 };
  });
  // Pan and zoom every animation frame: zoom in to 6x around a wandering point and out again.
  const run = await page.evaluate(async (seconds) => {
    const engine = window.__graphBench.engine;
    if (!engine) throw new Error('bench: no engine');
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const start = engine.getView();
    const canvas = engine.canvas;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const frames0 = engine.stats.frames;
    let rafs = 0;
    let paintMs = 0;
    let worstPaintMs = 0;
    const t0 = performance.now();
    await new Promise((ok) => {
      const step = (now) => {
        const t = (now - t0) / 1000;
        if (t >= seconds) return ok(undefined);
        rafs++;
        paintMs += engine.stats.lastPaintMs;
        worstPaintMs = Math.max(worstPaintMs, engine.stats.lastPaintMs);
        const k = start.k * (1 + 2.5 * (0.5 - 0.5 * Math.cos((t * Math.PI) / 1.5)));
        const cx = w / 2 + Math.cos(t) * w * 0.2;
        const cy = h / 2 + Math.sin(t) * h * 0.2;
        // Keep graph point under (cx, cy) of the start view there while zooming, and drift.
        const gx = (cx - start.x) / start.k;
        const gy = (cy - start.y) / start.k;
        engine.setView({ x: cx - gx * k + t * 40, y: cy - gy * k, k });
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    const elapsed = (performance.now() - t0) / 1000;
    return { fps: (engine.stats.frames - frames0) / elapsed, rafFps: rafs / elapsed, meanPaintMs: paintMs / Math.max(1, rafs), worstPaintMs };
  }, SECONDS);
  await page.screenshot({ path: 'test-results/screens/graph-bench.png' }).catch(() => undefined);
  const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
  process.stderr.write(`bench:graph: layout in the ${layout.place} (${Math.round(layout.layoutMs)} ms simulation), mean paint ${round(run.meanPaintMs, 1)} ms, worst ${round(run.worstPaintMs, 1)} ms, rAF ${round(run.rafFps, 1)}/s${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}\n`);
  console.log(JSON.stringify({ bench: 'graph', nodes: layout.nodes, edges: layout.edges, layoutSeconds: round(layout.seconds, 2), fps: round(run.fps, 1) }));
} finally {
  await browser.close();
  await server.close();
}
