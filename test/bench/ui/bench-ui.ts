// UI-thread bench (`npx tsx test/bench/ui/bench-ui.ts`): builds the renderer into .bench/ui-renderer,
// serves it in web mode, imports .bench/large-seed1.json through the file chooser in Chromium and
// waits for the analysis, recording every long task (PerformanceObserver 'longtask') and every gap
// between animation frames; prints one JSON line. A measurement, not a test: it asserts nothing.
// BENCH_UI_PROFILE=1 also records a CPU profile (unminified build) to .bench/ui-thread.cpuprofile;
// BENCH_UI_ROOT=<folder> serves a renderer built elsewhere instead of building one;
// BENCH_UI_GRAPH=1 then opens the account graph too and prints a second line for it.
// Tooling only: imports main/web (Node) and playwright-core, no renderer code.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startWebServer } from '../../../main/web/server';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../../..');
const FIXTURE = resolve(repo, process.env['BENCH_UI_FILE'] ?? '.bench/large-seed1.json');
const ROOT = resolve(repo, process.env['BENCH_UI_ROOT'] ?? '.bench/ui-renderer');
const TIMEOUT_MS = Number(process.env['BENCH_UI_TIMEOUT_S'] ?? 1200) * 1000;
const PROFILE = process.env['BENCH_UI_PROFILE'] === '1';
/** BENCH_UI_PROFILE=graph: a CPU profile of the first minute of opening the graph only. */
const PROFILE_GRAPH = process.env['BENCH_UI_PROFILE'] === 'graph';
const TOKEN = 'bench-ui-' + 'token-0123456789abcdef';

/** One long task or frame gap seen by the page. */
interface Slice {
  start: number;
  duration: number;
}

/** What the page records (installed before any app script runs). */
interface Recorder {
  tasks: Slice[];
  gaps: Slice[];
  marks: Record<string, number>;
}

declare global {
  interface Window {
    __uiBench?: Recorder;
  }
}

function log(line: string): void {
  process.stderr.write(`bench:ui: ${line}\n`);
}

/**
 * Installs the long-task observer and the animation-frame gap monitor in the page. A string, not a
 * function: tsx would wrap a function's inner names in a helper the page does not have.
 */
