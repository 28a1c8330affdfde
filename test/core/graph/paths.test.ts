// Path search over hand-built graphs: shortest paths, preference for unconditional hops, cycles,
// the --from filter, and what counts as a source.
import { describe, expect, it } from 'vitest';
import { findEscalationPaths } from '../../../core/graph/paths';
import type { EscalationGraph, GraphEdge, GraphNode, GraphNodeKind } from '../../../core/model/graph';

function graph(nodes: [string, GraphNodeKind][], edges: [string, string, boolean][], fullAdmins: string[] = [], admins: string[] = fullAdmins): EscalationGraph {
  const map = new Map<string, GraphNode>([['admin', { id: 'admin', kind: 'admin', admin: true }]]);
  for (const [id, kind] of nodes) map.set(id, { id, kind, admin: admins.includes(id) });
  const es: GraphEdge[] = edges.map(([from, to, conditional]) => ({
    from,
    to,
    method: 'sts.assume-role',
    pathfindingId: 'sts-001',
    permissions: ['sts:AssumeRole'],
    conditional,
    prerequisites: conditional ? ['something'] : [],
  }));
  return { nodes: map, edges: es, admins, fullAdmins };
}

describe('findEscalationPaths', () => {
  it('finds the shortest path and stops at a full administrator', () => {
    const g = graph([['u', 'user'], ['r1', 'role'], ['r2', 'role'], ['boss', 'role']], [['u', 'r1', false], ['r1', 'r2', false], ['r2', 'boss', false], ['u', 'r2', false]], ['boss']);
    const r = findEscalationPaths(g);
    expect(r.paths.find((p) => p.principal === 'u')?.steps.map((s) => s.to)).toEqual(['r2', 'boss']);
    expect(r.paths.find((p) => p.principal === 'boss')).toBeUndefined();
  });

  it('prefers any number of unconditional hops to one conditional hop', () => {
    const g = graph([['u', 'user'], ['a', 'role'], ['b', 'role'], ['boss', 'role']], [['u', 'boss', true], ['u', 'a', false], ['a', 'b', false], ['b', 'boss', false]], ['boss']);
    const p = findEscalationPaths(g).paths.find((x) => x.principal === 'u')!;
    expect(p.conditional).toBe(false);
    expect(p.steps).toHaveLength(3);
  });

  it('marks a path conditional when its only route has a conditional hop', () => {
    const g = graph([['u', 'user'], ['boss', 'role']], [['u', 'boss', true]], ['boss']);
    expect(findEscalationPaths(g).paths[0]).toMatchObject({ principal: 'u', conditional: true });
  });

  it('terminates on cycles and leaves principals that cannot reach admin out', () => {
    const g = graph([['u', 'user'], ['a', 'role'], ['b', 'role']], [['u', 'a', false], ['a', 'b', false], ['b', 'a', false]]);
    expect(findEscalationPaths(g).paths).toEqual([]);
  });

  it('gives shadow admins their one-call path and skips services and groups as sources', () => {
    const g = graph([['u', 'user'], ['lambda.amazonaws.com', 'service'], ['g', 'group'], ['boss', 'role']], [['u', 'admin', false], ['lambda.amazonaws.com', 'boss', false], ['g', 'admin', false]], ['boss'], ['boss', 'u']);
    const r = findEscalationPaths(g);
    expect(r.paths.map((p) => p.principal)).toEqual(['u']);
    expect(r.admins).toEqual(['boss', 'u']);
  });

  it('returns only the principal asked for with `from`', () => {
    const g = graph([['u', 'user'], ['v', 'user'], ['boss', 'role']], [['u', 'boss', false], ['v', 'boss', false]], ['boss']);
    expect(findEscalationPaths(g, { from: 'v' }).paths.map((p) => p.principal)).toEqual(['v']);
  });
});
