// Hit testing in graph coordinates with a d3-quadtree of node centres: the nearest node whose
// shape (radius plus slack) contains the point. Pure; no DOM, no React.
import { quadtree, type Quadtree } from 'd3';

/** A spatial index of the nodes of one layout. */
export interface HitIndex {
  readonly tree: Quadtree<number>;
  readonly positions: Float32Array;
  readonly radii: Float32Array;
  readonly maxRadius: number;
}

/** Builds the index of nodes `visible` (all when omitted) at `positions`. */
export function buildHitIndex(positions: Float32Array, radii: Float32Array, visible?: (i: number) => boolean): HitIndex {
  const n = radii.length;
  const items: number[] = [];
  let maxRadius = 0;
  for (let i = 0; i < n; i++) {
    if (visible && !visible(i)) continue;
    items.push(i);
    maxRadius = Math.max(maxRadius, radii[i] ?? 0);
  }
  const tree = quadtree<number>()
    .x((i) => positions[i * 2] ?? 0)
    .y((i) => positions[i * 2 + 1] ?? 0)
    .addAll(items);
  return { tree, positions, radii, maxRadius };
}

/** The node under graph point (x, y), allowing `slack` graph units around shapes; -1 if none. */
export function hitTest(index: HitIndex, x: number, y: number, slack = 0): number {
  const reach = index.maxRadius + slack;
  let best = -1;
  let bestGap = Infinity;
  index.tree.visit((node, x0, y0, x1, y1) => {
    if (x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach) return true;
    if (!('length' in node)) {
      let leaf: typeof node | undefined = node;
      while (leaf) {
        const i = leaf.data;
        const dx = (index.positions[i * 2] ?? 0) - x;
        const dy = (index.positions[i * 2 + 1] ?? 0) - y;
        // The gap between the point and the shape's edge: negative inside; smaller wins.
        const gap = Math.hypot(dx, dy) - (index.radii[i] ?? 0);
        if (gap <= slack && gap < bestGap) {
          bestGap = gap;
          best = i;
        }
        leaf = leaf.next;
      }
    }
    return false;
  });
  return best;
}
