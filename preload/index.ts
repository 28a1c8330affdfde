// The preload: exposes one typed object, `window.ariadne`, and nothing else.
// Imports only electron and ipc/; the API type is derived from this object.
import { contextBridge } from 'electron';

const api = {
  /** The application's version, for the About box. */
  version: (): string => process.env['npm_package_version'] ?? 'unknown',
};

/** The preload API, as the renderer sees it. */
export type AriadneApi = typeof api;

contextBridge.exposeInMainWorld('ariadne', api);
