// Paints a laid-out scene on a 2D canvas: devicePixelRatio-aware, viewport culling, edges batched
// by kind in paths of a bounded size, hairlines when a scene has very many edges, nodes by kind,
// labels by zoom level for on-screen nodes only, level of detail when zoomed out, and the dimmed
// state under a highlighted path drawn step by step.
// Imports no React and no core; needs only a CanvasRenderingContext2D.
import { EDGE_KINDS, NODE_KINDS, type Scene } from './model';
import { EDGE_FORMS, NODE_FORMS, type NodeShape, type Theme } from './styles';
import { visibleRect, type Rect, type View } from './viewport';

/** A path step resolved to scene indices. */
export interface PaintStep {
  readonly s: number;
  readonly t: number;
  readonly method: string;
}

/** A highlighted path: its steps, and how many are drawn (fractional while animating). */
export interface PaintHighlight {
  readonly steps: readonly PaintStep[];
  readonly progress: number;
  readonly nodes: ReadonlySet<number>;
}

/** Everything one frame depends on. */
export interface PaintState {
  readonly scene: Scene;
  readonly positions: Float32Array;
  readonly radii: Float32Array;
  readonly view: View;
  /** CSS pixel size of the canvas. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly theme: Theme;
  readonly selected: number;
  readonly hovered: number;
  readonly highlight: PaintHighlight | null;
}

/** What a frame drew. */
export interface PaintStats {
  nodes: number;
  edges: number;
  labels: number;
}

/** Screen radius under which nodes are drawn as plain squares. */
const SIMPLE_BELOW_PX = 1.8;
/** Screen radius from which ordinary nodes get labels. */
const LABEL_FROM_PX = 5;
/** Most labels drawn in one frame. */
const MAX_LABELS = 400;
const FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
/**
 * Segments per stroked path: the canvas's cost of stroking one path grows faster than its length
 * (80,000 segments in one path took 60 s in headless Chromium, in paths of 1,000 segments 10 s).
 */
const SEGMENTS_PER_PATH = 1000;
/**
 * Scenes with more edges than this draw them as one-device-pixel hairlines, which the canvas
 * rasterises far faster than wider strokes (324,000 edges: 2 s instead of minutes).
 */
const HAIRLINES_FROM_EDGES = 50_000;

/** Adds a node shape to the current path. */
export function addShape(ctx: CanvasRenderingContext2D, shape: NodeShape, x: number, y: number, r: number): void {
  switch (shape) {
    case 'circle':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      return;
    case 'square': {
      const s = r * 0.9;
      ctx.rect(x - s, y - s, 2 * s, 2 * s);
      return;
    }
    case 'diamond':
      ctx.moveTo(x, y - r * 1.15);
      ctx.lineTo(x + r * 1.15, y);
      ctx.lineTo(x, y + r * 1.15);
      ctx.lineTo(x - r * 1.15, y);
      ctx.closePath();
      return;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r * 1.1, y + r * 0.8);
      ctx.lineTo(x - r * 1.1, y + r * 0.8);
      ctx.closePath();
      return;
    case 'hexagon':
      for (let i = 0; i < 6; i++) {
        const a = (Math.PI / 3) * i;
        if (i === 0) ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
        else ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
      return;
    case 'star':
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (Math.PI / 5) * i;
        const rr = i % 2 === 0 ? r : r * 0.5;
        if (i === 0) ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        else ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      ctx.closePath();
      return;
  }
}

/** True when the segment's bounding box meets `rect`. */
export function segmentMayShow(rect: Rect, x1: number, y1: number, x2: number, y2: number): boolean {
  return !((x1 < rect.x0 && x2 < rect.x0) || (x1 > rect.x1 && x2 > rect.x1) || (y1 < rect.y0 && y2 < rect.y0) || (y1 > rect.y1 && y2 > rect.y1));
}

/** Adds an arrowhead at (x2, y2) coming from (x1, y1), stopping `gap` short of the point. */
function addArrow(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number, gap: number, size: number): void {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  if (len < gap + size) return;
  const ux = dx / len;
  const uy = dy / len;
  const tx = x2 - ux * gap;
  const ty = y2 - uy * gap;
  ctx.moveTo(tx, ty);
  ctx.lineTo(tx - ux * size - uy * size * 0.5, ty - uy * size + ux * size * 0.5);
  ctx.lineTo(tx - ux * size + uy * size * 0.5, ty - uy * size - ux * size * 0.5);
  ctx.closePath();
}

/** Paints one frame: the base layer, then the overlay. */
export function paint(ctx: CanvasRenderingContext2D, st: PaintState): PaintStats {
  const stats = paintBase(ctx, st);
  paintOverlay(ctx, st);
  return stats;
}

/**
 * Paints the base layer: background, edges, nodes and zoom-level labels, dimmed when a path is
 * highlighted. Depends on the scene, positions, view, theme and whether a path is highlighted, not
 * on selection, hover or the path's progress (those are the overlay).
 */
export function paintBase(ctx: CanvasRenderingContext2D, st: PaintState): PaintStats {
  const { scene, positions: p, radii, view, theme, dpr } = st;
  const stats: PaintStats = { nodes: 0, edges: 0, labels: 0 };
  const k = view.k;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, st.width, st.height);
  const rect = visibleRect(view, st.width, st.height, 20);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.x, dpr * view.y);
  const base = st.highlight ? theme.dimAlpha : 1;
  const zoomedOut = k < 0.35;

  // Edges, one path per kind.
  const es = scene.edgeSource;
  const et = scene.edgeTarget;
  const ek = scene.edgeKind;
  ctx.lineCap = 'butt';
  const hairlines = es.length > HAIRLINES_FROM_EDGES;
  for (let kind = 0; kind < EDGE_KINDS.length; kind++) {
    const name = EDGE_KINDS[kind];
    if (!name) continue;
    const form = EDGE_FORMS[name];
    ctx.globalAlpha = base * (zoomedOut && name !== 'escalation' ? 0.6 : 1);
    ctx.strokeStyle = theme.edges[name];
    ctx.lineWidth = hairlines ? 1 / (k * dpr) : Math.max(form.width, (name === 'escalation' ? 1.5 : 0.6) / k);
    ctx.setLineDash(!hairlines && k > 0.6 && form.dash.length > 0 ? form.dash.map((d) => d / k) : []);
    ctx.beginPath();
    let count = 0;
    let inPath = 0;
    for (let e = 0; e < es.length; e++) {
      if (ek[e] !== kind) continue;
      const s = es[e] as number;
      const t = et[e] as number;
      const x1 = p[s * 2] as number;
      const y1 = p[s * 2 + 1] as number;
      const x2 = p[t * 2] as number;
      const y2 = p[t * 2 + 1] as number;
      if (!segmentMayShow(rect, x1, y1, x2, y2)) continue;
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      count++;
      if (++inPath === SEGMENTS_PER_PATH) {
        ctx.stroke();
        ctx.beginPath();
        inPath = 0;
      }
    }
    if (inPath > 0) ctx.stroke();
    if (count === 0) continue;
    stats.edges += count;
    if (form.arrow && k > 0.8) {
      ctx.setLineDash([]);
      ctx.fillStyle = theme.edges[name];
      ctx.beginPath();
      inPath = 0;
      for (let e = 0; e < es.length; e++) {
        if (ek[e] !== kind) continue;
        const s = es[e] as number;
        const t = et[e] as number;
        const x1 = p[s * 2] as number;
        const y1 = p[s * 2 + 1] as number;
        const x2 = p[t * 2] as number;
        const y2 = p[t * 2 + 1] as number;
        if (x2 < rect.x0 || x2 > rect.x1 || y2 < rect.y0 || y2 > rect.y1) continue;
        addArrow(ctx, x1, y1, x2, y2, (radii[t] ?? 4) + 1, 4);
        if (++inPath === SEGMENTS_PER_PATH) {
          ctx.fill();
          ctx.beginPath();
          inPath = 0;
        }
      }
      if (inPath > 0) ctx.fill();
    }
  }
  ctx.setLineDash([]);

  // Nodes, one path per kind; plain squares when tiny on screen.
  const kinds = scene.kinds;
  const n = kinds.length;
  const onScreen: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = p[i * 2] as number;
    const y = p[i * 2 + 1] as number;
    const r = radii[i] as number;
    if (x + r < rect.x0 || x - r > rect.x1 || y + r < rect.y0 || y - r > rect.y1) continue;
    onScreen.push(i);
  }
  stats.nodes = onScreen.length;
  ctx.globalAlpha = base;
  for (let kind = 0; kind < NODE_KINDS.length; kind++) {
    const name = NODE_KINDS[kind];
    if (!name) continue;
    const form = NODE_FORMS[name];
    ctx.beginPath();
    let count = 0;
    for (const i of onScreen) {
      if (kinds[i] !== kind) continue;
      const x = p[i * 2] as number;
      const y = p[i * 2 + 1] as number;
      const r = radii[i] as number;
      if (r * k < SIMPLE_BELOW_PX) ctx.rect(x - r, y - r, 2 * r, 2 * r);
      else addShape(ctx, form.shape, x, y, r);
      count++;
    }
    if (count === 0) continue;
    ctx.fillStyle = theme.nodes[name];
    ctx.fill();
    if (k * form.radius > 4) {
      ctx.strokeStyle = theme.background;
      ctx.lineWidth = 1 / k;
      ctx.stroke();
    }
  }
  // Cluster rings.
  ctx.beginPath();
  for (const i of onScreen) {
    if ((scene.clusterSize[i] ?? 0) === 0) continue;
    const x = p[i * 2] as number;
    const y = p[i * 2 + 1] as number;
    const r = (radii[i] as number) + 3 / k;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.strokeStyle = theme.hover;
  ctx.lineWidth = 1.5 / k;
  ctx.stroke();

  // Labels in screen space.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  for (const i of onScreen) {
    if (stats.labels >= MAX_LABELS) break;
    const r = (radii[i] as number) * k;
    const special = kinds[i] === 8 || (scene.clusterSize[i] ?? 0) > 0;
    if (r >= LABEL_FROM_PX || (special && r >= 2.5)) {
      drawLabel(ctx, st, i, base);
      stats.labels++;
    }
  }
  ctx.globalAlpha = 1;
  return stats;
}

