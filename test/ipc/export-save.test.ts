import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, parseRequest } from '../../ipc/index';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/logic';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('the export:save request', () => {
  it('accepts an SVG as text and a PNG as base64', () => {
    expect(parseRequest('export:save', { suggestedName: 'g.svg', mimeType: 'image/svg+xml', content: '<svg/>' }).kind).toBe('ok');
    expect(parseRequest('export:save', { suggestedName: 'g.png', mimeType: 'image/png', encoding: 'base64', content: PNG_MAGIC.toString('base64') }).kind).toBe('ok');
  });

  it('refuses a PNG without base64, and base64 for a text type', () => {
    const png = parseRequest('export:save', { suggestedName: 'g.png', mimeType: 'image/png', content: 'x' });
    expect(png.kind === 'error' && png.message).toMatch(/^export:save: invalid request at `encoding`: image\/png needs encoding `base64`/);
    expect(parseRequest('export:save', { suggestedName: 'a.json', mimeType: 'application/json', encoding: 'base64', content: 'e30=' }).kind).toBe('error');
  });

  it('refuses content that is not base64, and an image over the size limit', () => {
    expect(parseRequest('export:save', { suggestedName: 'g.png', mimeType: 'image/png', encoding: 'base64', content: 'not base64!' }).kind).toBe('error');
    expect(parseRequest('export:save', { suggestedName: 'g.png', mimeType: 'image/png', encoding: 'base64', content: 'abc' }).kind).toBe('error');
    const big = 'A'.repeat((Math.ceil(MAX_IMAGE_BYTES / 3) + 1) * 4);
    const r = parseRequest('export:save', { suggestedName: 'g.png', mimeType: 'image/png', encoding: 'base64', content: big });
    expect(r.kind === 'error' && r.message).toMatch(/at `content`: not base64 of at most 32 mib/);
  });

  it('refuses an unknown image type and an unknown encoding', () => {
    expect(parseRequest('export:save', { suggestedName: 'g.gif', mimeType: 'image/gif', content: 'x' }).kind).toBe('error');
    expect(parseRequest('export:save', { suggestedName: 'g.png', mimeType: 'image/png', encoding: 'hex', content: '00' }).kind).toBe('error');
  });
});

describe('saving an export on the desktop', () => {
  async function handlersSavingTo(name: string) {
    const dir = await mkdtemp(join(tmpdir(), 'ariadne-export-'));
    const path = join(dir, name);
    return { path, handlers: createHandlers({ mode: 'desktop', version: '0', dialogs: { chooseOpenPaths: async () => undefined, chooseSavePath: async () => path } }) };
  }

  it('writes a PNG as the bytes its base64 encodes', async () => {
    const { path, handlers } = await handlersSavingTo('graph.png');
    const r = await dispatch(handlers, 'export:save', { suggestedName: 'graph.png', mimeType: 'image/png', encoding: 'base64', content: PNG_MAGIC.toString('base64') });
    expect(r).toEqual({ kind: 'ok', value: { kind: 'saved', name: 'graph.png' } });
    expect(await readFile(path)).toEqual(PNG_MAGIC);
  });

  it('writes an SVG as its text', async () => {
    const { path, handlers } = await handlersSavingTo('graph.svg');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>PlatformAdmin</text></svg>';
    const r = await dispatch(handlers, 'export:save', { suggestedName: 'graph.svg', mimeType: 'image/svg+xml', content: svg });
    expect(r.kind).toBe('ok');
    expect(await readFile(path, 'utf8')).toBe(svg);
  });

  it('writes nothing for a PNG whose request fails validation', async () => {
    const { path, handlers } = await handlersSavingTo('bad.png');
    expect((await dispatch(handlers, 'export:save', { suggestedName: 'bad.png', mimeType: 'image/png', content: 'x' })).kind).toBe('invalid');
    await expect(readFile(path)).rejects.toThrow();
  });
});
