// Maps a snapshot and its escalation graph to the graph engine's input model (renderer/graph/model):
// identities, policies, providers, services and external accounts as nodes; membership, attachment,
// inline, trust and escalation edges; `risky` on every node of an escalation path. Runs in the
// engine worker; imports core types only, and the graph model's types.
import type { Snapshot, PolicyPrincipal, GraphNodeKind } from '../../core/index';
import type { GraphEdgeInput, GraphInput, GraphNodeInput, NodeKind } from '../graph/model';

/** The escalation graph as the analysis keeps it: plain nodes, edges and paths. */
export interface EscalationData {
  readonly nodes: readonly { readonly id: string; readonly kind: GraphNodeKind }[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly method: string }[];
  readonly admins: readonly string[];
  readonly paths: readonly {
    readonly principal: string;
    readonly steps: readonly { readonly from: string; readonly to: string }[];
  }[];
}

/** The graph engine's node kind of an escalation-graph node kind. */
export function nodeKindOf(kind: GraphNodeKind): NodeKind {
  switch (kind) {
    case 'saml-provider':
    case 'oidc-provider':
      return 'identity-provider';
    case 'external':
      return 'external-account';
    default:
      return kind;
  }
}

const ACCOUNT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/** A short label for an ARN or principal name: the last path segment, or the account id. */
export function labelOf(id: string): string {
  if (id === 'admin') return 'administrator';
  const account = ACCOUNT_ARN.exec(id);
  if (account) return `account ${account[1]}`;
  if (/^\d{12}$/.test(id)) return `account ${id}`;
  const slash = id.lastIndexOf('/');
  if (slash >= 0 && slash < id.length - 1) return id.slice(slash + 1);
  return id;
}

function pathGroup(path: string): string | undefined {
  return path && path !== '/' ? path : undefined;
}

/** The principals named in a principal element, with the node kind each stands for. */
function principalsOf(p: PolicyPrincipal | undefined): { id: string; kind: NodeKind }[] {
  if (p === undefined) return [];
  if (p === '*') return [{ id: '*', kind: 'external-account' }];
  const out: { id: string; kind: NodeKind }[] = [];
  for (const [type, values] of Object.entries(p)) {
    for (const v of values) {
      if (type === 'Service') out.push({ id: v, kind: 'service' });
      else if (type === 'Federated') out.push({ id: v, kind: 'identity-provider' });
      else if (type === 'AWS')
        out.push({ id: /^\d{12}$/.test(v) ? `arn:aws:iam::${v}:root` : v, kind: 'external-account' });
    }
  }
  return out;
}

/** Builds the graph engine's input from a snapshot and (when computed) its escalation graph. */
export function buildGraphModel(snapshot: Snapshot, escalation?: EscalationData): GraphInput {
  const nodes = new Map<string, GraphNodeInput>();
  const edges: GraphEdgeInput[] = [];
  const seenEdges = new Set<string>();
  const addNode = (n: GraphNodeInput): void => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
  };
  const addEdge = (e: GraphEdgeInput): void => {
    const key = `${e.kind}\u0000${e.source}\u0000${e.target}\u0000${e.method ?? ''}`;
    if (seenEdges.has(key) || e.source === e.target) return;
    seenEdges.add(key);
    edges.push(e);
  };

  for (const u of snapshot.users)
    addNode({ id: u.arn, kind: 'user', label: u.name, ...optional('group', pathGroup(u.path)) });
  for (const g of snapshot.groups)
    addNode({ id: g.arn, kind: 'group', label: g.name, ...optional('group', pathGroup(g.path)) });
  for (const r of snapshot.roles)
    addNode({ id: r.arn, kind: 'role', label: r.name, ...optional('group', pathGroup(r.path)) });
  for (const p of snapshot.policies)
    addNode({
      id: p.arn,
      kind: 'managed-policy',
      label: p.name,
      awsManaged: p.awsManaged,
      ...optional('group', p.awsManaged ? 'aws-managed' : pathGroup(p.path)),
    });
  for (const p of snapshot.identityProviders.saml)
    addNode({ id: p.arn, kind: 'identity-provider', label: labelOf(p.arn) });
  for (const p of snapshot.identityProviders.oidc)
    addNode({ id: p.arn, kind: 'identity-provider', label: labelOf(p.arn) });

  for (const u of snapshot.users) {
    for (const g of snapshot.groupsOfUser.get(u.arn) ?? [])
      addEdge({ source: u.arn, target: g, kind: 'membership' });
  }
  for (const owner of [...snapshot.users, ...snapshot.groups, ...snapshot.roles]) {
    for (const a of owner.attachedPolicies) {
      if (!nodes.has(a.arn))
        addNode({
          id: a.arn,
          kind: 'managed-policy',
          label: a.name,
          awsManaged: a.arn.includes(':aws:policy/'),
        });
      addEdge({ source: owner.arn, target: a.arn, kind: 'attachment' });
    }
    for (const p of owner.inlinePolicies) {
      const id = `${owner.arn}:inline/${p.name}`;
      addNode({ id, kind: 'inline-policy', label: p.name, group: owner.arn });
      addEdge({ source: owner.arn, target: id, kind: 'inline' });
    }
  }
  for (const r of snapshot.roles) {
    for (const st of r.trustPolicy?.document.Statement ?? []) {
      if (st.Effect !== 'Allow') continue;
      for (const p of principalsOf(st.Principal)) {
        const known = snapshot.byArn.get(p.id);
        const kind: NodeKind =
          known?.kind === 'user' || known?.kind === 'role' || known?.kind === 'group' ? known.kind : p.kind;
        if (!nodes.has(p.id)) addNode({ id: p.id, kind, label: p.id === '*' ? 'anyone (*)' : labelOf(p.id) });
        addEdge({ source: p.id, target: r.arn, kind: 'trust' });
      }
    }
  }

  const risky = new Set<string>();
  if (escalation) {
    for (const n of escalation.nodes)
      if (!nodes.has(n.id)) addNode({ id: n.id, kind: nodeKindOf(n.kind), label: labelOf(n.id) });
    for (const e of escalation.edges) {
      for (const id of [e.from, e.to])
        if (!nodes.has(id))
          addNode({ id, kind: id === 'admin' ? 'admin' : 'external-account', label: labelOf(id) });
      addEdge({ source: e.from, target: e.to, kind: 'escalation', method: e.method });
    }
    for (const p of escalation.paths) {
      risky.add(p.principal);
      for (const s of p.steps) risky.add(s.from).add(s.to);
    }
    for (const a of escalation.admins) risky.add(a);
  }
  const out = [...nodes.values()].map((n) => (risky.has(n.id) ? { ...n, risky: true } : n));
  return { nodes: out, edges };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