/** Draws node i's label beside it (screen space; the caller set the font and transform). */
function drawLabel(ctx: CanvasRenderingContext2D, st: PaintState, i: number, alpha: number): void {
  const { positions: p, radii, view, theme } = st;
  const k = view.k;
  const r = (radii[i] as number) * k;
  const sx = (p[i * 2] as number) * k + view.x + r + 4;
  const sy = (p[i * 2 + 1] as number) * k + view.y;
  const text = st.scene.labels[i] ?? '';
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = theme.labelHalo;
  ctx.strokeText(text, sx, sy);
  ctx.fillStyle = theme.label;
  ctx.fillText(text, sx, sy);
}

/** Paints the overlay over the base: the highlighted path, hover and selection rings, their labels. */
export function paintOverlay(ctx: CanvasRenderingContext2D, st: PaintState): void {
  const { positions: p, radii, view, theme, dpr } = st;
  const k = view.k;
  const n = st.scene.ids.length;
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.x, dpr * view.y);
  if (st.highlight) drawPath(ctx, st, st.highlight);
  ctx.globalAlpha = 1;
  for (const [i, colour, width] of [
    [st.hovered, theme.hover, 1.5],
    [st.selected, theme.selection, 2.5],
  ] as const) {
    if (i < 0 || i >= n) continue;
    const x = p[i * 2] as number;
    const y = p[i * 2 + 1] as number;
    const r = (radii[i] as number) + 4 / k;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.strokeStyle = colour;
    ctx.lineWidth = width / k;
    ctx.stroke();
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'start';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  const must = new Set<number>();
  if (st.selected >= 0) must.add(st.selected);
  if (st.hovered >= 0) must.add(st.hovered);
  if (st.highlight) for (const i of st.highlight.nodes) must.add(i);
  for (const i of must) if (i >= 0 && i < n) drawLabel(ctx, st, i, 1);
  ctx.globalAlpha = 1;
  if (st.highlight) drawPathLabels(ctx, st, st.highlight);
}

