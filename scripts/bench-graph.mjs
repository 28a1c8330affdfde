// `npm run bench:graph`: builds the account graph of the large generated account in Node as the
// app does (import, analysis, buildGraphModel: test/bench/graph-view/real-graph.ts through tsx),
// builds the graph bench page, serves both on 127.0.0.1, opens the graph in Chromium
// (playwright-core), measures the layout, pans and zooms for a few seconds counting painted
// frames, and prints one JSON line. Tooling only: no app code.
//   BENCH_GRAPH_SOURCE=real (default) | synthetic   the real account's graph, or the synthetic one
//   BENCH_GRAPH_INPUT=FILE    the snapshot (default .bench/large-seed1.json, generated if missing)
//   BENCH_GRAPH_SECONDS=N     seconds of panning and zooming (default 5)
//   BENCH_GRAPH_REUSE=1       reuse the graph model written by an earlier run (when newer than the
//                             input and the builder) instead of building it again
/* global window, requestAnimationFrame -- these run inside the page (page.evaluate) */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildBenchPage, serveDir } from '../test/bench/graph-view/serve.mjs';

const SECONDS = Number(process.env['BENCH_GRAPH_SECONDS'] ?? 5);
const SOURCE = process.env['BENCH_GRAPH_SOURCE'] === 'synthetic' ? 'synthetic' : 'real';
const INPUT = process.env['BENCH_GRAPH_INPUT'] ?? '.bench/large-seed1.json';
const BUILDER = 'test/bench/graph-view/real-graph.ts';
const MODEL_DIR = '.bench/graph-model';
const SCREENS = 'test-results/screens';
const TSX = join('node_modules', '.bin', 'tsx');
const log = (line) => process.stderr.write(`bench:graph: ${line}\n`);
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;

/** Builds (or, with BENCH_GRAPH_REUSE=1, reuses) the real account's graph file; returns its path and figures. */
function realGraph() {
  if (!existsSync(INPUT)) {
    if (INPUT !== '.bench/large-seed1.json') {
      log(`\`${INPUT}\` is missing`);
      process.exit(1);
    }
    log(`generating \`${INPUT}\`…`);
    const made = spawnSync(TSX, ['test/bench/generate.ts', '--size', 'large', '--seed', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (made.status !== 0) {
      log(`could not generate \`${INPUT}\``);
      process.exit(1);
    }
  }
  mkdirSync(MODEL_DIR, { recursive: true });
  const out = join(MODEL_DIR, basename(INPUT));
  const fresh = existsSync(out) && statSync(out).mtimeMs > Math.max(statSync(INPUT).mtimeMs, statSync(BUILDER).mtimeMs);
  let wallSeconds = null;
  if (process.env['BENCH_GRAPH_REUSE'] === '1' && fresh) log(`reusing the graph model \`${out}\``);
  else {
    const t0 = performance.now();
    const built = spawnSync(TSX, [BUILDER, INPUT, out], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (built.status !== 0) {
      log(`could not build the graph model of \`${INPUT}\``);
      process.exit(1);
    }
    wallSeconds = (performance.now() - t0) / 1000;
  }
  const { meta } = JSON.parse(readFileSync(out, 'utf8'));
  return { file: out, meta, wallSeconds };
}

const real = SOURCE === 'real' ? realGraph() : null;
const dir = await buildBenchPage();
const server = await serveDir(dir, real ? { '/real-graph.json': real.file } : {});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  mkdirSync(SCREENS, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  log(`opening the ${SOURCE} graph in Chromium…`);
  await page.goto(`${server.url}?graph=${real ? 'file' : 'large'}`);
  await page.waitForFunction(() => !!window.__graphBench && (window.__graphBench.done || window.__graphBench.error !== ''), undefined, { timeout: 180_000 });
  const layout = await page.evaluate(() => {
    const s = window.__graphBench;
    const scene = s.engine?.getScene();
    let clustered = 0;
    for (const m of scene?.members.values() ?? []) clustered += m.length;
    return {
      error: s.error,
      seconds: (s.layoutEnd - s.layoutStart) / 1000,
      loadMs: s.loadMs,
      nodes: s.nodes,
      edges: s.edges,
      inputNodes: s.inputNodes,
      inputEdges: s.inputEdges,
      clusters: scene?.members.size ?? 0,
      clustered,
      place: s.place,
      ticks: s.ticks,
      stoppedBy: s.stoppedBy,
      layoutMs: s.engine?.stats.layoutMs ?? 0,
    };
  });
  if (layout.error) throw new Error(layout.error);
  // The first full-resolution frame after the layout, then a screenshot of it.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.screenshot({ path: `${SCREENS}/graph-bench-${SOURCE}.png` }).catch(() => undefined);
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
  // The path the app would draw from a finding, step by step, the rest dimmed.
  await page.getByTestId('highlight-path').click();
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 2500)));
  await page.screenshot({ path: `${SCREENS}/graph-bench-${SOURCE}-path.png` }).catch(() => undefined);
  log(
    `layout in the ${layout.place} (${Math.round(layout.layoutMs)} ms simulation; graph loaded in ${Math.round(layout.loadMs)} ms), ` +
      `mean paint ${round(run.meanPaintMs, 1)} ms, worst ${round(run.worstPaintMs, 1)} ms, rAF ${round(run.rafFps, 1)}/s; ` +
      `screenshots in ${SCREENS}/graph-bench-${SOURCE}*.png${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`,
  );
  const extra = real
    ? {
        modelSeconds: round(real.meta.importSeconds + real.meta.analysisSeconds + real.meta.modelSeconds, 2),
        importSeconds: real.meta.importSeconds,
        analysisSeconds: real.meta.analysisSeconds,
        graphModelSeconds: real.meta.modelSeconds,
        ...(real.wallSeconds === null ? { modelReused: true } : { modelWallSeconds: round(real.wallSeconds, 2) }),
        escalationEdges: real.meta.escalationEdges,
        paths: real.meta.paths,
      }
    : {};
  console.log(
    JSON.stringify({
      bench: 'graph',
      nodes: layout.nodes,
      edges: layout.edges,
      layoutSeconds: round(layout.seconds, 2),
      fps: round(run.fps, 1),
      source: real ? `real:${INPUT}` : 'synthetic',
      layoutTicks: layout.ticks,
      layoutStoppedBy: layout.stoppedBy,
      // `nodes`/`edges` are as drawn (after clustering); these are the input graph's.
      nodesTotal: layout.inputNodes,
      edgesTotal: layout.inputEdges,
      clusters: layout.clusters,
      clusteredNodes: layout.clustered,
      loadSeconds: round(layout.loadMs / 1000, 2),
      ...extra,
    }),
  );
} finally {
  await browser.close();
  await server.close();
}
