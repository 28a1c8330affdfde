// A small hash router: the route is in `location.hash`, so reloads and Back keep the place.
// Routes: #/library, #/pull, #/s/<id>/<view>[/<arn>], #/compare/<id>[/<id>]. Imports React only.
import { useEffect, useState } from 'react';

/** The views of an opened snapshot. */
export const SNAPSHOT_VIEWS = ['overview', 'principals', 'principal', 'policy', 'query', 'findings', 'graph'] as const;

/** One view of an opened snapshot. */
export type SnapshotView = (typeof SNAPSHOT_VIEWS)[number];

/** A parsed route. `compare` with one id picks the snapshot to compare it with; with two, `oldId` is the baseline. */
export type Route =
  | { kind: 'library' }
  | { kind: 'pull' }
  | { kind: 'snapshot'; id: string; view: SnapshotView; arn?: string }
  | { kind: 'compare'; oldId: string; newId?: string };

function parseCompare(parts: readonly string[]): Route {
  try {
    const oldId = decodeURIComponent(parts[1] ?? '');
    const newId = parts[2] ? decodeURIComponent(parts[2]) : undefined;
    if (!oldId || parts.length > 3) return { kind: 'library' };
    return newId === undefined ? { kind: 'compare', oldId } : { kind: 'compare', oldId, newId };
  } catch {
    return { kind: 'library' };
  }
}

/** Parses a location hash into a route (anything unknown is the library). */
export function parseRoute(hash: string): Route {
  // Anything after `?` is the view's own state (the Policy view's highlighted statements).
  const parts = (hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/');
  if (parts[0] === 'pull' && parts.length === 1) return { kind: 'pull' };
  if (parts[0] === 'compare') return parseCompare(parts);
  if (parts[0] !== 's' || !parts[1]) return { kind: 'library' };
  const view = (SNAPSHOT_VIEWS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as SnapshotView) : 'overview';
  let id: string;
  let arn: string | undefined;
  try {
    id = decodeURIComponent(parts[1]);
    arn = parts[3] ? decodeURIComponent(parts.slice(3).join('/')) : undefined;
  } catch {
    return { kind: 'library' };
  }
  return arn !== undefined ? { kind: 'snapshot', id, view, arn } : { kind: 'snapshot', id, view };
}

/** The hash of a route. */
export function href(route: Route): string {
  if (route.kind === 'library') return '#/library';
  if (route.kind === 'pull') return '#/pull';
  if (route.kind === 'compare') {
    const base = `#/compare/${encodeURIComponent(route.oldId)}`;
    return route.newId === undefined ? base : `${base}/${encodeURIComponent(route.newId)}`;
  }
  const base = `#/s/${encodeURIComponent(route.id)}/${route.view}`;
  return route.arn !== undefined ? `${base}/${encodeURIComponent(route.arn)}` : base;
}

/** Goes to `route`. */
export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/** The current route, updated on hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
