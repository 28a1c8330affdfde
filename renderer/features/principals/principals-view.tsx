// Principals: a searchable, sortable, windowed table of users, groups and roles (fast at 10,000
// rows: only the visible rows are in the DOM), with admin, paths and findings from the analysis
// ("…" while it runs). Arrow keys move, Enter opens.
import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useServices } from '../../app/context';
import { navigate } from '../../app/router';
import { useAnalysis } from '../findings/analysis-state';
import { riskByPrincipal, type PrincipalRisk } from '../principal/principal-facts';
import './principals.css';
import type { PrincipalKind, PrincipalRow } from '../../worker/types';
import { scrollToRow, visibleRange } from './virtual-rows';

const ROW_HEIGHT = 34;

type SortKey = 'name' | 'kind' | 'path' | 'groups' | 'policies' | 'admin' | 'paths' | 'findings' | 'createDate';
const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'kind', label: 'Type' },
  { key: 'path', label: 'Path' },
  { key: 'groups', label: 'Groups / members', numeric: true },
  { key: 'policies', label: 'Policies', numeric: true },
  { key: 'admin', label: 'Admin' },
  { key: 'paths', label: 'Paths', numeric: true },
  { key: 'findings', label: 'Findings', numeric: true },
  { key: 'createDate', label: 'Created' },
];
const KINDS: { value: PrincipalKind | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'user', label: 'Users' },
  { value: 'group', label: 'Groups' },
  { value: 'role', label: 'Roles' },
];

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const NO_RISK: PrincipalRisk = { admin: undefined, paths: 0, findings: 0 };
const ADMIN_RANK = { full: 2, shadow: 1 } as const;

/** A row with the analysis's figures. */
type Row = PrincipalRow & { risk: PrincipalRisk | undefined };

function value(r: Row, key: SortKey): string | number | undefined {
  if (key === 'admin') return r.risk?.admin ? ADMIN_RANK[r.risk.admin] : 0;
  if (key === 'paths' || key === 'findings') return r.risk ? r.risk[key] : 0;
  return r[key];
}

function compare(a: Row, b: Row, key: SortKey): number {
  const x = value(a, key) ?? '';
  const y = value(b, key) ?? '';
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return collator.compare(String(x), String(y));
}

