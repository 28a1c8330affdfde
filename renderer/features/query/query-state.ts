// The Query view's state in the location hash (`#/s/<id>/query?tab=can&principal=…&c=k%3Dv`), so a
// question survives following a link to the Policy view and coming Back, and a reload. Pure.
import type { ContextRow } from './context-rows';

/** The Query view's tabs. */
export const QUERY_TABS = ['can', 'who-can', 'what-can'] as const;

/** One tab of the Query view. */
export type QueryTab = (typeof QUERY_TABS)[number];

/** The fields of the forms and whether the question was asked. */
export interface QueryState {
  tab: QueryTab;
  principal: string;
  action: string;
  resource: string;
  context: { key: string; value: string }[];
  strict: boolean;
  asked: boolean;
}

/** The empty state. */
export const EMPTY_QUERY: QueryState = { tab: 'can', principal: '', action: '', resource: '', context: [], strict: false, asked: false };

/** Reads the state from the part of a hash after `?` (anything missing is empty). */
export function parseQueryState(hash: string): QueryState {
  const q = hash.indexOf('?');
  if (q < 0) return { ...EMPTY_QUERY, context: [] };
  const p = new URLSearchParams(hash.slice(q + 1));
  const tab = p.get('tab');
  const context = p
    .getAll('c')
    .slice(0, 200)
    .map((kv) => {
      const eq = kv.indexOf('=');
      return eq < 0 ? { key: kv, value: '' } : { key: kv.slice(0, eq), value: kv.slice(eq + 1) };
    });
  return {
    tab: (QUERY_TABS as readonly string[]).includes(tab ?? '') ? (tab as QueryTab) : 'can',
    principal: p.get('principal') ?? '',
    action: p.get('action') ?? '',
    resource: p.get('resource') ?? '',
    context,
    strict: p.get('strict') === '1',
    asked: p.get('ask') === '1',
  };
}

/** The query string of a state (without `?`). */
export function queryStateString(s: QueryState): string {
  const p = new URLSearchParams();
  p.set('tab', s.tab);
  if (s.principal) p.set('principal', s.principal);
  if (s.action) p.set('action', s.action);
  if (s.resource) p.set('resource', s.resource);
  for (const c of s.context) if (c.key || c.value) p.append('c', `${c.key}=${c.value}`);
  if (s.strict) p.set('strict', '1');
  if (s.asked) p.set('ask', '1');
  return p.toString();
}

/** Editor rows from key/value pairs, numbered from `firstId`. */
export function toRows(pairs: readonly { key: string; value: string }[], firstId = 1): ContextRow[] {
  return pairs.map((c, i) => ({ id: firstId + i, key: c.key, value: c.value }));
}
