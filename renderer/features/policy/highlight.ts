// Which statements the Policy view highlights: carried after `?` in the location hash
// (`#/s/<id>/policy/<key>?statements=0,2&tone=deny`), so a link from the Query view keeps it
// through reloads and Back. Imports React only.
import { useEffect, useState } from 'react';

/** Statements to highlight and why. */
export interface Highlight {
  statements: number[];
  tone: 'allow' | 'deny' | 'neutral';
  /** The statement's Sid, for the note (when it has one). */
  sid?: string;
}

/** Reads the highlight from a location hash; `undefined` when there is none. */
export function parseHighlight(hash: string): Highlight | undefined {
  const q = hash.indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(hash.slice(q + 1));
  const statements = (params.get('statements') ?? '')
    .split(',')
    .filter((s) => /^\d{1,5}$/.test(s))
    .map(Number);
  if (statements.length === 0) return undefined;
  const t = params.get('tone');
  const h: Highlight = { statements: [...new Set(statements)].slice(0, 100), tone: t === 'allow' || t === 'deny' ? t : 'neutral' };
  const sid = params.get('sid');
  if (sid) h.sid = sid.slice(0, 200);
  return h;
}

/** The hash of the Policy view of `key` with `statements` highlighted. */
export function policyHref(snapshotId: string, key: string, statements: readonly number[] = [], tone: Highlight['tone'] = 'neutral', sid?: string): string {
  const base = `#/s/${encodeURIComponent(snapshotId)}/policy/${encodeURIComponent(key)}`;
  if (statements.length === 0) return base;
  const p = new URLSearchParams({ statements: statements.join(','), tone });
  if (sid) p.set('sid', sid);
  return `${base}?${p.toString().replace(/%2C/g, ',')}`;
}

/** The current hash's highlight, updated on hash changes. */
export function useHighlight(): Highlight | undefined {
  const [h, setH] = useState(() => parseHighlight(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setH(parseHighlight(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return h;
}
