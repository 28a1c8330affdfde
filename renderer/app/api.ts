// The preload API for the views: `window.ariadne` in the desktop app, or web mode's bridge when
// the page runs in a browser (chosen once, at start). Imports the API's type, never the preload.
import type { AriadneApi } from '../../preload/api';
import { createWebApi } from './web-api';

declare global {
  interface Window {
    /** Set by the preload in the desktop app; absent in a browser. */
    ariadne?: AriadneApi;
  }
}

/** Which host the renderer runs in. */
export type Host = 'desktop' | 'web';

/** The API and the host it came from. */
export function chooseApi(): { api: AriadneApi; host: Host } {
  return window.ariadne ? { api: window.ariadne, host: 'desktop' } : { api: createWebApi(), host: 'web' };
}

export type { AriadneApi };
