// The graph bench page: mounts GraphView (without the app) on a graph — `?graph=file` (the real
// generated account's graph, built in Node by real-graph.ts and served as `real-graph.json`),
// `?graph=large` (a synthetic one of the same order) or `?graph=small` (browser tests) — with
// search, filters, focus, path highlight and export controls, and exposes window.__graphBench for
// the bench runner and tests.
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphView, type GraphViewProps } from '../../../renderer/graph/graph-view';
import { GraphLegend } from '../../../renderer/graph/legend';
import type { GraphEngine, GraphSelection } from '../../../renderer/graph/graph-engine';
import type { GraphFilters, GraphFocus, GraphInput, GraphNodeInput, PathStepInput } from '../../../renderer/graph/model';
import type { ThemeName } from '../../../renderer/graph/styles';
import { largeGraph, smallGraph } from './synthetic';

/** What the bench runner and tests read. */
export interface GraphBenchState {
  engine: GraphEngine | null;
  layoutStart: number;
  layoutEnd: number;
  done: boolean;
  place: string;
  /** Ticks the layout ran and why it stopped. */
  ticks: number;
  stoppedBy: string;
  nodes: number;
  edges: number;
  /** Input nodes and edges (before filters and clusters). */
  inputNodes: number;
  inputEdges: number;
  /** Milliseconds to fetch and parse the graph file (`?graph=file`), else to make the graph. */
  loadMs: number;
  /** A load error, shown on the page too. */
  error: string;
  selections: (string | null)[];
}

declare global {
  interface Window {
    __graphBench: GraphBenchState;
  }
}

/** A graph and the path its "Show path to admin" button draws. */
interface BenchData {
  readonly graph: GraphInput;
  readonly path: readonly PathStepInput[];
}

const params = new URLSearchParams(location.search);
const which = params.get('graph') === 'large' ? 'large' : params.get('graph') === 'file' ? 'file' : 'small';
const state: GraphBenchState = { engine: null, layoutStart: performance.now(), layoutEnd: 0, done: false, place: '', ticks: 0, stoppedBy: '', nodes: 0, edges: 0, inputNodes: 0, inputEdges: 0, loadMs: 0, error: '', selections: [] };
window.__graphBench = state;

/** The graph file written by real-graph.ts (checked loosely: it is the bench's own output). */
async function loadFile(url: string): Promise<BenchData> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`graph bench: cannot load \`${url}\`: HTTP ${response.status}`);
  const data = (await response.json()) as Partial<BenchData>;
  if (!data.graph || !Array.isArray(data.graph.nodes) || !Array.isArray(data.graph.edges)) throw new Error(`graph bench: \`${url}\` holds no graph`);
  return { graph: data.graph, path: Array.isArray(data.path) ? data.path : [] };
}

