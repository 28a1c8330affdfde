// The account graph screen (#/s/<id>/graph[/<arn>][?finding=<id>]): the graph engine with its
// legend, a search box, filters (kinds, risky only, AWS-managed), focus hops, the selected node's
// panel with links to the other views, a finding's escalation path drawn step by step, and export
// of the current view as PNG and SVG (graph-export.tsx). The selected node and the drawn path live
// in the hash (replaced in place, no history entry per click), so a reload or a copied link comes
// back to them. No core imports at run time (the worker builds the graph model).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../../app/context';
import { ensureOpen } from '../../app/opened';
import { Loading } from '../../app/ui';
import {
  GraphLegend,
  GraphView,
  NODE_KINDS,
  searchNodes,
  type GraphEngine,
  type GraphFilters,
  type GraphFocus,
  type GraphInput,
  type GraphNodeInput,
  type NodeKind,
  type PathStepInput,
} from '../../graph/index';
import { NODE_FORMS } from '../../graph/styles';
import { AnalysisStatus } from '../findings/analysis-status';
import { findingHref, graphSelectionHref, hashParams, hashSubject, replaceHash, useHash } from '../findings/deep-link';
import { parseRoute } from '../../app/router';
import { useAnalysis } from '../findings/analysis-state';
import { principalHref, shortName } from '../findings/filter';
import { Ticked } from '../findings/findings-view';
import '../findings/findings.css';
import { GraphExport } from './graph-export';

function useDocumentTheme(): 'light' | 'dark' {
  const read = (): 'light' | 'dark' =>
    document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
  const [theme, setTheme] = useState(read);
  useEffect(() => {
    const o = new MutationObserver(() => setTheme(read()));
    o.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => o.disconnect();
  }, []);
  return theme;
}

function viewLink(snapshotId: string, node: GraphNodeInput): { href: string; label: string } | undefined {
  const p = principalHref(snapshotId, node.id);
  if (p) return { href: p, label: `Open ${node.kind}` };
  if (node.kind === 'managed-policy')
    return {
      href: `#/s/${encodeURIComponent(snapshotId)}/policy/${encodeURIComponent(node.id)}`,
      label: 'Open policy',
    };
  if (node.kind === 'inline-policy') {
    const at = node.id.lastIndexOf(':inline/');
    if (at > 0) {
      const owner = principalHref(snapshotId, node.id.slice(0, at));
      if (owner) return { href: owner, label: 'Open its owner' };
    }
  }
  return undefined;
}

