// The thin React host of the graph engine: one container div, the engine created once, props
// pushed into it. React never renders an element per node. No core imports.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type CSSProperties, type Ref } from 'react';
import { GraphEngine, type GraphSelection, type LayoutEvent } from './graph-engine';
import type { GraphFilters, GraphFocus, GraphInput, PathStepInput } from './model';
import type { ThemeName } from './styles';

/** Props of the graph view. */
export interface GraphViewProps {
  readonly graph: GraphInput;
  /** The selected node id (shared with the other views), or null. */
  readonly selection?: string | null;
  readonly onSelect?: (selection: GraphSelection | null) => void;
  readonly onHover?: (id: string | null) => void;
  readonly onLayout?: (event: LayoutEvent) => void;
  readonly filters?: GraphFilters;
  readonly focus?: GraphFocus | null;
  /** A path to draw step by step (the rest dimmed), or null. */
  readonly highlight?: readonly PathStepInput[] | null;
  readonly theme?: ThemeName;
  readonly seed?: number;
  readonly clusterThreshold?: number;
  /** False runs the layout on the main thread (the worker is the default). */
  readonly useWorker?: boolean;
  readonly className?: string;
  readonly style?: CSSProperties;
  /** The engine, for imperative calls (focusNode, export, expandCluster). */
  readonly ref?: Ref<GraphEngine>;
}

/** Hosts the canvas graph. */
export function GraphView(props: GraphViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const engine = useRef<GraphEngine | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useLayoutEffect(() => {
    if (!host.current) return;
    const e = new GraphEngine(host.current, {
      theme: latest.current.theme ?? 'light',
      seed: latest.current.seed ?? 1,
      ...(latest.current.clusterThreshold === undefined ? {} : { clusterThreshold: latest.current.clusterThreshold }),
      ...(latest.current.useWorker === undefined ? {} : { useWorker: latest.current.useWorker }),
      onSelect: (s) => latest.current.onSelect?.(s),
      onHover: (id) => latest.current.onHover?.(id),
      onLayout: (ev) => latest.current.onLayout?.(ev),
    });
    engine.current = e;
    return () => {
      e.destroy();
      engine.current = null;
    };
  }, []);

  useImperativeHandle(props.ref, () => engine.current as GraphEngine, []);

  const { graph, filters, focus, selection, highlight, theme } = props;
  useEffect(() => {
    const e = engine.current;
    if (!e) return;
    void e.setGraph(graph, { filters: latest.current.filters ?? {}, focus: latest.current.focus ?? null });
  }, [graph]);
  useEffect(() => {
    void engine.current?.setFilters(filters ?? {});
  }, [filters]);
  useEffect(() => {
    void engine.current?.setFocus(focus ?? null);
  }, [focus]);
  useEffect(() => {
    engine.current?.setSelection(selection ?? null);
  }, [selection]);
  useEffect(() => {
    const e = engine.current;
    if (!e) return;
    if (highlight && highlight.length > 0) void e.ready.then(() => e.highlightPath(highlight));
    else e.clearHighlight();
  }, [highlight]);
  useEffect(() => {
    engine.current?.setTheme(theme ?? 'light');
  }, [theme]);

  return <div ref={host} className={props.className} style={{ position: 'relative', width: '100%', height: '100%', overflow: 'hidden', ...props.style }} />;
}
