// The graph engine's own input model (nodes, edges, path steps, filters) and the indexed scene
// the layout, painter and hit testing share. Pure data and functions: imports no React, no DOM
// and no core code at run time (an adapter maps core's entity graph to GraphInput).

/** What a node stands for. */
export type NodeKind =
  | 'user'
  | 'group'
  | 'role'
  | 'managed-policy'
  | 'inline-policy'
  | 'identity-provider'
  | 'service'
  | 'external-account'
  | 'admin';

/** What an edge stands for. */
export type EdgeKind = 'membership' | 'attachment' | 'inline' | 'trust' | 'escalation';

/** Every node kind, in legend order; a kind's index is its code in typed arrays. */
export const NODE_KINDS: readonly NodeKind[] = [
  'user',
  'group',
  'role',
  'managed-policy',
  'inline-policy',
  'identity-provider',
  'service',
  'external-account',
  'admin',
];

/** Every edge kind, in legend (and painting) order; a kind's index is its code in typed arrays. */
export const EDGE_KINDS: readonly EdgeKind[] = ['attachment', 'inline', 'membership', 'trust', 'escalation'];

/** One node of the input graph. */
export interface GraphNodeInput {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** A grouping key (e.g. the path or the owning team): nodes sharing it start near each other. */
  readonly group?: string;
  /** True for an AWS-managed policy (hidden by the `hideAwsManaged` filter). */
  readonly awsManaged?: boolean;
  /** True when the node is on a risky (escalation) path. */
  readonly risky?: boolean;
}

/** One edge of the input graph, from `source` to `target`. */
export interface GraphEdgeInput {
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  /** The escalation method's name, for `escalation` edges. */
  readonly method?: string;
}

/** The graph the engine draws. */
export interface GraphInput {
  readonly nodes: readonly GraphNodeInput[];
  readonly edges: readonly GraphEdgeInput[];
}

/** One step of a path to highlight (the shape of core's PathStep, reduced). */
export interface PathStepInput {
  readonly from: string;
  readonly to: string;
  readonly method: string;
}

/** What the view hides. */
export interface GraphFilters {
  /** Node kinds not drawn. */
  readonly hiddenKinds?: readonly NodeKind[];
  /** Only nodes on a risky path (flagged `risky`, or an end of an escalation edge). */
  readonly riskyOnly?: boolean;
  /** Hide AWS-managed policies. */
  readonly hideAwsManaged?: boolean;
}

/** Focus mode: only the nodes within `hops` edges (either direction) of `id`. */
export interface GraphFocus {
  readonly id: string;
  readonly hops: number;
}

/** The indexed, filtered and clustered graph the engine lays out and paints. */
export interface Scene {
  /** Scene node ids (input ids, or `cluster:…` for a cluster node). */
  readonly ids: readonly string[];
  readonly labels: readonly string[];
  /** Node kind codes (index into NODE_KINDS); a cluster has its members' kind. */
  readonly kinds: Uint8Array;
  /** Group codes (for initial placement); -1 when none. */
  readonly groups: Int32Array;
  /** Number of members of a cluster node; 0 for an ordinary node. */
  readonly clusterSize: Int32Array;
  /** 1 when the node is risky. */
  readonly risky: Uint8Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Edge kind codes (index into EDGE_KINDS). */
  readonly edgeKind: Uint8Array;
  readonly edgeMethod: readonly (string | undefined)[];
  /** Scene index of a scene id. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Scene index of an input node id (a clustered node maps to its cluster). */
  readonly nodeOf: ReadonlyMap<string, number>;
  /** Member ids of each cluster node, by scene id. */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

/** The code of a node kind. */
export function nodeKindCode(kind: NodeKind): number {
  return NODE_KINDS.indexOf(kind);
}

/** The code of an edge kind. */
export function edgeKindCode(kind: EdgeKind): number {
  return EDGE_KINDS.indexOf(kind);
}
