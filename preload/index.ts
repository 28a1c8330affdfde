// The preload: exposes one typed object, `window.ariadne`, and nothing else.
// Imports only electron and ipc/; the API type is derived from the object (preload/api.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { isPullProgressMessage, MENU_COMMANDS, MENU_EVENT, PULL_EVENT, type MenuCommand } from '../ipc/channels';
import type { PullProgressMessage } from '../ipc/schemas';
import { createApi, type Invoke } from './api';

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request);

/** Subscribes `listener` to one push channel from main, passing only messages that `accept` checks. */
function subscribe<T>(channel: string, accept: (message: unknown) => boolean, listener: (message: T) => void): () => void {
  const wrapped = (_event: unknown, message: unknown): void => {
    if (accept(message)) listener(message as T);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const isMenuCommand = (m: unknown): boolean => typeof m === 'string' && (MENU_COMMANDS as readonly string[]).includes(m);

const api = createApi(
  invoke,
  (listener) => subscribe<MenuCommand>(MENU_EVENT, isMenuCommand, listener),
  (listener) => subscribe<PullProgressMessage>(PULL_EVENT, isPullProgressMessage, listener),
);

contextBridge.exposeInMainWorld('ariadne', api);
