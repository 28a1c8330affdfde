// The graph engine: owns one canvas, builds scenes from the input (filters, focus, clusters), runs
// layouts through the layout runner, paints on requestAnimationFrame only when something changed,
// and handles zoom/pan (d3-zoom), drag, hover, click, keyboard, search focus, path highlighting and
// export. Plain DOM and d3; no React (GraphView hosts it), no core.
import { select, zoom, zoomIdentity, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import { buildHitIndex, hitTest, type HitIndex } from './hit-test';
import { defaultLayoutOptions, type LayoutResult } from './layout';
import { createLayoutRunner, type LayoutPlace, type LayoutRunner } from './layout-client';
import { NODE_KINDS, type GraphFilters, type GraphFocus, type GraphInput, type GraphNodeInput, type PathStepInput, type Scene } from './model';
import { paintBase, paintOverlay, type PaintHighlight, type PaintState, type PaintStats } from './painter';
import { buildScene, findClusters, filterNodes, searchNodes } from './scene';
import { exportSvg } from './export-svg';
import { clusterRadius, NODE_FORMS, THEMES, type ThemeName } from './styles';
import { bounds, fitView, robustBounds, type View } from './viewport';

/** What a click selected: an input node, or a cluster of look-alike nodes. */
export type GraphSelection =
  | { readonly kind: 'node'; readonly id: string; readonly node: GraphNodeInput }
  | { readonly kind: 'cluster'; readonly id: string; readonly members: readonly string[] };

/** A layout event for progress display. */
export type LayoutEvent =
  | { readonly kind: 'start'; readonly nodes: number; readonly edges: number }
  | { readonly kind: 'progress'; readonly ticks: number; readonly maxTicks: number }
  | { readonly kind: 'done'; readonly ms: number; readonly ticks: number; readonly place: LayoutPlace; readonly stoppedBy: LayoutResult['stoppedBy'] };

/** Options of a graph engine. */
export interface GraphEngineOptions {
  readonly theme?: ThemeName;
  readonly seed?: number;
  /** Smallest cluster (default 25; 0 disables clustering). */
  readonly clusterThreshold?: number;
  readonly useWorker?: boolean;
  readonly onSelect?: (selection: GraphSelection | null) => void;
  readonly onHover?: (id: string | null) => void;
  readonly onLayout?: (event: LayoutEvent) => void;
}

/** Counters for benchmarks and tests. */
export interface EngineStats {
  frames: number;
  lastPaintMs: number;
  last: PaintStats;
  sceneNodes: number;
  sceneEdges: number;
  layoutMs: number;
  layoutPlace: LayoutPlace | null;
}

const STEP_MS = 550;
/** Scenes with more nodes plus edges than this draw view-only frames from a cached frame. */
const CACHE_FROM_ITEMS = 4000;
/** Largest zoom ratio between the view and the cached frame before a full paint. */
const CACHE_MAX_SCALE = 2.2;
/** Resolution of base repaints while the view moves, as a fraction of the device's. */
const LOW_RES = 0.5;
/** A full paint follows this long after the view stops moving. */
const SETTLE_MS = 140;

/** True when two filter settings hide the same things. */
function sameFilters(a: GraphFilters, b: GraphFilters): boolean {
  const ka = [...(a.hiddenKinds ?? [])].sort().join();
  const kb = [...(b.hiddenKinds ?? [])].sort().join();
  return ka === kb && !!a.riskyOnly === !!b.riskyOnly && !!a.hideAwsManaged === !!b.hideAwsManaged;
}

/** The engine behind GraphView; usable without React. */
export class GraphEngine {
  /** The canvas the engine paints. */
  readonly canvas: HTMLCanvasElement;
  /** Counters (frames painted, last paint time, scene size). */
  readonly stats: EngineStats = { frames: 0, lastPaintMs: 0, last: { nodes: 0, edges: 0, labels: 0 }, sceneNodes: 0, sceneEdges: 0, layoutMs: 0, layoutPlace: null };

  private readonly container: HTMLElement;
  private readonly tooltip: HTMLDivElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly runner: LayoutRunner;
  private readonly zoomBehavior: ZoomBehavior<HTMLCanvasElement, unknown>;
  private readonly canvasSel: Selection<HTMLCanvasElement, unknown, null, undefined>;
  private readonly observer: ResizeObserver | null;
  private options: GraphEngineOptions;
  private theme: ThemeName;
  private input: GraphInput = { nodes: [], edges: [] };
  private byId = new Map<string, GraphNodeInput>();
  private filters: GraphFilters = {};
  private focus: GraphFocus | null = null;
  private expanded = new Set<string>();
  private scene: Scene = buildScene({ nodes: [], edges: [] });
  private positions: Float32Array = new Float32Array(0);
  private radii: Float32Array = new Float32Array(0);
  private hits: HitIndex | null = null;
  private known = new Map<string, [number, number]>();
  private view: View = { x: 0, y: 0, k: 1 };
  private width = 0;
  private height = 0;
  private dpr = 1;
  private selectedId: string | null = null;
  private hovered = -1;
  private highlight: { steps: readonly PathStepInput[]; resolved: PaintHighlight; started: number } | null = null;
  private raf = 0;
  private baseDirty = true;
  private cache: { view: View; width: number; height: number; res: number } | null = null;
  private lastViewChange = -Infinity;
  private cacheTarget: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private version = 0;
  private fitted = false;
  private drag: { i: number; x: number; y: number; moved: boolean } | null = null;
  private destroyed = false;
  /** Resolves when the latest layout has been applied. */
  ready: Promise<void> = Promise.resolve();

  constructor(container: HTMLElement, options: GraphEngineOptions = {}) {
    this.container = container;
    this.options = options;
    this.theme = options.theme ?? 'light';
    this.runner = createLayoutRunner(options.useWorker === undefined ? {} : { useWorker: options.useWorker });
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Account graph. Arrow keys pan, plus and minus zoom, Escape clears the selection.');
    this.canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none;touch-action:none;';
    this.tooltip = document.createElement('div');
    this.tooltip.setAttribute('role', 'tooltip');
    this.tooltip.className = 'graph-tooltip';
    this.tooltip.style.cssText = 'position:absolute;pointer-events:none;display:none;padding:4px 8px;border-radius:4px;font:12px system-ui,sans-serif;max-width:320px;white-space:pre-line;z-index:2;box-shadow:0 1px 4px rgba(0,0,0,.3);';
    if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
    container.append(this.canvas, this.tooltip);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('graph: no 2d canvas context');
    this.ctx = ctx;

    this.zoomBehavior = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.01, 12])
      .filter((event: Event) => {
        if (event.type === 'wheel') return true;
        if (this.drag) return false;
        const e = event as MouseEvent;
        return !e.ctrlKey && !e.button;
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        const t = event.transform;
        this.view = { x: t.x, y: t.y, k: t.k };
        this.invalidate('view');
      });
    this.canvasSel = select(this.canvas);
    this.canvasSel.call(this.zoomBehavior).on('dblclick.zoom', null);

    this.canvas.addEventListener('pointerdown', this.onPointerDown);
    this.canvas.addEventListener('pointermove', this.onPointerMove);
    this.canvas.addEventListener('pointerup', this.onPointerUp);
    this.canvas.addEventListener('pointerleave', this.onPointerLeave);
    this.canvas.addEventListener('click', this.onClick);
    this.canvas.addEventListener('dblclick', this.onDoubleClick);
    this.canvas.addEventListener('keydown', this.onKeyDown);
    this.observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.resize());
    this.observer?.observe(container);
    this.resize();
    this.applyTooltipTheme();
  }

  /** Replaces the graph and lays it out; resolves when it is drawn. */
  setGraph(input: GraphInput, settings: { filters?: GraphFilters; focus?: GraphFocus | null } = {}): Promise<void> {
    this.input = input;
    if (settings.filters) this.filters = settings.filters;
    if (settings.focus !== undefined) this.focus = settings.focus;
    this.byId = new Map(input.nodes.map((n) => [n.id, n]));
    this.known.clear();
    this.expanded.clear();
    this.fitted = false;
    return this.rebuild();
  }

  /** Sets the filters (by kind, risky paths only, AWS-managed policies hidden). */
  setFilters(filters: GraphFilters): Promise<void> {
    if (sameFilters(filters, this.filters)) return this.ready;
    this.filters = filters;
    return this.rebuild();
  }

  /** Focus mode: only the `hops`-neighbourhood of a node; null shows everything. */
  setFocus(focus: GraphFocus | null): Promise<void> {
    if (focus?.id === this.focus?.id && focus?.hops === this.focus?.hops) return this.ready;
    this.focus = focus;
    this.fitted = false;
    return this.rebuild();
  }

  /** Opens a cluster into its members. */
  expandCluster(id: string): Promise<void> {
    if (!this.scene.members.has(id)) return Promise.resolve();
    this.expanded.add(id);
    return this.rebuild();
  }

  /** Closes an opened cluster again. */
  collapseCluster(id: string): Promise<void> {
    if (!this.expanded.delete(id)) return Promise.resolve();
    return this.rebuild();
  }

  /** Sets the selected input node (or cluster) id without calling onSelect. */
  setSelection(id: string | null): void {
    this.selectedId = id;
    this.invalidate('overlay');
  }

  /** The selected id. */
  getSelection(): string | null {
    return this.selectedId;
  }

  /** Sets the theme. */
  setTheme(theme: ThemeName): void {
    this.theme = theme;
    this.applyTooltipTheme();
    this.invalidate();
  }

  /** Replaces the callbacks. */
  setCallbacks(callbacks: Pick<GraphEngineOptions, 'onSelect' | 'onHover' | 'onLayout'>): void {
    this.options = { ...this.options, ...callbacks };
  }

  /** Input nodes matching a search. */
  search(query: string, limit = 20): GraphNodeInput[] {
    return searchNodes(this.input, query, limit);
  }

  /** The scene drawn now (read-only). */
  getScene(): Scene {
    return this.scene;
  }

  /** Screen position (CSS pixels, canvas-relative) of an input node, or null when not drawn. */
  screenPosition(id: string): { x: number; y: number } | null {
    const i = this.scene.nodeOf.get(id);
    if (i === undefined) return null;
    return { x: (this.positions[i * 2] ?? 0) * this.view.k + this.view.x, y: (this.positions[i * 2 + 1] ?? 0) * this.view.k + this.view.y };
  }

  /** The zoom transform. */
  getView(): View {
    return this.view;
  }

  /** Sets the zoom transform (through d3-zoom, so gestures continue from it). */
  setView(view: View): void {
    this.canvasSel.call(this.zoomBehavior.transform, zoomIdentity.translate(view.x, view.y).scale(view.k));
  }

  /**
   * Finds a node and brings it to the centre with an animated zoom; opens its cluster (or clears
   * a focus or filter that hides it) first. Resolves false when there is no such node.
   */
  async focusNode(id: string, options: { select?: boolean; duration?: number } = {}): Promise<boolean> {
    if (!this.byId.has(id)) return false;
    await this.reveal([id]);
    const i = this.scene.nodeOf.get(id);
    if (i === undefined) return false;
    if (options.select ?? true) this.select(i);
    const k = Math.max(this.view.k, 2.2);
    const x = this.positions[i * 2] ?? 0;
    const y = this.positions[i * 2 + 1] ?? 0;
    const target = zoomIdentity.translate(this.width / 2 - x * k, this.height / 2 - y * k).scale(k);
    const duration = options.duration ?? 650;
    if (duration <= 0) this.canvasSel.call(this.zoomBehavior.transform, target);
    else await this.canvasSel.transition().duration(duration).call(this.zoomBehavior.transform, target).end().catch(() => undefined);
    return true;
  }

  /** Draws a path step by step with each method's name on its edge, dimming the rest. */
  async highlightPath(steps: readonly PathStepInput[]): Promise<void> {
    const ids = steps.flatMap((s) => [s.from, s.to]).filter((id) => this.byId.has(id));
    await this.reveal(ids);
    const resolved: PaintHighlight['steps'][number][] = [];
    const nodes = new Set<number>();
    for (const step of steps) {
      const s = this.scene.nodeOf.get(step.from);
      const t = this.scene.nodeOf.get(step.to);
      if (s === undefined || t === undefined) continue;
      resolved.push({ s, t, method: step.method });
      nodes.add(s).add(t);
    }
    this.highlight = { steps, resolved: { steps: resolved, progress: 0, nodes }, started: performance.now() };
    const box = bounds(this.positions, nodes);
    if (box) {
      const v = fitView(box, this.width, this.height, 90, 0.05, 4);
      this.canvasSel.transition().duration(500).call(this.zoomBehavior.transform, zoomIdentity.translate(v.x, v.y).scale(v.k));
    }
    this.invalidate();
  }

  /** Removes the highlighted path. */
  clearHighlight(): void {
    this.highlight = null;
    this.invalidate();
  }

  /** True while a path is highlighted. */
  isHighlighting(): boolean {
    return this.highlight !== null;
  }

  /** The current view as a PNG. */
  exportPng(): Promise<Blob> {
    this.baseDirty = true;
    this.draw();
    return new Promise((ok, fail) => this.canvas.toBlob((b) => (b ? ok(b) : fail(new Error('graph: png export failed'))), 'image/png'));
  }

  /** The current view as an SVG document. */
  exportSvg(): string {
    return exportSvg({
      scene: this.scene,
      positions: this.positions,
      radii: this.radii,
      view: this.view,
      width: this.width,
      height: this.height,
      theme: THEMES[this.theme],
      highlight: this.highlight ? { ...this.highlight.resolved, progress: this.highlight.resolved.steps.length } : null,
    });
  }

  /** Re-reads the container's size (called by a ResizeObserver). */
  resize(): void {
    const r = this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.round(r.width));
    this.height = Math.max(1, Math.round(r.height));
    this.dpr = Math.min(3, window.devicePixelRatio || 1);
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.invalidate();
  }

  /** Stops the layout, listeners and animation and removes the canvas. */
  destroy(): void {
    this.destroyed = true;
    this.runner.dispose();
    this.observer?.disconnect();
    if (this.raf) cancelAnimationFrame(this.raf);
    clearTimeout(this.settleTimer);
    this.canvasSel.on('.zoom', null);
    this.canvas.remove();
    this.tooltip.remove();
  }

  /**
   * Asks for one frame (requestAnimationFrame only when something changed): `base` when the scene,
   * positions, theme, size or dimming changed; `overlay` when only the selection, hover or path
   * progress did; `view` when only the zoom transform moved.
   */
  invalidate(what: 'base' | 'overlay' | 'view' = 'base'): void {
    if (what === 'base') this.baseDirty = true;
    if (what === 'view') this.lastViewChange = performance.now();
    if (this.raf || this.destroyed) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.draw();
    });
  }

  /**
   * Draws a frame: the base layer is painted into a cache canvas and copied, then the overlay is
   * painted on top. On a large scene, while only the view moves, frames scale and shift the cached
   * base, and the full base paint follows when the view rests (SETTLE_MS) or has moved too far.
   */
  private draw(): void {
    const started = performance.now();
    if (this.highlight) {
      const total = this.highlight.resolved.steps.length;
      const progress = Math.min(total, (started - this.highlight.started) / STEP_MS);
      this.highlight.resolved = { ...this.highlight.resolved, progress };
      if (progress < total) this.invalidate('overlay');
    }
    const large = this.scene.ids.length + this.scene.edgeSource.length > CACHE_FROM_ITEMS;
    const selected = this.selectedId === null ? -1 : (this.scene.nodeOf.get(this.selectedId) ?? this.scene.indexOf.get(this.selectedId) ?? -1);
    const state: PaintState = {
      scene: this.scene,
      positions: this.positions,
      radii: this.radii,
      view: this.view,
      width: this.width,
      height: this.height,
      dpr: this.dpr,
      theme: THEMES[this.theme],
      selected,
      hovered: this.hovered,
      highlight: this.highlight?.resolved ?? null,
    };
    const cache = this.cache;
    const v = this.view;
    // While the view moves on a large scene, frames reuse the cached base (scaled and shifted) or
    // repaint it at reduced resolution; the full-resolution paint follows when the view rests.
    const moving = large && performance.now() - this.lastViewChange < SETTLE_MS;
    let reuse = false;
    let s = 1;
    let dx = 0;
    let dy = 0;
    if (cache && !this.baseDirty && cache.width === this.width && cache.height === this.height) {
      const c = cache.view;
      s = v.k / c.k;
      dx = v.x - c.x * s;
      dy = v.y - c.y * s;
      const same = v.x === c.x && v.y === c.y && v.k === c.k && cache.res === this.dpr;
      const near = s < CACHE_MAX_SCALE && s > 1 / CACHE_MAX_SCALE && Math.abs(dx) < this.width * 0.4 && Math.abs(dy) < this.height * 0.4;
      reuse = same || (moving && near);
    }
    if (moving) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.invalidate('base'), SETTLE_MS);
    }
    let res = cache?.res ?? this.dpr;
    if (!reuse) {
      res = moving ? this.dpr * LOW_RES : this.dpr;
      const target = this.cacheCanvas(res);
      this.baseDirty = false;
      this.stats.last = paintBase(target.ctx, { ...state, dpr: res });
      this.cache = { view: v, width: this.width, height: this.height, res };
      s = 1;
      dx = 0;
      dy = 0;
    }
    this.blit(this.cacheCanvas(res).canvas, (s * this.dpr) / res, dx, dy, s !== 1 || dx !== 0 || dy !== 0);
    paintOverlay(this.ctx, state);
    this.finishFrame(started);
  }

  private finishFrame(started: number): void {
    this.stats.frames++;
    this.stats.lastPaintMs = performance.now() - started;
  }

  /** Copies the cached base scaled by `f` (cache pixels to canvas pixels), shifted by (dx, dy) CSS pixels. */
  private blit(source: HTMLCanvasElement, f: number, dx: number, dy: number, moved: boolean): void {
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    if (moved) {
      ctx.fillStyle = THEMES[this.theme].background;
      ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    }
    ctx.imageSmoothingEnabled = f !== 1;
    ctx.setTransform(f, 0, 0, f, dx * this.dpr, dy * this.dpr);
    ctx.drawImage(source, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** The cache canvas at `res` device pixels per CSS pixel (created once, resized when needed). */
  private cacheCanvas(res: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
    if (!this.cacheTarget) {
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('graph: no 2d canvas context');
      this.cacheTarget = { canvas, ctx };
    }
    const { canvas } = this.cacheTarget;
    const w = Math.max(1, Math.round(this.width * res));
    const h = Math.max(1, Math.round(this.height * res));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    return this.cacheTarget;
  }

  /** Makes sure input nodes `ids` are in the scene: opens clusters, drops a hiding focus or filter. */
  private async reveal(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.scene.indexOf.has(id));
    if (missing.length === 0) return;
    let changed = false;
    if (missing.some((id) => !this.scene.nodeOf.has(id))) {
      const kept = filterNodes(this.input, this.filters);
      if (missing.some((id) => !kept.has(id))) this.filters = {};
      this.focus = null;
      changed = true;
    }
    const clusters = findClusters(this.input, filterNodes(this.input, this.filters), this.options.clusterThreshold ?? 25);
    for (const [cid, members] of clusters) {
      if (missing.some((id) => members.includes(id)) && !this.expanded.has(cid)) {
        this.expanded.add(cid);
        changed = true;
      }
    }
    if (changed) await this.rebuild();
  }

  private rebuild(): Promise<void> {
    const version = ++this.version;
    const scene = buildScene(this.input, {
      filters: this.filters,
      focus: this.focus,
      expanded: this.expanded,
      ...(this.options.clusterThreshold === undefined ? {} : { clusterThreshold: this.options.clusterThreshold }),
    });
    const n = scene.ids.length;
    const radii = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const base = NODE_FORMS[NODE_KINDS[scene.kinds[i] ?? 0] ?? 'user'].radius;
      const size = scene.clusterSize[i] ?? 0;
      radii[i] = size > 0 ? clusterRadius(base, size) : base;
    }
    const initial = new Float32Array(n * 2).fill(Number.NaN);
    let knownCount = 0;
    const previousCluster = new Map<string, string>();
    for (const [cid, list] of this.scene.members) for (const m of list) previousCluster.set(m, cid);
    for (let i = 0; i < n; i++) {
      const id = scene.ids[i] ?? '';
      const at = this.known.get(id) ?? this.knownNear(scene, i, previousCluster);
      if (at) {
        initial[i * 2] = at[0];
        initial[i * 2 + 1] = at[1];
        knownCount++;
      }
    }
    this.options.onLayout?.({ kind: 'start', nodes: n, edges: scene.edgeSource.length });
    const seed = this.options.seed ?? 1;
    const base = defaultLayoutOptions(n, seed);
    // A re-layout from known positions needs fewer ticks.
    const layoutOptions = knownCount > n * 0.8 ? { ...base, maxTicks: Math.min(base.maxTicks, 60) } : base;
    const run = this.runner.run(
      { nodeCount: n, edgeSource: scene.edgeSource, edgeTarget: scene.edgeTarget, groups: scene.groups, radii, ...(knownCount > 0 ? { initial } : {}) },
      layoutOptions,
      (p) => this.options.onLayout?.({ kind: 'progress', ticks: p.ticks, maxTicks: p.maxTicks }),
    );
    const applied: Promise<void> = run.then((result) => {
      if (version !== this.version || this.destroyed) return this.ready;
      this.scene = scene;
      this.positions = result.positions;
      this.radii = radii;
      for (let i = 0; i < n; i++) this.known.set(scene.ids[i] ?? '', [result.positions[i * 2] ?? 0, result.positions[i * 2 + 1] ?? 0]);
      this.hits = buildHitIndex(this.positions, this.radii);
      this.hovered = -1;
      this.tooltip.style.display = 'none';
      this.stats.sceneNodes = n;
      this.stats.sceneEdges = scene.edgeSource.length;
      this.stats.layoutMs = result.ms;
      this.stats.layoutPlace = result.place;
      if (this.highlight) {
        const steps = this.highlight.steps;
        this.highlight = null;
        void this.highlightPath(steps);
      }
      if (!this.fitted) {
        this.fitted = true;
        // Fit the bulk of the graph: a few unconnected nodes pushed far out should not shrink it.
        const box = n > 200 ? robustBounds(this.positions, 0.005) : bounds(this.positions);
        if (box) this.setView(fitView(box, this.width, this.height, 30, 0.01, 2));
      }
      this.invalidate();
      this.options.onLayout?.({ kind: 'done', ms: result.ms, ticks: result.ticks, place: result.place, stoppedBy: result.stoppedBy });
    }, (error: unknown) => {
      // A newer layout superseded this one: wait for that one instead.
      if (version !== this.version || this.destroyed) return this.ready;
      throw error;
    });
    this.ready = applied;
    return applied;
  }

  /** A known position for a new scene node: its cluster's, or that of a cluster member. */
  private knownNear(scene: Scene, i: number, previousCluster: ReadonlyMap<string, string>): [number, number] | undefined {
    const id = scene.ids[i] ?? '';
    const members = scene.members.get(id);
    if (members) {
      for (const m of members) {
        const at = this.known.get(m);
        if (at) return at;
      }
      return undefined;
    }
    const cid = previousCluster.get(id);
    const at = cid === undefined ? undefined : this.known.get(cid);
    if (!at) return undefined;
    const j = i % 16;
    return [at[0] + Math.cos(j) * (8 + (i % 5) * 4), at[1] + Math.sin(j) * (8 + (i % 5) * 4)];
  }

  private nodeAtClient(clientX: number, clientY: number): number {
    if (!this.hits) return -1;
    const r = this.canvas.getBoundingClientRect();
    const gx = (clientX - r.left - this.view.x) / this.view.k;
    const gy = (clientY - r.top - this.view.y) / this.view.k;
    return hitTest(this.hits, gx, gy, 3 / this.view.k);
  }

  private select(i: number): void {
    const id = i >= 0 ? (this.scene.ids[i] ?? null) : null;
    this.selectedId = id;
    this.invalidate('overlay');
    if (!this.options.onSelect) return;
    if (id === null) return this.options.onSelect(null);
    const members = this.scene.members.get(id);
    if (members) return this.options.onSelect({ kind: 'cluster', id, members });
    const node = this.byId.get(id);
    if (node) this.options.onSelect({ kind: 'node', id, node });
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const i = this.nodeAtClient(e.clientX, e.clientY);
    if (i < 0) {
      this.drag = null;
      return;
    }
    this.drag = { i, x: e.clientX, y: e.clientY, moved: false };
    this.canvas.setPointerCapture(e.pointerId);
  };

  private readonly onPointerMove = (e: PointerEvent): void => {
    if (this.drag) {
      const d = this.drag;
      if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < 3) return;
      d.moved = true;
      const r = this.canvas.getBoundingClientRect();
      this.positions[d.i * 2] = (e.clientX - r.left - this.view.x) / this.view.k;
      this.positions[d.i * 2 + 1] = (e.clientY - r.top - this.view.y) / this.view.k;
      this.tooltip.style.display = 'none';
      this.invalidate();
      return;
    }
    if (e.buttons !== 0) return;
    const i = this.nodeAtClient(e.clientX, e.clientY);
    if (i !== this.hovered) {
      this.hovered = i;
      this.canvas.style.cursor = i >= 0 ? 'pointer' : 'default';
      this.options.onHover?.(i >= 0 ? (this.scene.ids[i] ?? null) : null);
      this.invalidate('overlay');
    }
    this.showTooltip(i, e.clientX, e.clientY);
  };

  private readonly onPointerUp = (e: PointerEvent): void => {
    const d = this.drag;
    if (!d) return;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    if (d.moved) {
      const id = this.scene.ids[d.i];
      if (id !== undefined) this.known.set(id, [this.positions[d.i * 2] ?? 0, this.positions[d.i * 2 + 1] ?? 0]);
      this.hits = buildHitIndex(this.positions, this.radii);
    }
    // The click event that follows selects (or not, after a drag).
    setTimeout(() => (this.drag = null), 0);
  };

  private readonly onPointerLeave = (): void => {
    this.tooltip.style.display = 'none';
    if (this.hovered >= 0) {
      this.hovered = -1;
      this.options.onHover?.(null);
      this.invalidate('overlay');
    }
  };

  private readonly onClick = (e: MouseEvent): void => {
    if (this.drag?.moved) return;
    this.canvas.focus({ preventScroll: true });
    this.select(this.nodeAtClient(e.clientX, e.clientY));
  };

  private readonly onDoubleClick = (e: MouseEvent): void => {
    const i = this.nodeAtClient(e.clientX, e.clientY);
    const id = i >= 0 ? this.scene.ids[i] : undefined;
    if (id !== undefined && this.scene.members.has(id)) void this.expandCluster(id);
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    const step = 60;
    const z = this.zoomBehavior;
    const sel = this.canvasSel;
    switch (e.key) {
      case 'ArrowLeft':
        sel.call(z.translateBy, step / this.view.k, 0);
        break;
      case 'ArrowRight':
        sel.call(z.translateBy, -step / this.view.k, 0);
        break;
      case 'ArrowUp':
        sel.call(z.translateBy, 0, step / this.view.k);
        break;
      case 'ArrowDown':
        sel.call(z.translateBy, 0, -step / this.view.k);
        break;
      case '+':
      case '=':
        sel.call(z.scaleBy, 1.25, [this.width / 2, this.height / 2]);
        break;
      case '-':
      case '_':
        sel.call(z.scaleBy, 0.8, [this.width / 2, this.height / 2]);
        break;
      case 'Escape':
        this.select(-1);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  private showTooltip(i: number, clientX: number, clientY: number): void {
    if (i < 0) {
      this.tooltip.style.display = 'none';
      return;
    }
    const id = this.scene.ids[i] ?? '';
    const kind = NODE_FORMS[NODE_KINDS[this.scene.kinds[i] ?? 0] ?? 'user'].name;
    const size = this.scene.clusterSize[i] ?? 0;
    const text = size > 0 ? `${this.scene.labels[i] ?? ''}\nCluster of ${size} look-alike nodes (${kind.toLowerCase()}); double-click to open` : `${this.scene.labels[i] ?? ''}\n${kind}${id !== this.scene.labels[i] ? `\n${id}` : ''}`;
    this.tooltip.textContent = text;
    const r = this.container.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(clientX - r.left + 14, Math.max(0, this.width - 330))}px`;
    this.tooltip.style.top = `${clientY - r.top + 14}px`;
    this.tooltip.style.display = 'block';
  }

  private applyTooltipTheme(): void {
    const t = THEMES[this.theme];
    this.tooltip.style.background = t.background;
    this.tooltip.style.color = t.label;
    this.tooltip.style.border = `1px solid ${t.hover}`;
  }
}