/** The graph screen of snapshot `snapshotId`, focusing the node of the address (`arn`) when given. */
export function GraphScreen(props: { snapshotId: string; arn?: string }) {
  const services = useServices();
  const { snapshotId } = props;
  const analysis = useAnalysis(services, snapshotId);
  const theme = useDocumentTheme();
  const engine = useRef<GraphEngine>(null);
  const [graph, setGraph] = useState<GraphInput | null>(null);
  const [error, setError] = useState('');
  const [hidden, setHidden] = useState<NodeKind[]>([]);
  const [riskyOnly, setRiskyOnly] = useState(false);
  const [hideAws, setHideAws] = useState(false);
  const [hops, setHops] = useState(0);
  const [selected, setSelected] = useState<GraphNodeInput | null>(null);
  const [query, setQuery] = useState('');
  const [layoutDone, setLayoutDone] = useState(false);
  const location = useHash();
  const findingId = hashParams(location.hash).get('finding') ?? undefined;
  // The node the address asks for, until it is selected (after the layout) or known to be absent.
  const [pending, setPending] = useState<string | null>(() => props.arn ?? hashSubject(window.location.hash) ?? null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const [accountName, setAccountName] = useState('account');
  const data = analysis.kind === 'ok' ? analysis.data : undefined;
  // True once the graph shown includes the analysis's escalation graph (set with that graph, so the
  // summary says the escalation edges follow until they are drawn, not until the analysis arrives).
  const [final, setFinal] = useState(false);

  // A link to a graph address while the screen is open selects its node (or clears the selection).
  useEffect(() => {
    if (location.tick === 0) return;
    const r = parseRoute(location.hash);
    if (r.kind !== 'snapshot' || r.id !== snapshotId || r.view !== 'graph') return;
    setPending(r.arn ?? null);
    if (r.arn === undefined) setSelected(null);
  }, [location, snapshotId]);

  // The address follows the selection, in place; the drawn path's finding stays in it.
  const urlArn = selected?.id ?? pending;
  useEffect(() => {
    const r = parseRoute(window.location.hash);
    if (r.kind === 'snapshot' && r.id === snapshotId && r.view === 'graph')
      replaceHash(graphSelectionHref(snapshotId, urlArn, findingId));
  }, [snapshotId, urlArn, findingId]);

  // The graph: entities first, then again with the escalation graph once the analysis is done.
  useEffect(() => {
    let live = true;
    void (async () => {
      const opened = await ensureOpen(services, snapshotId);
      if (!live) return;
      if (opened.kind !== 'ok')
        return setError(
          opened.kind === 'error' ? opened.message : 'the snapshot data is missing from the library',
        );
      setAccountName(opened.opened.meta.alias ?? opened.opened.meta.account);
      const escalation = data
        ? {
            nodes: data.escalation.nodes,
            edges: data.escalation.edges,
            admins: data.admins,
            paths: data.paths,
          }
        : undefined;
      const model = await services.engine.graphModel(snapshotId, escalation);
      if (live && model) {
        setLayoutDone(false);
        setFinal(escalation !== undefined);
        setGraph(model);
      }
    })().catch(
      (e: unknown) => live && setError(e instanceof Error ? e.message : 'the graph could not be built'),
    );
    return () => {
      live = false;
    };
  }, [services, snapshotId, data]);

  const byId = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, n])), [graph]);
  const finding = findingId && data ? data.findings.find((f) => f.id === findingId) : undefined;
  const path: PathStepInput[] | null = useMemo(
    () =>
      finding && finding.evidence.steps.length
        ? finding.evidence.steps.map((s) => ({ from: s.from, to: s.to, method: s.method }))
        : null,
    [finding],
  );
  const filters: GraphFilters = useMemo(
    () => ({ hiddenKinds: hidden, riskyOnly, hideAwsManaged: hideAws }),
    [hidden, riskyOnly, hideAws],
  );
  const focus: GraphFocus | null = useMemo(
    () => (hops > 0 && selected ? { id: selected.id, hops } : null),
    [hops, selected],
  );
  const results = useMemo(() => (graph && query.trim() ? searchNodes(graph, query, 12) : []), [graph, query]);

  // Once a layout is in place, select and focus the address's node (or keep the selection in view
  // after a re-layout); a drawn path keeps its own framing.
  useEffect(() => {
    if (!layoutDone) return;
    const target = pending ?? selectedRef.current?.id;
    if (!target) return;
    const n = byId.get(target);
    if (!n) {
      // The escalation graph may add it: give up only on the final graph.
      if (final) setPending(null);
      return;
    }
    setSelected(n);
    setPending(null);
    if (!path) void engine.current?.focusNode(target);
  }, [layoutDone, pending, byId, path, final]);

  const focusOn = (n: GraphNodeInput): void => {
    setSelected(n);
    void engine.current?.focusNode(n.id);
  };

  if (error)
    return (
      <div className="view">
        <p className="error" role="alert">
          The graph could not be shown: {error}
        </p>
      </div>
    );

  const link = selected ? viewLink(snapshotId, selected) : undefined;
  return (
    <div className="view graph-screen">
      <header className="view-header">
        <div>
          <h2>Account graph</h2>
          <p className="muted" data-testid="graph-summary">
            {graph
              ? `${graph.nodes.length.toLocaleString('en')} nodes · ${graph.edges.length.toLocaleString('en')} edges${final ? '' : ' · escalation edges follow the analysis'}`
              : 'Building the graph…'}
          </p>
        </div>
        <GraphExport engine={engine} ready={layoutDone} name={accountName} />
      </header>
      <AnalysisStatus snapshotId={snapshotId} state={analysis} />
      <div className="graph-toolbar" role="group" aria-label="Graph filters">
        <label>
          <input type="checkbox" checked={riskyOnly} onChange={(e) => setRiskyOnly(e.target.checked)} /> Risky
          only
        </label>
        <label>
          <input type="checkbox" checked={hideAws} onChange={(e) => setHideAws(e.target.checked)} /> Hide
          AWS-managed policies
        </label>
        <label>
          Focus{' '}
          <select
            value={hops}
            onChange={(e) => setHops(Number(e.target.value))}
            disabled={!selected}
            aria-label="Focus hops around the selection"
          >
            <option value={0}>whole graph</option>
            <option value={1}>1 hop around the selection</option>
            <option value={2}>2 hops around the selection</option>
            <option value={3}>3 hops around the selection</option>
          </select>
        </label>
      </div>
      <div className="graph-body">
        <div
          className="graph-canvas"
          data-testid="graph-canvas"
          data-layout={layoutDone ? 'done' : 'running'}
        >
          {graph ? (
            <GraphView
              ref={engine}
              graph={graph}
              theme={theme}
              filters={filters}
              focus={focus}
              highlight={path}
              selection={selected?.id ?? null}
              onSelect={(s) => setSelected(s?.kind === 'node' ? s.node : null)}
              onLayout={(ev) => {
                if (ev.kind === 'done') setLayoutDone(true);
              }}
            />
          ) : (
            <Loading what="the graph" />
          )}
        </div>
        <div className="graph-side">
          <section className="panel" aria-label="Find a node">
            <label className="triage-note">
              Find a node
              <input
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="user, role, policy…"
                data-shortcut="find"
                onKeyDown={(e) => e.key === 'Enter' && results[0] && focusOn(results[0])}
              />
            </label>
            {results.length ? (
              <ul className="graph-results" aria-label="Matching nodes">
                {results.map((n) => (
                  <li key={n.id}>
                    <button type="button" className="link" onClick={() => focusOn(n)}>
                      {n.label}{' '}
                      <span className="muted small-text">{NODE_FORMS[n.kind].name.toLowerCase()}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : query.trim() && graph ? (
              <p className="muted small-text">No node matches.</p>
            ) : null}
          </section>
          {path && finding ? (
            <section className="panel" aria-label="Escalation path" data-testid="graph-path">
              <h3>Path to admin</h3>
              <p className="small-text">
                <Ticked text={finding.title} />
              </p>
              <ol className="path-steps small-text">
                {path.map((s, i) => (
                  <li key={i}>
                    {shortName(byId.get(s.from)?.label ?? s.from)} →{' '}
                    {s.to === 'admin' ? 'administrator' : shortName(byId.get(s.to)?.label ?? s.to)}{' '}
                    <strong>{s.method}</strong>
                  </li>
                ))}
              </ol>
              <p className="small-text">
                <a className="button small" href={graphSelectionHref(snapshotId, selected?.id)}>
                  Clear the path
                </a>{' '}
                <a href={findingHref(snapshotId, finding.id)}>Open the finding</a>
              </p>
            </section>
          ) : null}
          {findingId && data && !finding ? (
            <p className="error small-text" role="alert" data-testid="graph-path-missing">
              No finding <code className="ticked">{findingId}</code> in this snapshot&apos;s analysis: no path to draw.
            </p>
          ) : null}
          {selected ? (
            <section className="panel" aria-label="Selected node" data-testid="graph-selection">
              <h3>{selected.label}</h3>
              <p className="muted small-text">
                {NODE_FORMS[selected.kind].name}
                {selected.risky ? <span className="badge warn">on an escalation path</span> : null}
                {selected.awsManaged ? <span className="badge aws">AWS managed</span> : null}
              </p>
              <p className="mono small-text" style={{ wordBreak: 'break-all' }}>
                {selected.id}
              </p>
              <p>
                {link ? <a href={link.href}>{link.label}</a> : null}{' '}
                <button type="button" className="small" onClick={() => setSelected(null)}>
                  Clear selection
                </button>
              </p>
            </section>
          ) : (
            <p className="muted small-text">Click a node to see what it is.</p>
          )}
          <section className="panel" aria-label="Node kinds">
            <h3>Show</h3>
            <div className="graph-kinds">
              {NODE_KINDS.map((k) => (
                <label key={k} className="small-text">
                  <input
                    type="checkbox"
                    checked={!hidden.includes(k)}
                    onChange={(e) =>
                      setHidden(e.target.checked ? hidden.filter((h) => h !== k) : [...hidden, k])
                    }
                  />{' '}
                  {NODE_FORMS[k].name}
                </label>
              ))}
            </div>
          </section>
          <GraphLegend theme={theme} />
        </div>
      </div>
    </div>
  );
}