/** Draws the revealed steps of a highlighted path with each method's name on its edge. */
function drawPath(ctx: CanvasRenderingContext2D, st: PaintState, hl: PaintHighlight): void {
  const { positions: p, radii, view, theme } = st;
  const k = view.k;
  ctx.globalAlpha = 1;
  // Path nodes at full opacity.
  for (const i of hl.nodes) {
    const kind = NODE_KINDS[st.scene.kinds[i] ?? 0] ?? 'user';
    ctx.beginPath();
    addShape(ctx, NODE_FORMS[kind].shape, p[i * 2] as number, p[i * 2 + 1] as number, Math.max(radii[i] as number, 4 / k));
    ctx.fillStyle = theme.nodes[kind];
    ctx.fill();
  }
  hl.steps.forEach((step, idx) => {
    const part = Math.max(0, Math.min(1, hl.progress - idx));
    if (part <= 0) return;
    const x1 = p[step.s * 2] as number;
    const y1 = p[step.s * 2 + 1] as number;
    const x2full = p[step.t * 2] as number;
    const y2full = p[step.t * 2 + 1] as number;
    const x2 = x1 + (x2full - x1) * part;
    const y2 = y1 + (y2full - y1) * part;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.strokeStyle = theme.path;
    ctx.lineWidth = 3 / k;
    ctx.lineCap = 'round';
    ctx.stroke();
    if (part >= 1) {
      ctx.beginPath();
      addArrow(ctx, x1, y1, x2full, y2full, (radii[step.t] ?? 4) + 2 / k, 10 / k);
      ctx.fillStyle = theme.path;
      ctx.fill();
    }
  });
  ctx.lineCap = 'butt';
}

