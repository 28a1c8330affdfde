// Web mode's implementation of the preload API: channels go to the local server's bridge
// (POST /ipc/<channel>, same origin, token cookie); dialogs become file inputs and downloads;
// pushed events (a pull's progress) arrive on the server-sent event stream GET /ipc-events.
import type { Invoke, OnPullProgress } from '../../preload/api';
import { createApi } from '../../preload/api';
import { isPullProgressMessage } from '../../ipc/channels';
import type { IpcRequest, IpcResponse, PullProgressMessage } from '../../ipc/schemas';

/** Calls a channel through web mode's bridge. */
const bridgeInvoke: Invoke = async (channel, request) => {
  const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await res.json()) as { kind: 'ok'; value: never } | { kind: 'error'; message: string };
  if (body.kind !== 'ok') throw new Error(body.message);
  return body.value;
};

const pullListeners = new Set<(message: PullProgressMessage) => void>();
let events: { source: EventSource; ready: Promise<void> } | undefined;

/** Opens the event stream once (the token cookie authorises it); resolves when it is open or has failed. */
function connectEvents(): Promise<void> {
  if (events && events.source.readyState !== EventSource.CLOSED) return events.ready;
  const source = new EventSource('/ipc-events');
  source.addEventListener('pull-progress', (e) => {
    let message: unknown;
    try {
      message = JSON.parse((e as MessageEvent<string>).data);
    } catch {
      return;
    }
    if (!isPullProgressMessage(message)) return;
    for (const listener of pullListeners) listener(message as PullProgressMessage);
  });
  const ready = new Promise<void>((resolve) => {
    source.addEventListener('open', () => resolve(), { once: true });
    // Without the stream the pull still works; only its progress is missing.
    source.addEventListener('error', () => resolve(), { once: true });
  });
  events = { source, ready };
  return ready;
}

/** Subscribes to pull progress from the event stream. */
const onPullProgress: OnPullProgress = (listener) => {
  pullListeners.add(listener);
  void connectEvents();
  return () => {
    pullListeners.delete(listener);
  };
};

/** Lets the user choose snapshot files with the browser's file chooser. */
export function chooseFiles(): Promise<IpcResponse<'snapshot:open-dialog'>> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.multiple = true;
    input.addEventListener('cancel', () => resolve({ kind: 'cancelled' }));
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      if (files.length === 0) {
        resolve({ kind: 'cancelled' });
        return;
      }
      Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })))
        .then((read) => resolve({ kind: 'ok', files: read }))
        .catch(() => resolve({ kind: 'error', message: 'the browser could not read the file' }));
    });
    input.click();
  });
}

/** The bytes of base64 text. */
function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Downloads `content` (text, or base64 when `encoding` says so) as a file named `name`. */
export function download(name: string, mimeType: string, content: string, encoding?: 'base64'): void {
  const url = URL.createObjectURL(new Blob([encoding === 'base64' ? base64Bytes(content) : content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The preload API over the bridge, with browser dialogs. */
export function createWebApi() {
  const api = createApi(bridgeInvoke, () => () => undefined, onPullProgress);
  return {
    ...api,
    // The stream is opened before the pull starts, so no early progress is lost.
    pullAccount: async (request: IpcRequest<'aws:pull-account'>): Promise<IpcResponse<'aws:pull-account'>> => {
      await connectEvents();
      return bridgeInvoke('aws:pull-account', request);
    },
    openSnapshot: chooseFiles,
    saveExport: async (request: Parameters<typeof api.saveExport>[0]): Promise<IpcResponse<'export:save'>> => {
      // The same checks as the desktop handler (loaded on first export: zod stays out of the main bundle).
      const { parseRequest } = await import('../../ipc/schemas');
      const checked = parseRequest('export:save', request);
      if (checked.kind === 'error') return { kind: 'error', message: checked.message };
      download(request.suggestedName, request.mimeType, request.content, request.encoding);
      return { kind: 'saved', name: request.suggestedName };
    },
  } satisfies typeof api;
}
