// Deep links of the Findings view and the account graph: `#/s/<id>/findings[/<finding-id>][?filters]`
// and `#/s/<id>/graph[/<arn>][?finding=<id>]`, read from and written to the hash without adding a
// history entry per click. Imports the router's parser and React only; no core.
import { useEffect, useState } from 'react';
import { parseRoute } from '../../app/router';
import { NO_FILTER, SEVERITY_ORDER, TRIAGE_STATES, type FindingFilter } from './filter';

/** The part of a hash after `?`, as parameters. */
export function hashParams(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

/** The `/<x>` after the view in a snapshot hash (a finding id, an ARN), if any. */
export function hashSubject(hash: string): string | undefined {
  const r = parseRoute(hash);
  return r.kind === 'snapshot' ? r.arn : undefined;
}

/** The filter a Findings hash asks for; unknown values are ignored. */
export function filterFromHash(hash: string): FindingFilter {
  const p = hashParams(hash);
  const severity = p.get('severity') ?? '';
  const triage = p.get('triage') ?? '';
  return {
    severity: (SEVERITY_ORDER as readonly string[]).includes(severity) ? (severity as FindingFilter['severity']) : '',
    rule: (p.get('rule') ?? '').slice(0, 200),
    principal: (p.get('principal') ?? '').slice(0, 500),
    triage: (TRIAGE_STATES as readonly string[]).includes(triage) ? (triage as FindingFilter['triage']) : '',
  };
}

/** The Findings view's hash: finding `findingId` selected (if given) under `filter` (if any is set). */
export function findingHref(snapshotId: string, findingId?: string | null, filter: FindingFilter = NO_FILTER): string {
  const base = `#/s/${encodeURIComponent(snapshotId)}/findings`;
  const path = findingId ? `${base}/${encodeURIComponent(findingId)}` : base;
  const p = new URLSearchParams();
  for (const key of ['severity', 'rule', 'principal', 'triage'] as const) if (filter[key]) p.set(key, filter[key]);
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

/** The graph's hash: node `arn` selected (if given), finding `findingId`'s path drawn (if given). */
export function graphSelectionHref(snapshotId: string, arn?: string | null, findingId?: string | null): string {
  const base = `#/s/${encodeURIComponent(snapshotId)}/graph`;
  const path = arn ? `${base}/${encodeURIComponent(arn)}` : base;
  return findingId ? `${path}?finding=${encodeURIComponent(findingId)}` : path;
}

/** Sets the hash to `hash` in place: no history entry, no `hashchange` (the view already shows it). */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  window.history.replaceState(window.history.state, '', hash);
}

/** The whole address of `hash` in this app (for "Copy link"). */
export function absoluteLink(hash: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin === 'null' ? '' : origin}${pathname}${search}${hash}`;
}

/** The current hash and a count of `hashchange`s (navigation, Back, Forward; not replaceHash): a
 * link to the hash the view shows already still counts, so the view can apply it again. */
export function useHash(): { hash: string; tick: number } {
  const [state, setState] = useState(() => ({ hash: window.location.hash, tick: 0 }));
  useEffect(() => {
    const onChange = (): void => setState((s) => ({ hash: window.location.hash, tick: s.tick + 1 }));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}