/** Writes each revealed step's number and method name on its edge, avoiding overlaps. */
function drawPathLabels(ctx: CanvasRenderingContext2D, st: PaintState, hl: PaintHighlight): void {
  const { positions: p, view, theme } = st;
  const k = view.k;
  ctx.font = 'bold ' + FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const placed: [number, number, number, number][] = [];
  hl.steps.forEach((step, idx) => {
    if (hl.progress < idx + 1) return;
    const text = `${idx + 1}. ${step.method}`;
    const sx = (((p[step.s * 2] as number) + (p[step.t * 2] as number)) / 2) * k + view.x;
    let sy = (((p[step.s * 2 + 1] as number) + (p[step.t * 2 + 1] as number)) / 2) * k + view.y;
    const w = ctx.measureText(text).width + 8;
    for (let tries = 0; tries < 20; tries++) {
      const clash = placed.some(([x0, y0, x1, y1]) => sx - w / 2 < x1 && sx + w / 2 > x0 && sy - 9 < y1 && sy + 9 > y0);
      if (!clash) break;
      sy += 20;
    }
    placed.push([sx - w / 2, sy - 9, sx + w / 2, sy + 9]);
    ctx.globalAlpha = 1;
    ctx.fillStyle = theme.pathLabelBackground;
    ctx.fillRect(sx - w / 2, sy - 9, w, 18);
    ctx.strokeStyle = theme.path;
    ctx.lineWidth = 1;
    ctx.strokeRect(sx - w / 2, sy - 9, w, 18);
    ctx.fillStyle = theme.path;
    ctx.fillText(text, sx, sy);
  });
  ctx.textAlign = 'start';
}