function App({ data }: { data: BenchData }) {
  const engine = useRef<GraphEngine>(null);
  const [selection, setSelection] = useState<GraphSelection | null>(null);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<GraphFilters>({});
  const [focus, setFocus] = useState<GraphFocus | null>(null);
  const [highlight, setHighlight] = useState<readonly PathStepInput[] | null>(null);
  const [theme, setTheme] = useState<ThemeName>(params.get('theme') === 'dark' ? 'dark' : 'light');
  const [status, setStatus] = useState('laying out…');
  const hits: GraphNodeInput[] = query.trim() === '' || !engine.current ? [] : engine.current.search(query, 8);

  const onLayout: GraphViewProps['onLayout'] = (e) => {
    if (e.kind === 'start') {
      state.nodes = e.nodes;
      state.edges = e.edges;
      setStatus(`laying out ${e.nodes} nodes, ${e.edges} edges…`);
    } else if (e.kind === 'done') {
      if (!state.done) state.layoutEnd = performance.now();
      state.done = true;
      state.engine = engine.current;
      state.place = e.place;
      state.ticks = e.ticks;
      state.stoppedBy = e.stoppedBy;
      setStatus(`${state.nodes} nodes, ${state.edges} edges; layout ${Math.round(e.ms)} ms in the ${e.place} (${e.ticks} ticks, ${e.stoppedBy})`);
    }
  };
  const onSelect = (s: GraphSelection | null) => {
    state.selections.push(s?.id ?? null);
    setSelection(s);
  };
  const toggle = (key: 'riskyOnly' | 'hideAwsManaged') => setFilters((f) => ({ ...f, [key]: !f[key] }));
  const bg = theme === 'dark' ? '#15171c' : '#fff';
  const fg = theme === 'dark' ? '#e8eaed' : '#1b1f24';

  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 280px', gridTemplateRows: 'auto 1fr auto', height: '100%', background: bg, color: fg }}>
      <div style={{ gridColumn: '1 / 3', display: 'flex', gap: 8, padding: 6, alignItems: 'center', flexWrap: 'wrap', borderBottom: '1px solid #8884' }}>
        <label>
          Search <input data-testid="graph-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={!!filters.riskyOnly} onChange={() => toggle('riskyOnly')} /> Only risky paths
        </label>
        <label>
          <input type="checkbox" checked={!!filters.hideAwsManaged} onChange={() => toggle('hideAwsManaged')} /> Hide AWS-managed
        </label>
        <button data-testid="highlight-path" onClick={() => setHighlight(data.path)}>Show path to admin</button>
        <button onClick={() => setHighlight(null)}>Clear path</button>
        <button onClick={() => setFocus(selection ? { id: selection.id, hops: 1 } : null)}>{focus ? 'Focus: 1 hop' : 'Focus on selection'}</button>
        <button onClick={() => setFocus(null)}>Show all</button>
        <button onClick={() => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))}>Theme</button>
        <button data-testid="export-svg" onClick={() => console.log(engine.current?.exportSvg().length)}>SVG</button>
        <span data-testid="graph-status">{status}</span>
        {hits.length > 0 && (
          <ul data-testid="search-results" style={{ position: 'absolute', top: 34, left: 60, zIndex: 3, background: bg, border: '1px solid #888', listStyle: 'none', margin: 0, padding: 4 }}>
            {hits.map((n) => (
              <li key={n.id}>
                <button
                  onClick={() => {
                    setQuery('');
                    void engine.current?.focusNode(n.id);
                  }}
                >
                  {n.label} ({n.kind})
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <GraphView ref={engine} graph={data.graph} selection={selection?.id ?? null} onSelect={onSelect} onLayout={onLayout} filters={filters} focus={focus} highlight={highlight} theme={theme} useWorker={params.get('worker') !== '0'} />
      <aside data-testid="graph-selection" style={{ padding: 8, borderLeft: '1px solid #8884', overflow: 'auto', wordBreak: 'break-all' }}>
        {selection === null ? (
          <p>Nothing selected.</p>
        ) : selection.kind === 'node' ? (
          <>
            <h2 style={{ fontSize: 16 }}>{selection.node.label}</h2>
            <p>{selection.node.kind}</p>
            <p>{selection.id}</p>
          </>
        ) : (
          <>
            <h2 style={{ fontSize: 16 }}>Cluster of {selection.members.length}</h2>
            <button onClick={() => void engine.current?.expandCluster(selection.id)}>Open cluster</button>
          </>
        )}
      </aside>
      <div style={{ gridColumn: '1 / 3' }}>
        <GraphLegend theme={theme} />
      </div>
    </div>
  );
}

async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const loadStart = performance.now();
  let data: BenchData;
  try {
    data = which === 'file' ? await loadFile(params.get('src') ?? 'real-graph.json') : which === 'large' ? largeGraph() : smallGraph();
  } catch (e) {
    state.error = e instanceof Error ? e.message : String(e);
    root.textContent = state.error;
    return;
  }
  state.loadMs = performance.now() - loadStart;
  state.inputNodes = data.graph.nodes.length;
  state.inputEdges = data.graph.edges.length;
  // The layout time counts from here: scene building, worker start, simulation, transfer back.
  state.layoutStart = performance.now();
  createRoot(root).render(
    <StrictMode>
      <App data={data} />
    </StrictMode>,
  );
}

void main();
