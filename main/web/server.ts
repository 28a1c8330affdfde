// Web mode: serves the built renderer to a local browser on 127.0.0.1 behind a per-run token.
// Node-only (no electron import), so tests and `npm run web` share it. POST /ipc/<channel> is the
// bridge: the preload's API, served by the same handler logic as the desktop app's ipcMain.
// GET /ipc-events is the push channel (server-sent events: a pull's progress), token-checked too.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security';
import { MAX_REPORT_HTML_CHARS, type IpcHandlers, type PullProgressMessage } from '../../ipc/index';
import { dispatch } from '../ipc/dispatch';
import { createHandlers, type AwsHost, type PdfPrinter } from '../ipc/logic';
import { printPdfWithChromium } from './pdf';

/** Largest bridge request body, in bytes. */
const MAX_BRIDGE_BODY = 16 * 1024 * 1024;

/**
 * Larger bodies for the channels that carry a report: its HTML as JSON (escaping at most doubles
 * it); the channel's schema then checks the exact character limit.
 */
const BODY_LIMITS: ReadonlyMap<string, number> = new Map([['export:pdf', 2 * MAX_REPORT_HTML_CHARS + 1024 * 1024]]);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Security headers of every response; the CSP matches the desktop app's. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A running web-mode server. */
export interface WebServer {
  url: string;
  token: string;
  server: Server;
  /** Sends a pull's progress to every open event stream. */
  publishPullProgress: (message: PullProgressMessage) => void;
  close: () => Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return undefined;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === 'ariadne_token' && v) return v;
  }
  return undefined;
}

/** Starts web mode serving `root` (the built renderer) on 127.0.0.1:`port` (0 picks a free one). */
export async function startWebServer(options: { root: string; port?: number; token?: string; handlers?: IpcHandlers; version?: string; aws?: AwsHost; printPdf?: PdfPrinter }): Promise<WebServer> {
  const root = resolve(options.root);
  const token = options.token ?? randomBytes(24).toString('hex');
  /** Open event streams (GET /ipc-events). */
  const streams = new Set<ServerResponse>();
  const publishPullProgress = (message: PullProgressMessage): void => {
    const frame = `event: pull-progress\ndata: ${JSON.stringify(message)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const handlers =
    options.handlers ??
    createHandlers({
      mode: 'web',
      version: options.version ?? 'unknown',
      ...(options.aws ? { aws: options.aws } : {}),
      onPullProgress: publishPullProgress,
      // No save dialog in a browser: the PDF comes back as bytes and the page downloads it.
      printPdf: options.printPdf ?? ((html) => printPdfWithChromium(html)),
    });
  let port = 0;
  /** The push channel: same origin only (the token was checked), server-sent events until the page goes. */
  const events = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if ((origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) || (site !== undefined && site !== 'same-origin')) {
      sendJson(res, 403, { kind: 'error', message: 'ipc-events: cross-origin request refused' });
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, { kind: 'error', message: 'ipc-events: use GET' });
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': ariadne events\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  };
  /** The bridge: same origin only, token required, body validated against the channel's schema. */
  const bridge = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    const origin = req.headers.origin;
    if (origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      sendJson(res, 403, { kind: 'error', message: 'ipc: cross-origin request refused' });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { kind: 'error', message: 'ipc: use POST' });
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, { kind: 'error', message: 'ipc: the body must be application/json' });
      return;
    }
    const text = await readBody(req, BODY_LIMITS.get(channel) ?? MAX_BRIDGE_BODY);
    if (text === undefined) {
      sendJson(res, 413, { kind: 'error', message: 'ipc: request too large' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      sendJson(res, 400, { kind: 'error', message: 'ipc: the body is not valid JSON' });
      return;
    }
    const result = await dispatch(handlers, channel, payload);
    const status = { ok: 200, 'unknown-channel': 404, invalid: 400, failed: 500 }[result.kind];
    sendJson(res, status, result.kind === 'ok' ? { kind: 'ok', value: result.value } : { kind: 'error', message: result.message });
  };
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headerToken = req.headers['x-ariadne-token'];
    const given = url.searchParams.get('token') ?? (typeof headerToken === 'string' ? headerToken : undefined) ?? cookieToken(req);
    // The Host check defeats DNS rebinding: only loopback names reach the app.
    const host = (req.headers.host ?? '').split(':')[0];
    if (host !== '127.0.0.1' && host !== 'localhost') {
      res.writeHead(421, SECURITY_HEADERS).end('misdirected request');
      return;
    }
    if (!given || !sameToken(given, token)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('forbidden: open the URL with its token');
      return;
    }
    if (url.pathname === '/ipc-events') {
      events(req, res);
      return;
    }
    if (url.pathname.startsWith('/ipc/')) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
      } catch {
        sendJson(res, 404, { kind: 'error', message: 'ipc: unknown channel' });
        return;
      }
      await bridge(req, res, channel);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Set-Cookie': `ariadne_token=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, SECURITY_HEADERS).end();
    }
  };
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    server,
    publishPullProgress,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // Open event streams and the browser's keep-alive sockets would hold the server open.
        for (const res of streams) res.end();
        streams.clear();
        server.closeAllConnections();
      }),
  };
}
