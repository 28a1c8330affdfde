// Viewport arithmetic: the zoom transform (d3-zoom's x, y, k), the graph rectangle on screen, and
// the transform that fits a set of points. Pure.

/** A zoom transform: screen = graph * k + (x, y). */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** An axis-aligned rectangle in graph units. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The graph rectangle visible in a `width` x `height` screen, grown by `margin` screen pixels. */
export function visibleRect(view: View, width: number, height: number, margin = 0): Rect {
  return {
    x0: (-margin - view.x) / view.k,
    y0: (-margin - view.y) / view.k,
    x1: (width + margin - view.x) / view.k,
    y1: (height + margin - view.y) / view.k,
  };
}

/** The bounds of the points `indices` (all when omitted) of `positions`. */
export function bounds(positions: Float32Array, indices?: Iterable<number>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const each = indices ?? Array.from({ length: positions.length / 2 }, (_, i) => i);
  for (const i of each) {
    const x = positions[i * 2];
    const y = positions[i * 2 + 1];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return x0 <= x1 ? { x0, y0, x1, y1 } : null;
}

/** The view that fits `rect` in a `width` x `height` screen with `padding` pixels, scale clamped. */
export function fitView(rect: Rect, width: number, height: number, padding = 40, minK = 0.02, maxK = 4): View {
  const w = Math.max(rect.x1 - rect.x0, 1);
  const h = Math.max(rect.y1 - rect.y0, 1);
  const k = Math.max(minK, Math.min(maxK, Math.min((width - 2 * padding) / w, (height - 2 * padding) / h)));
  const cx = (rect.x0 + rect.x1) / 2;
  const cy = (rect.y0 + rect.y1) / 2;
  return { x: width / 2 - cx * k, y: height / 2 - cy * k, k };
}

/** The bounds of the middle of the points: the `q` and 1 - `q` quantiles of x and of y (outliers left out). */
export function robustBounds(positions: Float32Array, q = 0.01): Rect | null {
  const n = Math.floor(positions.length / 2);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = positions[i * 2] as number;
    const y = positions[i * 2 + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xs[m] = x;
    ys[m] = y;
    m++;
  }
  if (m === 0) return null;
  const sx = xs.subarray(0, m).sort();
  const sy = ys.subarray(0, m).sort();
  const lo = Math.floor((m - 1) * q);
  const hi = Math.ceil((m - 1) * (1 - q));
  return { x0: sx[lo] as number, y0: sy[lo] as number, x1: sx[hi] as number, y1: sy[hi] as number };
}
