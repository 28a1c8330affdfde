// Shortest escalation paths to admin over the escalation graph: one Dijkstra search backwards from
// admin, preferring unconditional hops (a conditional hop costs more than any number of
// unconditional ones in practice). Cycles are harmless: each node settles once. Imports only core/model.
import type { EscalationGraph, EscalationPath, GraphEdge, PathsReport, PathStep } from '../model/graph';
import { ADMIN_NODE } from '../model/graph';

/** Cost of an unconditional hop and of a conditional one. */
export const HOP = 1;
export const CONDITIONAL_HOP = 1000;

/** Options of `findEscalationPaths`. */
export interface PathOptions {
  /** Only the path of this principal. */
  readonly from?: string;
}

/** A binary min-heap of [cost, node index]. */
class Heap {
  private readonly costs: number[] = [];
  private readonly ids: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  push(cost: number, id: number): void {
    const c = this.costs;
    const v = this.ids;
    let i = v.length;
    c.push(cost);
    v.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (c[parent]! <= cost) break;
      c[i] = c[parent]!;
      v[i] = v[parent]!;
      i = parent;
    }
    c[i] = cost;
    v[i] = id;
  }
  pop(): [number, number] {
    const c = this.costs;
    const v = this.ids;
    const top: [number, number] = [c[0]!, v[0]!];
    const lastC = c.pop()!;
    const lastV = v.pop()!;
    const n = v.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && c[r]! < c[l]! ? r : l;
        if (c[m]! >= lastC) break;
        c[i] = c[m]!;
        v[i] = v[m]!;
        i = m;
      }
      c[i] = lastC;
      v[i] = lastV;
    }
    return top;
  }
}

function toStep(e: GraphEdge): PathStep {
  return {
    from: e.from,
    to: e.to,
    method: e.method,
    pathfindingId: e.pathfindingId,
    permissions: e.permissions,
    conditional: e.conditional,
    prerequisites: e.prerequisites,
    ...(e.target === undefined ? {} : { target: e.target }),
  };
}

/**
 * The shortest path of every principal (users, roles, external accounts, identity providers) that
 * is not a full administrator to admin: a path ends at the `admin` node or at a full administrator.
 * Shadow admins get their one-call path. Services are not attackers and get no path.
 */
export function findEscalationPaths(graph: EscalationGraph, options: PathOptions = {}): PathsReport {
  const ids = [...graph.nodes.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const incoming: GraphEdge[][] = ids.map(() => []);
  for (const e of graph.edges) {
    const t = index.get(e.to);
    if (t !== undefined && index.has(e.from)) incoming[t]!.push(e);
  }
  const dist = new Float64Array(ids.length).fill(Infinity);
  const next: (GraphEdge | undefined)[] = new Array(ids.length).fill(undefined);
  const heap = new Heap();
  const full = new Set(graph.fullAdmins);
  for (const t of [ADMIN_NODE, ...graph.fullAdmins]) {
    const i = index.get(t);
    if (i === undefined) continue;
    dist[i] = 0;
    heap.push(0, i);
  }
  while (heap.size > 0) {
    const [d, i] = heap.pop();
    if (d > dist[i]!) continue;
    for (const e of incoming[i]!) {
      const f = index.get(e.from)!;
      if (full.has(e.from) || e.from === ADMIN_NODE) continue;
      const nd = d + (e.conditional ? CONDITIONAL_HOP : HOP);
      // Ties keep the first edge found; edges are in rule order, so results are deterministic.
      if (nd < dist[f]!) {
        dist[f] = nd;
        next[f] = e;
        heap.push(nd, f);
      }
    }
  }
  const sources = ids.filter((id) => {
    const n = graph.nodes.get(id)!;
    if (n.kind === 'admin' || n.kind === 'service' || n.kind === 'group' || full.has(id)) return false;
    // A service-linked role is used only by its service; nobody starts from it.
    if (id.includes(':role/aws-service-role/')) return false;
    return options.from === undefined || options.from === id;
  });
  const paths: EscalationPath[] = [];
  for (const s of sources.sort()) {
    const i = index.get(s)!;
    if (!Number.isFinite(dist[i]!)) continue;
    const steps: PathStep[] = [];
    let cur = i;
    // INVARIANT: `next` pointers strictly decrease the distance, so the walk ends within |nodes| steps.
    for (let guard = 0; guard <= ids.length; guard++) {
      const e = next[cur];
      if (e === undefined) break;
      steps.push(toStep(e));
      cur = index.get(e.to)!;
    }
    paths.push({ principal: s, conditional: steps.some((x) => x.conditional), steps });
  }
  return { admins: graph.admins, paths };
}