/** The Principals view. */
export function PrincipalsView(props: { snapshotId: string; rows: PrincipalRow[] }) {
  const services = useServices();
  const analysis = useAnalysis(services, props.snapshotId);
  const risk = useMemo(() => (analysis.kind === 'ok' ? riskByPrincipal(analysis.data) : undefined), [analysis]);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<PrincipalKind | 'all'>('all');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const bodyRef = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const rowIdPrefix = useId();
  const deferredQuery = useDeferredValue(query);

  const rows = useMemo(() => {
    const q = deferredQuery.trim().toLowerCase();
    const all: Row[] = props.rows.map((r) => ({ ...r, risk: risk ? (risk.get(r.arn) ?? NO_RISK) : undefined }));
    const filtered = all.filter((r) => (kind === 'all' || r.kind === kind) && (!q || r.name.toLowerCase().includes(q) || r.arn.toLowerCase().includes(q)));
    return filtered.sort((a, b) => compare(a, b, sort.key) * sort.dir || compare(a, b, 'name'));
  }, [props.rows, risk, deferredQuery, kind, sort]);

  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  useEffect(() => setActive(0), [deferredQuery, kind, sort]);

  const open = (row: PrincipalRow | undefined): void => {
    if (row) navigate({ kind: 'snapshot', id: props.snapshotId, view: 'principal', arn: row.arn });
  };

  const move = (to: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    const el = bodyRef.current;
    if (el) el.scrollTop = scrollToRow(next, el.scrollTop, el.clientHeight, ROW_HEIGHT);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => open(rows[active]),
    };
    const action = Object.hasOwn(keys, e.key) ? keys[e.key] : undefined;
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, rows.length);
  const counts = useMemo(() => {
    const m = { user: 0, group: 0, role: 0 };
    for (const r of props.rows) m[r.kind]++;
    return m;
  }, [props.rows]);

  return (
    <div className="view principals">
      <header className="view-header">
        <div>
          <h2>Principals</h2>
          <p className="muted">
            {counts.user.toLocaleString('en')} users · {counts.group.toLocaleString('en')} groups · {counts.role.toLocaleString('en')} roles
          </p>
        </div>
      </header>
      <div className="toolbar">
        <label htmlFor={searchId} className="visually-hidden">
          Search principals
        </label>
        <input id={searchId} type="search" className="search" placeholder="Search by name or ARN" value={query} onChange={(e) => setQuery(e.target.value)} data-shortcut="find" />
        <div role="radiogroup" aria-label="Principal type" className="segmented">
          {KINDS.map((k) => (
            <button key={k.value} type="button" role="radio" aria-checked={kind === k.value} className={kind === k.value ? 'selected' : ''} onClick={() => setKind(k.value)}>
              {k.label}
            </button>
          ))}
        </div>
        <span className="muted result-count" role="status">
          {rows.length.toLocaleString('en')} shown
        </span>
      </div>
      <div role="table" aria-label="Principals" aria-rowcount={rows.length + 1} className="vtable">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="vrow vhead">
            {COLUMNS.map((c) => (
              <div key={c.key} role="columnheader" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} className={c.numeric ? 'num' : ''}>
                <button type="button" className="sort" onClick={() => setSort(sort.key === c.key ? { key: c.key, dir: sort.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 })}>
                  {c.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key === c.key ? (sort.dir === 1 ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          ref={bodyRef}
          className="vbody"
          tabIndex={0}
          aria-label="Principal rows: arrow keys move, Enter opens"
          aria-activedescendant={rows.length > 0 ? `${rowIdPrefix}-${active}` : undefined}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
        >
          {rows.length === 0 ? (
            <p className="muted empty-rows">No principal matches.</p>
          ) : (
            <div className="vspacer" style={{ height: rows.length * ROW_HEIGHT }}>
              {rows.slice(start, end).map((r, k) => {
                const i = start + k;
                return (
                  <div
                    key={r.arn}
                    id={`${rowIdPrefix}-${i}`}
                    role="row"
                    aria-rowindex={i + 2}
                    aria-selected={i === active}
                    className={`vrow${i === active ? ' active' : ''}`}
                    style={{ transform: `translateY(${i * ROW_HEIGHT}px)` }}
                    onClick={() => setActive(i)}
                    onDoubleClick={() => open(r)}
                  >
                    <div role="cell" className="name">
                      <a href={`#/s/${encodeURIComponent(props.snapshotId)}/principal/${encodeURIComponent(r.arn)}`} tabIndex={-1}>
                        {r.name}
                      </a>
                    </div>
                    <div role="cell">
                      <span className={`kind kind-${r.kind}`}>{r.kind}</span>
                    </div>
                    <div role="cell" className="mono muted">
                      {r.path}
                    </div>
                    <div role="cell" className="num">
                      {r.kind === 'role' ? '—' : r.groups}
                    </div>
                    <div role="cell" className="num">
                      {r.policies}
                    </div>
                    <div role="cell">
                      {!r.risk ? <span className="muted">…</span> : r.risk.admin ? <span className={`badge admin-${r.risk.admin}`}>{r.risk.admin === 'full' ? 'admin' : 'shadow admin'}</span> : <span className="muted">—</span>}
                    </div>
                    <div role="cell" className="num">
                      {!r.risk ? <span className="muted">…</span> : r.risk.paths || <span className="muted">0</span>}
                    </div>
                    <div role="cell" className="num">
                      {!r.risk ? <span className="muted">…</span> : r.risk.findings || <span className="muted">0</span>}
                    </div>
                    <div role="cell" className="muted">
                      {r.createDate ? r.createDate.slice(0, 10) : '—'}
                    </div>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
