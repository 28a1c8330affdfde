// A many-body (repulsion) force for large layouts: Barnes–Hut like d3's forceManyBody, with the
// same criterion and formula, but on a quadtree of flat typed arrays rebuilt each tick without
// allocating objects or closures (d3's is several times slower on 15,000 nodes). Pure; no DOM,
// no React, no app imports.
import type { Force, SimulationNodeDatum } from 'd3';

/** Deepest quadtree level; points closer than the cell size there share one leaf. */
const MAX_DEPTH = 24;

/** A d3 force: every pair of nodes repels with `strength` (negative) over distance, Barnes–Hut with `theta`. */
export function flatManyBody<N extends SimulationNodeDatum>(strength: number, theta: number): Force<N, never> {
  let nodes: N[] = [];
  let random: () => number = Math.random;
  const theta2 = theta * theta;
  let cap = 0;
  // Per cell: four children (-1 none), first point of a leaf (-1 for an inner cell or an empty
  // leaf; the leaf's other points follow through `next`), point count, sums of x and y (then the
  // centroid), width, parent, and 1 for an inner cell.
  let child = new Int32Array(0);
  let first = new Int32Array(0);
  let count = new Float64Array(0);
  let sx = new Float64Array(0);
  let sy = new Float64Array(0);
  let width = new Float64Array(0);
  let parent = new Int32Array(0);
  let inner = new Uint8Array(0);
  let next = new Int32Array(0);
  let stack = new Int32Array(0);
  let cells = 0;

  const grow = (): void => {
    const size = Math.max(64, cap * 2);
    const c = new Int32Array(size * 4).fill(-1);
    c.set(child);
    const f = new Int32Array(size);
    f.set(first);
    const k = new Float64Array(size);
    k.set(count);
    const x = new Float64Array(size);
    x.set(sx);
    const y = new Float64Array(size);
    y.set(sy);
    const w = new Float64Array(size);
    w.set(width);
    const p = new Int32Array(size);
    p.set(parent);
    const u = new Uint8Array(size);
    u.set(inner);
    inner = u;
    child = c;
    first = f;
    count = k;
    sx = x;
    sy = y;
    width = w;
    parent = p;
    cap = size;
  };
  const cell = (up: number, w: number): number => {
    if (cells === cap) grow();
    const c = cells++;
    child.fill(-1, c * 4, c * 4 + 4);
    first[c] = -1;
    count[c] = 0;
    sx[c] = 0;
    sy[c] = 0;
    width[c] = w;
    parent[c] = up;
    inner[c] = 0;
    return c;
  };

  const force = (alpha: number): void => {
    const n = nodes.length;
    if (n < 2) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const d = nodes[i] as N;
      const x = d.x ?? 0;
      const y = d.y ?? 0;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const size = Math.max(x1 - x0, y1 - y0, 1e-6) * (1 + 1e-9);
    cells = 0;
    const root = cell(-1, size);
    // Insert every point: descend to the leaf of its quadrant; split a leaf holding another point
    // at a different place until they part (or share the leaf at MAX_DEPTH).
    for (let i = 0; i < n; i++) {
      const d = nodes[i] as N;
      const x = d.x ?? 0;
      const y = d.y ?? 0;
      let c = root;
      let cx = x0;
      let cy = y0;
      let w = size;
      for (let depth = 0; ; depth++) {
        if (inner[c] === 0 && first[c] === -1) {
          first[c] = i;
          next[i] = -1;
          count[c] = 1;
          break;
        }
        const head = first[c] ?? -1;
        if (head !== -1) {
          const h = nodes[head] as N;
          if (depth >= MAX_DEPTH || ((h.x ?? 0) === x && (h.y ?? 0) === y)) {
            next[i] = head;
            first[c] = i;
            count[c] = (count[c] ?? 0) + 1;
            break;
          }
          // Split: move the leaf's points (all at one place) down into their quadrant.
          const hw = w / 2;
          const q = ((h.x ?? 0) >= cx + hw ? 1 : 0) | ((h.y ?? 0) >= cy + hw ? 2 : 0);
          const down = cell(c, hw);
          first[down] = head;
          count[down] = count[c] ?? 0;
          child[c * 4 + q] = down;
          first[c] = -1;
          count[c] = 0;
          inner[c] = 1;
        }
        const hw = w / 2;
        const right = x >= cx + hw ? 1 : 0;
        const lower = y >= cy + hw ? 2 : 0;
        let down = child[c * 4 + (right | lower)] ?? -1;
        if (down === -1) {
          down = cell(c, hw);
          child[c * 4 + (right | lower)] = down;
        }
        inner[c] = 1;
        c = down;
        cx += right ? hw : 0;
        cy += lower ? hw : 0;
        w = hw;
      }
    }
    // Masses and centroids, children before parents (cells are numbered parents first).
    for (let c = cells - 1; c >= 0; c--) {
      let p = first[c] ?? -1;
      if (p !== -1) {
        let x = 0;
        let y = 0;
        let k = 0;
        for (; p !== -1; p = next[p] ?? -1) {
          const d = nodes[p] as N;
          x += d.x ?? 0;
          y += d.y ?? 0;
          k++;
        }
        count[c] = k;
        sx[c] = x;
        sy[c] = y;
      }
      const up = parent[c] ?? -1;
      if (up !== -1) {
        count[up] = (count[up] ?? 0) + (count[c] ?? 0);
        sx[up] = (sx[up] ?? 0) + (sx[c] ?? 0);
        sy[up] = (sy[up] ?? 0) + (sy[c] ?? 0);
      }
    }
    for (let c = 0; c < cells; c++) {
      const k = count[c] ?? 0;
      if (k > 0) {
        sx[c] = (sx[c] ?? 0) / k;
        sy[c] = (sy[c] ?? 0) / k;
      }
    }
    // Each point: far cells act as one body at their centroid (width² < θ² · distance², as d3);
    // near leaves act point by point; coincident points are jiggled apart as d3 does.
    const s = strength * alpha;
    for (let i = 0; i < n; i++) {
      const d = nodes[i] as N;
      const nx = d.x ?? 0;
      const ny = d.y ?? 0;
      let vx = d.vx ?? 0;
      let vy = d.vy ?? 0;
      let top = 0;
      stack[top++] = root;
      while (top > 0) {
        const c = stack[--top] ?? 0;
        const k = count[c] ?? 0;
        if (k === 0) continue;
        let dx = (sx[c] ?? 0) - nx;
        let dy = (sy[c] ?? 0) - ny;
        let l = dx * dx + dy * dy;
        const w = width[c] ?? 0;
        const head = first[c] ?? -1;
        if (w * w < theta2 * l) {
          if (l < 1) l = Math.sqrt(l);
          vx += (dx * s * k) / l;
          vy += (dy * s * k) / l;
          continue;
        }
        if (head !== -1) {
          for (let p = head; p !== -1; p = next[p] ?? -1) {
            if (p === i) continue;
            const q = nodes[p] as N;
            dx = (q.x ?? 0) - nx;
            dy = (q.y ?? 0) - ny;
            if (dx === 0) dx = (random() - 0.5) * 1e-6;
            if (dy === 0) dy = (random() - 0.5) * 1e-6;
            l = dx * dx + dy * dy;
            if (l < 1) l = Math.sqrt(l);
            vx += (dx * s) / l;
            vy += (dy * s) / l;
          }
          continue;
        }
        for (let q = 0; q < 4; q++) {
          const down = child[c * 4 + q] ?? -1;
          if (down !== -1) stack[top++] = down;
        }
      }
      d.vx = vx;
      d.vy = vy;
    }
  };
  force.initialize = (list: N[], source: () => number): void => {
    nodes = list;
    random = source;
    next = new Int32Array(list.length);
    stack = new Int32Array(4 * MAX_DEPTH + 8);
  };
  return force;
}
