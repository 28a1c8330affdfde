// The escalation graph: nodes (principals, carriers, providers, services, external accounts and
// "admin"), edges (one escalation method each) and the shortest paths to admin. Plain readonly
// data; imports nothing.

/** What a node of the escalation graph stands for. */
export type GraphNodeKind = 'user' | 'role' | 'group' | 'saml-provider' | 'oidc-provider' | 'service' | 'external' | 'admin';

/** The id of the node every path ends at. */
export const ADMIN_NODE = 'admin';

/** One node: its id is an ARN, a service principal name, an external principal, or `admin`. */
export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** True when the principal is an admin (full permissions, or one IAM call away from them). */
  readonly admin: boolean;
}

/** One hop: `from` can become, or gain the powers of, `to` by one escalation method. */
export interface GraphEdge {
  readonly from: string;
  /** A node id; `admin` for a hop that gives administrator access directly. */
  readonly to: string;
  /** Stable rule id, e.g. `iam.create-policy-version`. */
  readonly method: string;
  /** The pathfinding.cloud id the rule maps to, or null. */
  readonly pathfindingId: string | null;
  /** The permissions the hop uses. */
  readonly permissions: readonly string[];
  /** True when the hop needs state the snapshot cannot show, or context it cannot know. */
  readonly conditional: boolean;
  /** The state or context needed, in words (empty for an unconditional hop). */
  readonly prerequisites: readonly string[];
  /** The entity acted on when it is neither `from` nor `to` (a policy, group or modified role). */
  readonly target?: string;
}

/** The escalation graph of one snapshot. */
export interface EscalationGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  /** ARNs of the admins: full administrators and shadow admins, sorted. */
  readonly admins: readonly string[];
  /** Admins whose effective permissions allow everything (not merely one call away). */
  readonly fullAdmins: readonly string[];
}

/** One step of a path, as `paths --json` prints it (SPEC.md). */
export interface PathStep {
  readonly from: string;
  readonly to: string;
  readonly method: string;
  readonly pathfindingId: string | null;
  readonly permissions: readonly string[];
  readonly conditional: boolean;
  readonly prerequisites: readonly string[];
  readonly target?: string;
}

/** The shortest escalation path of one principal to admin. */
export interface EscalationPath {
  readonly principal: string;
  /** True when any step is conditional. */
  readonly conditional: boolean;
  readonly steps: readonly PathStep[];
}

/** The output of `paths --json` (SPEC.md). */
export interface PathsReport {
  readonly admins: readonly string[];
  readonly paths: readonly EscalationPath[];
}
