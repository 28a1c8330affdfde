// Web mode's implementation of the preload API: channels go to the local server's bridge
// (POST /ipc/<channel>, same origin, token cookie); dialogs become file inputs and downloads.
import type { Invoke } from '../../preload/api';
import { createApi } from '../../preload/api';
import type { IpcResponse } from '../../ipc/schemas';

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

/** Downloads `content` as a file named `name`. */
export function download(name: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The preload API over the bridge, with browser dialogs. */
export function createWebApi() {
  const api = createApi(bridgeInvoke, () => () => undefined);
  return {
    ...api,
    openSnapshot: chooseFiles,
    saveExport: async (request: Parameters<typeof api.saveExport>[0]): Promise<IpcResponse<'export:save'>> => {
      download(request.suggestedName, request.mimeType, request.content);
      return { kind: 'saved', name: request.suggestedName };
    },
  } satisfies typeof api;
}
