// Builds an SVG document of the nodes and edges in view (labels escaped), in the painter's colours
// and shapes. Pure string building; no DOM, no React.
import { EDGE_KINDS, NODE_KINDS, type Scene } from './model';
import { segmentMayShow, type PaintHighlight } from './painter';
import { EDGE_FORMS, NODE_FORMS, type NodeShape, type Theme } from './styles';
import { visibleRect, type View } from './viewport';

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow are dropped, then the five special characters escaped.
  // eslint-disable-next-line no-control-regex
  const allowed = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return allowed.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

const f = (v: number): string => (Math.round(v * 100) / 100).toString();

/** The SVG path data of a node shape at screen point (x, y), radius r. */
export function shapePath(shape: NodeShape, x: number, y: number, r: number): string {
  const pts = (list: [number, number][]): string => 'M' + list.map(([a, b]) => `${f(a)},${f(b)}`).join('L') + 'Z';
  switch (shape) {
    case 'circle':
      return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
    case 'square': {
      const s = r * 0.9;
      return pts([[x - s, y - s], [x + s, y - s], [x + s, y + s], [x - s, y + s]]);
    }
    case 'diamond':
      return pts([[x, y - r * 1.15], [x + r * 1.15, y], [x, y + r * 1.15], [x - r * 1.15, y]]);
    case 'triangle':
      return pts([[x, y - r * 1.2], [x + r * 1.1, y + r * 0.8], [x - r * 1.1, y + r * 0.8]]);
    case 'hexagon':
      return pts(Array.from({ length: 6 }, (_, i) => [x + r * Math.cos((Math.PI / 3) * i), y + r * Math.sin((Math.PI / 3) * i)] as [number, number]));
    case 'star':
      return pts(Array.from({ length: 10 }, (_, i) => {
        const a = -Math.PI / 2 + (Math.PI / 5) * i;
        const rr = i % 2 === 0 ? r : r * 0.5;
        return [x + rr * Math.cos(a), y + rr * Math.sin(a)] as [number, number];
      }));
  }
}

/** What the SVG export needs: the painter's state minus the canvas details. */
export interface SvgState {
  readonly scene: Scene;
  readonly positions: Float32Array;
  readonly radii: Float32Array;
  readonly view: View;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
  readonly highlight: PaintHighlight | null;
  /** Largest number of labels written (default 2,000). */
  readonly maxLabels?: number;
}

/** An SVG document of the current view (screen coordinates, width x height). */
export function exportSvg(st: SvgState): string {
  const { scene, positions: p, radii, view, theme } = st;
  const k = view.k;
  const rect = visibleRect(view, st.width, st.height, 0);
  const sx = (i: number): number => (p[i * 2] ?? 0) * k + view.x;
  const sy = (i: number): number => (p[i * 2 + 1] ?? 0) * k + view.y;
  const dim = st.highlight ? ` opacity="${theme.dimAlpha}"` : '';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(st.width)}" height="${f(st.height)}" viewBox="0 0 ${f(st.width)} ${f(st.height)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
  ];
  for (let kind = 0; kind < EDGE_KINDS.length; kind++) {
    const name = EDGE_KINDS[kind];
    if (!name) continue;
    const d: string[] = [];
    for (let e = 0; e < scene.edgeSource.length; e++) {
      if (scene.edgeKind[e] !== kind) continue;
      const s = scene.edgeSource[e] ?? 0;
      const t = scene.edgeTarget[e] ?? 0;
      if (!segmentMayShow(rect, p[s * 2] ?? 0, p[s * 2 + 1] ?? 0, p[t * 2] ?? 0, p[t * 2 + 1] ?? 0)) continue;
      d.push(`M${f(sx(s))},${f(sy(s))}L${f(sx(t))},${f(sy(t))}`);
    }
    if (d.length === 0) continue;
    const form = EDGE_FORMS[name];
    const dash = form.dash.length > 0 ? ` stroke-dasharray="${form.dash.join(' ')}"` : '';
    out.push(`<path class="edge-${name}" d="${d.join('')}" fill="none" stroke="${theme.edges[name]}" stroke-width="${f(Math.max(form.width * k, 0.6))}"${dash}${dim}/>`);
  }
  const visible: number[] = [];
  for (let i = 0; i < scene.ids.length; i++) {
    const x = p[i * 2] ?? 0;
    const y = p[i * 2 + 1] ?? 0;
    const r = radii[i] ?? 0;
    if (x + r < rect.x0 || x - r > rect.x1 || y + r < rect.y0 || y - r > rect.y1) continue;
    visible.push(i);
  }
  for (let kind = 0; kind < NODE_KINDS.length; kind++) {
    const name = NODE_KINDS[kind];
    if (!name) continue;
    const d = visible.filter((i) => scene.kinds[i] === kind).map((i) => shapePath(NODE_FORMS[name].shape, sx(i), sy(i), Math.max((radii[i] ?? 0) * k, 1)));
    if (d.length > 0) out.push(`<path class="node-${name}" d="${d.join('')}" fill="${theme.nodes[name]}"${dim}/>`);
  }
  if (st.highlight) {
    st.highlight.steps.forEach((step, idx) => {
      if (st.highlight && st.highlight.progress < idx + 1) return;
      out.push(`<line x1="${f(sx(step.s))}" y1="${f(sy(step.s))}" x2="${f(sx(step.t))}" y2="${f(sy(step.t))}" stroke="${theme.path}" stroke-width="3"/>`);
      out.push(`<text x="${f((sx(step.s) + sx(step.t)) / 2)}" y="${f((sy(step.s) + sy(step.t)) / 2)}" fill="${theme.path}" font-weight="bold" text-anchor="middle">${escapeXml(`${idx + 1}. ${step.method}`)}</text>`);
    });
  }
  const maxLabels = st.maxLabels ?? 2000;
  let labels = 0;
  for (const i of visible) {
    if (labels >= maxLabels) break;
    const r = (radii[i] ?? 0) * k;
    if (r < 5 && !(st.highlight?.nodes.has(i) ?? false)) continue;
    out.push(`<text x="${f(sx(i) + r + 4)}" y="${f(sy(i) + 4)}" fill="${theme.label}">${escapeXml(scene.labels[i] ?? '')}</text>`);
    labels++;
  }
  out.push('</svg>');
  return out.join('\n');
}