const RECORDER = `(() => {
  const r = { tasks: [], gaps: [], marks: {} };
  window.__uiBench = r;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) r.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = (now) => {
    if (now - last > 50) r.gaps.push({ start: last, duration: now - last });
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function mark(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => {
    const t = performance.now();
    if (window.__uiBench) window.__uiBench.marks[n] = t;
    return t;
  }, name);
}

async function build(): Promise<void> {
  const { build: viteBuild } = await import('vite');
  log(`building the renderer into ${ROOT}${PROFILE ? ' (unminified, for the profile)' : ''}`);
  await viteBuild({
    configFile: resolve(here, 'vite.config.ts'),
    logLevel: 'warn',
    ...(PROFILE ? { build: { minify: false } } : {}),
  });
}

if (!existsSync(FIXTURE)) {
  log(`${FIXTURE} is missing: run \`npm run bench:generate -- --size large --seed 1 --out .bench/large-seed1.json\``);
  process.exit(2);
}
if (process.env['BENCH_UI_ROOT'] === undefined) await build();
else if (!existsSync(resolve(ROOT, 'index.html'))) {
  log(`${ROOT} holds no built renderer`);
  process.exit(2);
}
const web = await startWebServer({ root: ROOT, port: 0, token: TOKEN, version: 'bench' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => log('the page crashed'));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript({ content: RECORDER });
  await page.goto(`${web.url}${web.url.includes('?') ? '' : `?token=${TOKEN}`}`);
  // The demo opens on first start: let its analysis finish before measuring.
  await page.getByRole('heading', { name: 'larkspur-prod', level: 2 }).waitFor({ timeout: 60_000 });
  await page.getByTestId('overview-severity-critical').waitFor({ timeout: 120_000 });
  const demoHash = await page.evaluate(() => window.location.hash);
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  await page.evaluate(() => {
    const r = window.__uiBench;
    if (r) {
      r.tasks.length = 0;
      r.gaps.length = 0;
    }
  });
  const cdp = PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  log(`importing ${FIXTURE}`);
  const t0 = Date.now();
  await mark(page, 'importStart');
  await page.getByLabel('Import snapshot…').setInputFiles(FIXTURE);
  // The import ends when the app opens the new snapshot's overview.
  await page.waitForFunction(
    (demo) => /^#\/s\/[^/]+\/overview$/.test(window.location.hash) && window.location.hash !== demo,
    demoHash,
    { timeout: TIMEOUT_MS, polling: 100 },
  );
  await mark(page, 'importEnd');
  const importSeconds = (Date.now() - t0) / 1000;
  log(`imported in ${importSeconds.toFixed(1)} s; analysing`);
  const t1 = Date.now();
  let lastLine = '';
  const progress = setInterval(() => {
    void page
      .getByTestId('analysis-status')
      .first()
      .textContent({ timeout: 1000 })
      .then(
        (text) => {
          const line = (text ?? '').replace(/Cancel analysis|Run the analysis/, '').trim();
          if (line && line !== lastLine) log(`${Math.round((Date.now() - t1) / 1000)} s: ${(lastLine = line)}`);
        },
        () => undefined,
      );
  }, 5000);
  try {
    await page.getByTestId('overview-severity-critical').waitFor({ timeout: TIMEOUT_MS });
  } finally {
    clearInterval(progress);
  }
  await mark(page, 'analysisEnd');
  const analysisSeconds = (Date.now() - t1) / 1000;
  // A few more frames: the work that follows the result (caching, the overview's panels).
  await page.waitForTimeout(3000);
  await mark(page, 'settled');
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    mkdirSync(resolve(repo, '.bench'), { recursive: true });
    writeFileSync(resolve(repo, '.bench/ui-thread.cpuprofile'), JSON.stringify(profile));
    log('CPU profile written to .bench/ui-thread.cpuprofile');
  }
  const rec = await page.evaluate(() => window.__uiBench ?? { tasks: [], gaps: [], marks: {} });
  const m = rec.marks;
  const phase = (s: Slice): string =>
    s.start < (m['importEnd'] ?? Infinity) ? 'import' : s.start < (m['analysisEnd'] ?? Infinity) ? 'analysis' : 'after';
  const round = (v: number): number => Math.round(v);
  const describe = (list: Slice[]): string =>
    list
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 12)
      .map((s) => `${round(s.duration)} ms at ${((s.start - (m['importStart'] ?? 0)) / 1000).toFixed(1)} s (${phase(s)})`)
      .join(', ') || 'none';
  const tasks = rec.tasks.filter((t) => t.start >= (m['importStart'] ?? 0));
  const gaps = rec.gaps.filter((t) => t.start >= (m['importStart'] ?? 0));
  log(`long tasks: ${describe([...tasks])}`);
  log(`frame gaps over 50 ms: ${gaps.length}; longest: ${describe([...gaps])}`);
  if (errors.length) log(`page errors: ${errors.join(' | ')}`);
  await page.screenshot({ path: resolve(repo, 'test-results/screens/ui-bench-large.png') }).catch(() => undefined);
  const maxTaskMs = round(Math.max(0, ...tasks.map((t) => t.duration)));
  console.log(
    JSON.stringify({
      bench: 'ui-thread',
      longTasksOver50: tasks.length,
      maxTaskMs,
      over200: tasks.filter((t) => t.duration > 200).length,
      maxFrameGapMs: round(Math.max(0, ...gaps.map((g) => g.duration))),
      importSeconds: Math.round(importSeconds * 10) / 10,
      analysisSeconds: Math.round(analysisSeconds * 10) / 10,
    }),
  );
  if (process.env['BENCH_UI_GRAPH'] === '1') {
    await page.evaluate(() => {
      const r = window.__uiBench;
      if (r) r.tasks.length = 0;
    });
    log('opening the account graph');
    const graphCdp = PROFILE_GRAPH ? await page.context().newCDPSession(page) : undefined;
    let stopProfile = async (): Promise<void> => undefined;
    if (graphCdp) {
      await graphCdp.send('Profiler.enable');
      await graphCdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await graphCdp.send('Profiler.start');
      const timer = setTimeout(() => void stopProfile(), 60_000);
      stopProfile = async () => {
        clearTimeout(timer);
        stopProfile = async () => undefined;
        const r = (await graphCdp.send('Profiler.stop')) as { profile: unknown };
        writeFileSync(resolve(repo, '.bench/ui-graph.cpuprofile'), JSON.stringify(r.profile));
        log('CPU profile of the graph written to .bench/ui-graph.cpuprofile');
      };
    }
    const t2 = Date.now();
    const graphStart = await mark(page, 'graphStart');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graph' }).click();
    const canvas = page.getByTestId('graph-canvas');
    const graphProgress = setInterval(() => {
      void page
        .evaluate(() => {
          const summary = document.querySelector('[data-testid="graph-summary"]')?.textContent ?? '(no summary)';
          const layout = document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-layout') ?? '-';
          return `${summary}; layout ${layout}`;
        })
        .then(
          (line) => log(`${Math.round((Date.now() - t2) / 1000)} s: ${line}`),
          (e: unknown) => log(`the page does not answer: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`),
        );
    }, 10_000);
    // Done when the graph with the escalation edges is laid out, or the screen says it failed.
    const outcome = await page.waitForFunction(
      () => {
        const alert = document.querySelector('.graph-screen [role="alert"], .view > p.error[role="alert"]');
        if (alert) return `failed: ${alert.textContent ?? ''}`;
        const summary = document.querySelector('[data-testid="graph-summary"]')?.textContent ?? '';
        const done = document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-layout') === 'done';
        return done && /nodes/.test(summary) && !/escalation edges follow/.test(summary) ? summary : false;
      },
      undefined,
      { timeout: TIMEOUT_MS, polling: 200 },
    );
    clearInterval(graphProgress);
    const summary = String(await outcome.jsonValue());
    const graphSeconds = (Date.now() - t2) / 1000;
    await page.waitForTimeout(2000);
    await stopProfile();
    await canvas.screenshot({ path: resolve(repo, 'test-results/screens/ui-bench-large-graph.png') }).catch(() => undefined);
    const graphTasks = (await page.evaluate(() => window.__uiBench?.tasks ?? [])).filter((t) => t.start >= graphStart);
    log(`graph (${summary}): long tasks: ${describe([...graphTasks])}`);
    console.log(
      JSON.stringify({
        bench: 'ui-thread-graph',
        longTasksOver50: graphTasks.length,
        maxTaskMs: round(Math.max(0, ...graphTasks.map((t) => t.duration))),
        over200: graphTasks.filter((t) => t.duration > 200).length,
        graphSeconds: Math.round(graphSeconds * 10) / 10,
      }),
    );
  }
} finally {
  await browser.close();
  await web.close();
}
