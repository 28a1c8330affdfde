// Builds the graph bench page with Vite and serves a folder over http on 127.0.0.1 (never
// file://). Used by scripts/bench-graph.mjs and the graph browser test. Tooling only.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The folder the bench page is built into. */
export const OUT_DIR = resolve(here, '../../../.bench/graph-view');

/** Builds the bench page; returns the output folder. */
export async function buildBenchPage() {
  const { build } = await import('vite');
  await build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn' });
  return OUT_DIR;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

/**
 * Serves `dir` on 127.0.0.1 at a free port, plus `extra` files by URL path (e.g.
 * `{ '/real-graph.json': '.bench/graph-model/large-seed1.json' }`); returns the base URL and a
 * close function.
 */
export async function serveDir(dir, extra = {}) {
  const root = resolve(dir);
  const extras = new Map(Object.entries(extra).map(([url, file]) => [url, resolve(file)]));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const mapped = extras.get(path);
    const file = mapped ?? normalize(join(root, path === '/' ? 'index.html' : path));
    if ((mapped === undefined && !file.startsWith(root)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok(undefined))) };
}
