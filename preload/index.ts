// The preload: exposes one typed object, `window.ariadne`, and nothing else.
// Imports only electron and ipc/; the API type is derived from the object (preload/api.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMANDS, MENU_EVENT, type MenuCommand } from '../ipc/channels';
import { createApi, type Invoke } from './api';

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request);

const api = createApi(invoke, (listener) => {
  const wrapped = (_event: unknown, command: unknown): void => {
    if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) listener(command as MenuCommand);
  };
  ipcRenderer.on(MENU_EVENT, wrapped);
  return () => {
    ipcRenderer.removeListener(MENU_EVENT, wrapped);
  };
});

contextBridge.exposeInMainWorld('ariadne', api);
