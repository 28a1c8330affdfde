import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../main/web/server';

let web: WebServer;
let origin: string;
const TOKEN = 'bridge-test-token';

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'ariadne-web-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  web = await startWebServer({ root, token: TOKEN, version: '9.9.9' });
  origin = new URL(web.url).origin;
});
afterAll(() => web.close());

function post(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-ariadne-token': TOKEN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the web-mode bridge', () => {
  it('answers a valid call with the handler result', async () => {
    const res = await post('app:info', {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kind: string; value: { version: string; mode: string } };
    expect(body).toMatchObject({ kind: 'ok', value: { version: '9.9.9', mode: 'web' } });
  });

  it('accepts the token from the cookie the page was served with', async () => {
    const page = await fetch(`${origin}/?token=${TOKEN}`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${origin}/ipc/app:info`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('rejects a call without the token', async () => {
    const res = await post('app:info', {}, { 'x-ariadne-token': '' });
    expect(res.status).toBe(403);
  });

  it('rejects a call with a wrong token', async () => {
    const res = await post('app:info', {}, { 'x-ariadne-token': 'bridge-test-tokem' });
    expect(res.status).toBe(403);
  });

  it('rejects a call from another origin, or with no origin', async () => {
    expect((await post('app:info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('app:info', {}, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    const res = await fetch(`${origin}/ipc/app:info`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ariadne-token': TOKEN }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('rejects an unknown channel', async () => {
    const res = await post('fs:read', {});
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('unknown channel');
    expect((await post('__proto__', {})).status).toBe(404);
  });

  it('rejects an invalid payload, a body that is not JSON and a non-JSON content type', async () => {
    const invalid = await post('snapshot:open-recent', { id: 42 });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/^snapshot:open-recent: invalid request/);
    expect((await post('app:info', { extra: true })).status).toBe(400);
    expect((await post('app:info', '{not json')).status).toBe(400);
    expect((await post('app:info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('rejects a GET on a channel', async () => {
    const res = await fetch(`${origin}/ipc/app:info`, { headers: { origin, 'x-ariadne-token': TOKEN } });
    expect(res.status).toBe(405);
  });
});

describe('the web-mode event stream', () => {
  const message = { pullId: 'pull-0001', event: { kind: 'collector-start' as const, collector: 'kms', region: 'eu-west-1' } };

  it('refuses a stream without the token or with a wrong one', async () => {
    expect((await fetch(`${origin}/ipc-events`)).status).toBe(403);
    expect((await fetch(`${origin}/ipc-events`, { headers: { 'x-ariadne-token': 'bridge-test-tokem' } })).status).toBe(403);
    expect((await fetch(`${origin}/ipc-events?token=nope`)).status).toBe(403);
  });

  it('refuses a stream asked for by another origin, or by another site', async () => {
    expect((await fetch(`${origin}/ipc-events`, { headers: { 'x-ariadne-token': TOKEN, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(`${origin}/ipc-events`, { headers: { 'x-ariadne-token': TOKEN, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${origin}/ipc-events`, { method: 'POST', headers: { 'x-ariadne-token': TOKEN, origin } })).status).toBe(405);
  });

  it('streams published pull progress to a page holding the token cookie', async () => {
    const page = await fetch(`${origin}/?token=${TOKEN}`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const controller = new AbortController();
    const res = await fetch(`${origin}/ipc-events`, { headers: { cookie, 'sec-fetch-site': 'same-origin' }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    web.publishPullProgress(message);
    while (!(text.includes('"pull-0001"') && text.endsWith('\n\n'))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const frame = text.split('\n\n').find((f) => f.includes('event: pull-progress'));
    expect(frame).toBe(`event: pull-progress\ndata: ${JSON.stringify(message)}`);
  });
});

describe('closing web mode', () => {
  it('ends open event streams instead of waiting for the page to go', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ariadne-web-close-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    const other = await startWebServer({ root, token: TOKEN });
    const res = await fetch(`${new URL(other.url).origin}/ipc-events`, { headers: { 'x-ariadne-token': TOKEN } });
    expect(res.status).toBe(200);
    await other.close();
    const reader = res.body!.getReader();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
