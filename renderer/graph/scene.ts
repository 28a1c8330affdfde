// Data transforms of the graph: filters, N-hop focus, clustering of look-alike nodes, and the
// indexed Scene the layout and painter use. Pure functions; no DOM, no React, no core imports.
import {
  EDGE_KINDS,
  edgeKindCode,
  nodeKindCode,
  type GraphFilters,
  type GraphFocus,
  type GraphInput,
  type GraphNodeInput,
  type Scene,
} from './model';

/** How a scene is built from the input graph. */
export interface SceneOptions {
  readonly filters?: GraphFilters;
  readonly focus?: GraphFocus | null;
  /** Cluster ids the user opened. */
  readonly expanded?: ReadonlySet<string>;
  /** Smallest number of look-alike nodes gathered into a cluster (default 25; 0 disables). */
  readonly clusterThreshold?: number;
  /** Only nodes with at most this many distinct neighbours are clustered (default 4). */
  readonly clusterMaxDegree?: number;
}

/** Largest number of hops focus mode follows (bounds the breadth-first search). */
export const MAX_FOCUS_HOPS = 10;

interface Adjacency {
  readonly byId: ReadonlyMap<string, GraphNodeInput>;
  /** For each node id, the indices of its incident edges. */
  readonly incident: ReadonlyMap<string, number[]>;
}

const adjacencyCache = new WeakMap<GraphInput, Adjacency>();

