// Data transforms of the graph: filters, N-hop focus, clustering of look-alike nodes, search.
import { describe, expect, it } from 'vitest';
import { buildScene, filterNodes, findClusters, neighbourhood, searchNodes } from '../../../renderer/graph/scene';
import type { GraphInput } from '../../../renderer/graph/model';
import { smallGraph } from '../../bench/graph-view/synthetic';

const { graph } = smallGraph();
const A = 'arn:aws:iam::111122223333:';

describe('findClusters and buildScene', () => {
  it('gathers the 30 look-alike roles (one policy, trusted by Lambda) into one cluster node', () => {
    const clusters = findClusters(graph, new Set(graph.nodes.map((n) => n.id)));
    expect(clusters.size).toBe(1);
    const [members] = [...clusters.values()];
    expect(members).toHaveLength(30);
    const scene = buildScene(graph);
    expect(scene.ids.length).toBe(graph.nodes.length - 30 + 1);
    const cid = [...clusters.keys()][0] ?? '';
    const ci = scene.indexOf.get(cid) ?? -1;
    expect(scene.clusterSize[ci]).toBe(30);
    expect(scene.labels[ci]).toBe('30 roles');
    expect(scene.nodeOf.get(`${A}role/functions/fn-7`)).toBe(ci);
  });

  it('joins a cluster to the shared neighbours by one edge each', () => {
    const scene = buildScene(graph);
    const ci = scene.indexOf.get([...scene.members.keys()][0] ?? '') ?? -1;
    const incident = Array.from(scene.edgeSource.keys()).filter((e) => scene.edgeSource[e] === ci || scene.edgeTarget[e] === ci);
    expect(incident).toHaveLength(2);
  });

  it('opens an expanded cluster into its members', () => {
    const cid = [...buildScene(graph).members.keys()][0] ?? '';
    const scene = buildScene(graph, { expanded: new Set([cid]) });
    expect(scene.ids.length).toBe(graph.nodes.length);
    expect(scene.members.size).toBe(0);
  });

  it('does not cluster below the threshold, nor when clustering is off', () => {
    expect(buildScene(graph, { clusterThreshold: 31 }).members.size).toBe(0);
    expect(buildScene(graph, { clusterThreshold: 0 }).ids.length).toBe(graph.nodes.length);
  });

  it('never clusters risky nodes', () => {
    const risky: GraphInput = { ...graph, nodes: graph.nodes.map((n) => (n.id.includes('fn-') ? { ...n, risky: true } : n)) };
    expect(buildScene(risky).members.size).toBe(0);
  });

  it('keeps the method name of escalation edges only', () => {
    const scene = buildScene(graph);
    const methods = scene.edgeMethod.filter((m) => m !== undefined);
    expect(methods.sort()).toEqual(['iam:AttachRolePolicy', 'iam:PassRole+lambda:CreateFunction']);
  });

  it('drops edges whose ends are unknown', () => {
    const broken: GraphInput = { nodes: graph.nodes, edges: [...graph.edges, { source: 'nope', target: 'admin', kind: 'trust' }] };
    expect(buildScene(broken).edgeSource.length).toBe(buildScene(graph).edgeSource.length);
  });
});

describe('filterNodes', () => {
  it('hides AWS-managed policies', () => {
    const kept = filterNodes(graph, { hideAwsManaged: true });
    expect(kept.has('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(false);
    expect(kept.has(`${A}policy/deploy`)).toBe(true);
  });

  it('hides node kinds', () => {
    const kept = filterNodes(graph, { hiddenKinds: ['user', 'group'] });
    const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
    expect([...kept].some((id) => kindOf.get(id) === 'user' || kindOf.get(id) === 'group')).toBe(false);
    expect(kept.has(`${A}user/alice#inline-ci`)).toBe(true);
    expect(kept.has('admin')).toBe(true);
  });

  it('keeps only what is on a risky path', () => {
    expect([...filterNodes(graph, { riskyOnly: true })].sort()).toEqual(['admin', `${A}role/deployer`, `${A}user/alice`].sort());
  });
});

describe('neighbourhood', () => {
  const all = new Set(graph.nodes.map((n) => n.id));

  it('returns only the node itself at zero hops', () => {
    expect([...neighbourhood(graph, all, { id: `${A}user/alice`, hops: 0 })]).toEqual([`${A}user/alice`]);
  });

  it('follows edges both ways for one hop', () => {
    const near = neighbourhood(graph, all, { id: `${A}role/deployer`, hops: 1 });
    expect([...near].sort()).toEqual(['admin', 'arn:aws:iam::aws:policy/AdministratorAccess', 'lambda.amazonaws.com', `${A}role/deployer`, `${A}user/alice`].sort());
  });

  it('reaches further with two hops and respects the filters', () => {
    const two = neighbourhood(graph, all, { id: `${A}user/alice`, hops: 2 });
    expect(two.has(`${A}user/bob`)).toBe(true);
    const filtered = neighbourhood(graph, filterNodes(graph, { hiddenKinds: ['group'] }), { id: `${A}user/alice`, hops: 2 });
    expect(filtered.has(`${A}user/bob`)).toBe(false);
  });

  it('is empty for an unknown or filtered-out node, and builds a scene of the neighbourhood', () => {
    expect(neighbourhood(graph, all, { id: 'nope', hops: 3 }).size).toBe(0);
    const scene = buildScene(graph, { focus: { id: `${A}role/deployer`, hops: 1 } });
    expect(scene.ids.length).toBe(5);
  });
});

describe('searchNodes', () => {
  it('puts prefix matches first and matches ids too', () => {
    const hits = searchNodes(graph, 'de');
    expect(hits.map((n) => n.label).slice(0, 3)).toEqual(['deploy', 'deployer', 'developers']);
    expect(searchNodes(graph, '999988887777').map((n) => n.kind)).toEqual(['external-account']);
    expect(searchNodes(graph, '   ')).toEqual([]);
  });
});
