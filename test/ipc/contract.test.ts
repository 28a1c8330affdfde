import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, CHANNELS, SCHEMAS } from '../../ipc/index';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers } from '../../main/ipc/logic';
import { createApi, EVENT_METHODS } from '../../preload/api';

const exposed: { key: string; api: Record<string, unknown> }[] = [];
const invoked: { channel: string; payload: unknown }[] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push({ key, api }) },
  ipcRenderer: { invoke: async (channel: string, payload: unknown) => invoked.push({ channel, payload }), on: () => undefined, removeListener: () => undefined },
}));

describe('the IPC contract', () => {
  it('gives every channel a request and a response schema, and declares no schema without a channel', () => {
    expect(Object.keys(SCHEMAS).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const channel of CHANNEL_NAMES) {
      expect(SCHEMAS[channel].request, channel).toBeDefined();
      expect(SCHEMAS[channel].response, channel).toBeDefined();
    }
  });

  it('names channels domain:verb and gives each its own camelCase preload method', () => {
    for (const channel of CHANNEL_NAMES) expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    const methods = Object.values(CHANNELS);
    expect(new Set(methods).size).toBe(methods.length);
    for (const m of methods) expect(m).toMatch(/^[a-z][a-zA-Z]+$/);
  });

  it('has a handler for every channel and no handler for anything else', () => {
    const handlers = createHandlers({ mode: 'web', version: '0.0.0' });
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('exposes exactly one object from the preload, with one method per channel plus the menu events', async () => {
    await import('../../preload/index');
    expect(exposed.map((e) => e.key)).toEqual(['ariadne']);
    const keys = Object.keys(exposed[0]!.api).sort();
    expect(keys).toEqual([...Object.values(CHANNELS), ...EVENT_METHODS].sort());
    for (const key of keys) expect(typeof exposed[0]!.api[key], key).toBe('function');
  });

  it('routes each preload method to its own channel', async () => {
    const calls: string[] = [];
    const api = createApi(async (channel) => {
      calls.push(channel);
      return undefined as never;
    }, () => () => undefined);
    await api.appInfo();
    await api.openSnapshot();
    await api.recentSnapshots();
    await api.openRecentSnapshot('abc');
    await api.saveExport({ suggestedName: 'a.json', mimeType: 'application/json', content: '{}' });
    await api.exportPdf({ suggestedName: 'a.pdf', html: '<p>report</p>' });
    await api.listAwsProfiles();
    await api.pullAccount({ pullId: 'pull-0001', profile: 'p', region: 'eu-west-1', regions: [] });
    await api.cancelPull('pull-0001');
    expect(calls).toEqual(CHANNEL_NAMES);
  });
});

describe('dispatching a call', () => {
  const handlers = createHandlers({ mode: 'web', version: '1.2.3' });

  it('answers a valid request with a response that matches its schema', async () => {
    const r = await dispatch(handlers, 'app:info', {});
    expect(r.kind).toBe('ok');
    expect(r.kind === 'ok' && (r.value as { version: string }).version).toBe('1.2.3');
  });

  it('refuses an unknown channel, including inherited property names', async () => {
    expect((await dispatch(handlers, 'fs:read', {})).kind).toBe('unknown-channel');
    expect((await dispatch(handlers, '__proto__', {})).kind).toBe('unknown-channel');
    expect((await dispatch(handlers, 'constructor', {})).kind).toBe('unknown-channel');
  });

  it('refuses a payload with extra or wrongly typed fields', async () => {
    expect((await dispatch(handlers, 'app:info', { path: '/etc/passwd' })).kind).toBe('invalid');
    expect((await dispatch(handlers, 'snapshot:open-recent', { id: 7 })).kind).toBe('invalid');
    expect((await dispatch(handlers, 'snapshot:open-recent', null)).kind).toBe('invalid');
  });

  it('reopens only files the user chose through the dialog, by entry id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ariadne-ipc-'));
    const file = join(dir, 'snap.json');
    await writeFile(file, '\uFEFF{"UserDetailList": []}');
    const h = createHandlers({
      mode: 'desktop',
      version: '0',
      stateDir: dir,
      dialogs: { chooseOpenPaths: async () => [file], chooseSavePath: async () => undefined },
    });
    const opened = await h['snapshot:open-dialog']({});
    expect(opened).toEqual({ kind: 'ok', files: [{ name: 'snap.json', text: '{"UserDetailList": []}' }] });
    const { entries } = await h['snapshot:recent-list']({});
    expect(entries.map((e) => e.name)).toEqual(['snap.json']);
    expect(JSON.stringify(entries)).not.toContain(dir);
    expect((await h['snapshot:open-recent']({ id: entries[0]!.id })).kind).toBe('ok');
    expect((await h['snapshot:open-recent']({ id: 'nope' })).kind).toBe('error');
  });

  it('reports an unreadable file in one line that names it', async () => {
    const h = createHandlers({
      mode: 'desktop',
      version: '0',
      dialogs: { chooseOpenPaths: async () => ['/nonexistent/ariadne/missing.json'], chooseSavePath: async () => undefined },
    });
    const r = await h['snapshot:open-dialog']({});
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(/^`missing\.json`: cannot read the file/);
  });
});