function adjacency(input: GraphInput): Adjacency {
  const cached = adjacencyCache.get(input);
  if (cached) return cached;
  const byId = new Map<string, GraphNodeInput>();
  for (const n of input.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const incident = new Map<string, number[]>();
  input.edges.forEach((e, i) => {
    if (!byId.has(e.source) || !byId.has(e.target)) return;
    for (const end of e.source === e.target ? [e.source] : [e.source, e.target]) {
      const list = incident.get(end);
      if (list) list.push(i);
      else incident.set(end, [i]);
    }
  });
  const adj = { byId, incident };
  adjacencyCache.set(input, adj);
  return adj;
}

/** The ids of the input nodes the filters keep. */
export function filterNodes(input: GraphInput, filters: GraphFilters = {}): Set<string> {
  const hidden = new Set(filters.hiddenKinds ?? []);
  const onRisky = new Set<string>();
  if (filters.riskyOnly) {
    for (const n of input.nodes) if (n.risky) onRisky.add(n.id);
    for (const e of input.edges) {
      if (e.kind === 'escalation') {
        onRisky.add(e.source);
        onRisky.add(e.target);
      }
    }
  }
  const kept = new Set<string>();
  for (const n of input.nodes) {
    if (hidden.has(n.kind)) continue;
    if (filters.hideAwsManaged && n.awsManaged) continue;
    if (filters.riskyOnly && !onRisky.has(n.id)) continue;
    kept.add(n.id);
  }
  return kept;
}

/** The ids within `focus.hops` edges of `focus.id` (either direction), among `kept`. */
export function neighbourhood(input: GraphInput, kept: ReadonlySet<string>, focus: GraphFocus): Set<string> {
  const { incident } = adjacency(input);
  const out = new Set<string>();
  if (!kept.has(focus.id)) return out;
  const hops = Math.max(0, Math.min(MAX_FOCUS_HOPS, Math.floor(focus.hops)));
  out.add(focus.id);
  let frontier = [focus.id];
  for (let h = 0; h < hops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const ei of incident.get(id) ?? []) {
        const e = input.edges[ei];
        if (!e) continue;
        const other = e.source === id ? e.target : e.source;
        if (kept.has(other) && !out.has(other)) {
          out.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The cluster id of look-alike nodes with `signature`. */
function clusterId(signature: string): string {
  return 'cluster:' + signature;
}

/**
 * Groups of look-alike nodes among `kept`: same kind and exactly the same neighbours (by edge
 * kind and direction), at most `maxDegree` of them, not risky. Returns cluster id → member ids.
 */
export function findClusters(input: GraphInput, kept: ReadonlySet<string>, threshold = 25, maxDegree = 4): Map<string, string[]> {
  const clusters = new Map<string, string[]>();
  if (threshold <= 0) return clusters;
  const { byId, incident } = adjacency(input);
  const bySignature = new Map<string, string[]>();
  for (const id of kept) {
    const node = byId.get(id);
    if (!node || node.risky || node.kind === 'admin') continue;
    const parts = new Set<string>();
    let tooMany = false;
    for (const ei of incident.get(id) ?? []) {
      const e = input.edges[ei];
      if (!e || e.kind === 'escalation') {
        tooMany = true;
        break;
      }
      const out = e.source === id;
      const other = out ? e.target : e.source;
      if (!kept.has(other)) continue;
      parts.add(`${out ? '>' : '<'}${e.kind}:${other}`);
      if (parts.size > maxDegree) {
        tooMany = true;
        break;
      }
    }
    if (tooMany || parts.size === 0) continue;
    const signature = node.kind + '|' + [...parts].sort().join('|');
    const list = bySignature.get(signature);
    if (list) list.push(id);
    else bySignature.set(signature, [id]);
  }
  for (const [signature, members] of bySignature) {
    if (members.length >= threshold) clusters.set(clusterId(signature), members.sort());
  }
  return clusters;
}

/** A cluster's label, e.g. `312 roles`. */
function clusterLabel(kind: string, size: number): string {
  const noun = kind === 'identity-provider' ? 'identity providers' : kind === 'managed-policy' ? 'managed policies' : kind === 'inline-policy' ? 'inline policies' : kind.replace('-', ' ') + 's';
  return `${size} ${noun}`;
}

/** Builds the indexed scene: filters, then focus, then clusters (minus the expanded ones). */
export function buildScene(input: GraphInput, options: SceneOptions = {}): Scene {
  let kept = filterNodes(input, options.filters);
  if (options.focus) kept = neighbourhood(input, kept, options.focus);
  const clusters = findClusters(input, kept, options.clusterThreshold ?? 25, options.clusterMaxDegree ?? 4);
  const expanded = options.expanded ?? new Set<string>();

  const ids: string[] = [];
  const labels: string[] = [];
  const kindList: number[] = [];
  const groupList: number[] = [];
  const sizeList: number[] = [];
  const riskyList: number[] = [];
  const indexOf = new Map<string, number>();
  const nodeOf = new Map<string, number>();
  const members = new Map<string, readonly string[]>();
  const groupCodes = new Map<string, number>();
  const groupCode = (g: string | undefined): number => {
    if (g === undefined) return -1;
    let c = groupCodes.get(g);
    if (c === undefined) groupCodes.set(g, (c = groupCodes.size));
    return c;
  };

  const clusterOfMember = new Map<string, string>();
  for (const [cid, list] of clusters) {
    if (expanded.has(cid)) continue;
    for (const m of list) clusterOfMember.set(m, cid);
  }
  for (const n of input.nodes) {
    if (!kept.has(n.id) || nodeOf.has(n.id)) continue;
    const cid = clusterOfMember.get(n.id);
    if (cid !== undefined) {
      let ci = indexOf.get(cid);
      if (ci === undefined) {
        const list = clusters.get(cid) ?? [];
        ci = ids.length;
        indexOf.set(cid, ci);
        ids.push(cid);
        labels.push(clusterLabel(n.kind, list.length));
        kindList.push(nodeKindCode(n.kind));
        groupList.push(groupCode(n.group));
        sizeList.push(list.length);
        riskyList.push(0);
        members.set(cid, list);
      }
      nodeOf.set(n.id, ci);
      continue;
    }
    const i = ids.length;
    indexOf.set(n.id, i);
    nodeOf.set(n.id, i);
    ids.push(n.id);
    labels.push(n.label);
    kindList.push(nodeKindCode(n.kind));
    groupList.push(groupCode(n.group));
    sizeList.push(0);
    riskyList.push(n.risky ? 1 : 0);
  }

  const src: number[] = [];
  const dst: number[] = [];
  const ek: number[] = [];
  const methods: (string | undefined)[] = [];
  const seen = new Set<string>();
  // nodeOf holds kept input nodes only, so an edge with an end it lacks is not drawn.
  const isCluster = Uint8Array.from(sizeList, (size) => (size > 0 ? 1 : 0));
  for (const e of input.edges) {
    const s = nodeOf.get(e.source);
    const t = nodeOf.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    const k = edgeKindCode(e.kind);
    if (k < 0) continue;
    if (isCluster[s] === 1 || isCluster[t] === 1) {
      const key = `${s},${t},${k}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    src.push(s);
    dst.push(t);
    ek.push(k);
    methods.push(e.kind === EDGE_KINDS[4] ? e.method : undefined);
  }
  return {
    ids,
    labels,
    kinds: Uint8Array.from(kindList),
    groups: Int32Array.from(groupList),
    clusterSize: Int32Array.from(sizeList),
    risky: Uint8Array.from(riskyList),
    edgeSource: Int32Array.from(src),
    edgeTarget: Int32Array.from(dst),
    edgeKind: Uint8Array.from(ek),
    edgeMethod: methods,
    indexOf,
    nodeOf,
    members,
  };
}

/** Input nodes whose label or id contains `query` (case-insensitive): prefix matches first. */
export function searchNodes(input: GraphInput, query: string, limit = 20): GraphNodeInput[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const prefix: GraphNodeInput[] = [];
  const inner: GraphNodeInput[] = [];
  for (const n of input.nodes) {
    const label = n.label.toLowerCase();
    if (label.startsWith(q)) prefix.push(n);
    else if (label.includes(q) || n.id.toLowerCase().includes(q)) inner.push(n);
    if (prefix.length >= limit) break;
  }
  const byLabel = (a: GraphNodeInput, b: GraphNodeInput): number => a.label.length - b.label.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  return [...prefix.sort(byLabel), ...inner.sort(byLabel)].slice(0, limit);
}
