// The graph-model adapter: the demo account mapped to the graph engine's input (kinds, edges,
// risky flags), and the analysis the worker returns for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapshotText, type Snapshot } from '../../core/index';
import { analyze, analyzeBundle } from '../../renderer/worker/analysis';
import { buildGraphModel, labelOf, nodeKindOf } from '../../renderer/worker/graph-model';
import { createEngine } from '../../renderer/worker/engine';

const A = 'arn:aws:iam::111122223333:';
const demoText = readFileSync('examples/demo-account.json', 'utf8');

function demo(): Snapshot {
  const r = parseSnapshotText('demo-account.json', demoText);
  if (r.kind !== 'ok') throw new Error('demo: not a snapshot');
  return r.snapshot;
}

const snapshot = demo();
const analysis = analyze(snapshot);
const escalation = {
  nodes: analysis.escalation.nodes,
  edges: analysis.escalation.edges,
  admins: analysis.admins,
  paths: analysis.paths,
};
const model = buildGraphModel(snapshot, escalation);
const node = (id: string) => model.nodes.find((n) => n.id === id);
const hasEdge = (source: string, target: string, kind: string) =>
  model.edges.some((e) => e.source === source && e.target === target && e.kind === kind);

describe('the graph model of a snapshot', () => {
  it('maps core node kinds to the graph engine kinds', () => {
    expect(nodeKindOf('saml-provider')).toBe('identity-provider');
    expect(nodeKindOf('oidc-provider')).toBe('identity-provider');
    expect(nodeKindOf('external')).toBe('external-account');
    expect(nodeKindOf('role')).toBe('role');
    expect(nodeKindOf('admin')).toBe('admin');
  });

  it('has a node for every user, group, role and managed policy, with its kind and name', () => {
    expect(node(`${A}user/dan.kowalski`)).toMatchObject({ kind: 'user', label: 'dan.kowalski' });
    expect(node(`${A}group/developers`)).toMatchObject({ kind: 'group', label: 'developers' });
    expect(node(`${A}role/PlatformAdmin`)).toMatchObject({ kind: 'role', label: 'PlatformAdmin' });
    expect(node('arn:aws:iam::aws:policy/AdministratorAccess')).toMatchObject({
      kind: 'managed-policy',
      awsManaged: true,
    });
    expect(node(`${A}saml-provider/LarkspurOkta`)).toMatchObject({ kind: 'identity-provider' });
    expect(model.nodes.filter((n) => n.kind === 'user')).toHaveLength(snapshot.users.length);
  });

  it('builds membership, attachment, inline and trust edges from the entities', () => {
    expect(hasEdge(`${A}user/dan.kowalski`, `${A}group/developers`, 'membership')).toBe(true);
    expect(
      hasEdge(`${A}role/PlatformAdmin`, 'arn:aws:iam::aws:policy/AdministratorAccess', 'attachment'),
    ).toBe(true);
    expect(
      hasEdge(`${A}user/dan.kowalski`, `${A}user/dan.kowalski:inline/lambda-prototyping`, 'inline'),
    ).toBe(true);
    expect(node(`${A}user/dan.kowalski:inline/lambda-prototyping`)).toMatchObject({
      kind: 'inline-policy',
      label: 'lambda-prototyping',
    });
    expect(hasEdge('lambda.amazonaws.com', `${A}role/PlatformAdmin`, 'trust')).toBe(true);
    expect(hasEdge(`${A}role/ops-support`, `${A}role/PlatformAdmin`, 'trust')).toBe(true);
    expect(node('lambda.amazonaws.com')).toMatchObject({ kind: 'service' });
  });

  it('adds escalation edges with their method and the admin node', () => {
    const esc = model.edges.filter((e) => e.kind === 'escalation');
    expect(esc.length).toBe(analysis.escalation.edges.length - countDuplicates(analysis.escalation.edges));
    expect(esc.every((e) => typeof e.method === 'string' && e.method.length > 0)).toBe(true);
    expect(
      esc.some((e) => e.source === `${A}user/dan.kowalski` && e.method === 'lambda.create-function.invoke'),
    ).toBe(true);
    expect(node('admin')).toMatchObject({ kind: 'admin' });
  });

  it('flags the nodes of escalation paths and the admins as risky, and not the others', () => {
    expect(node(`${A}user/dan.kowalski`)?.risky).toBe(true);
    expect(node(`${A}user/automation/ci-release`)?.risky).toBe(true);
    expect(node(`${A}role/PlatformAdmin`)?.risky).toBe(true);
    expect(node(`${A}user/grace.hopkins`)?.risky).toBeUndefined();
    expect(node(`${A}group/auditors`)?.risky).toBeUndefined();
  });

  it('has every edge end among its nodes', () => {
    const ids = new Set(model.nodes.map((n) => n.id));
    expect(model.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(ids.size).toBe(model.nodes.length);
  });

  it('draws no escalation edge and flags nothing without the escalation graph', () => {
    const plain = buildGraphModel(snapshot);
    expect(plain.edges.some((e) => e.kind === 'escalation')).toBe(false);
    expect(plain.nodes.some((n) => n.risky)).toBe(false);
  });

  it('labels account roots and principal ARNs shortly', () => {
    expect(labelOf('arn:aws:iam::777788889999:root')).toBe('account 777788889999');
    expect(labelOf(`${A}role/service-role/orders-api-lambda`)).toBe('orders-api-lambda');
    expect(labelOf('admin')).toBe('administrator');
  });
});

describe('the analysis in the worker', () => {
  it('finds the demo answer key: PlatformAdmin an admin, dan.kowalski with a path, findings of every severity', () => {
    expect(analysis.admins).toContain(`${A}role/PlatformAdmin`);
    expect(analysis.fullAdmins).toContain(`${A}role/PlatformAdmin`);
    expect(analysis.paths.some((p) => p.principal === `${A}user/dan.kowalski`)).toBe(true);
    expect(analysis.summary.critical).toBeGreaterThan(0);
    expect(
      analysis.findings.some(
        (f) => f.rule === 'escalation.path.admin' && f.principal === `${A}user/dan.kowalski`,
      ),
    ).toBe(true);
    expect(analysis.rules.find((r) => r.id === 'escalation.path.admin')?.docs.length).toBeGreaterThan(0);
  });

  it('survives a structured clone (what the worker sends and the library stores)', () => {
    expect(structuredClone(analysis)).toEqual(analysis);
  });

  it('analyses a stored bundle with progress, and refuses an unreadable one', () => {
    const stages: string[] = [];
    const r = analyzeBundle(demoText, (p) => stages.push(p.stage));
    expect(r.kind === 'ok' && r.data.findings.length).toBe(analysis.findings.length);
    expect(stages).toEqual([
      'reading the snapshot',
      'building the escalation graph',
      'running the rules',
      'done',
    ]);
    expect(analyzeBundle('{"not": "a snapshot"}')).toEqual({
      kind: 'error',
      message: 'the stored snapshot is unreadable',
    });
  });

  it('builds the graph model in the engine for an open snapshot', async () => {
    const engine = createEngine();
    expect(engine.graphModel('x')).toBeUndefined();
    const opened = await engine.open('s1', demoText);
    expect(opened.kind).toBe('ok');
    const g = engine.graphModel('s1', escalation);
    expect(g?.nodes.length).toBe(model.nodes.length);
    expect(typeof engine.engineVersion()).toBe('string');
  });
});

function countDuplicates(edges: readonly { from: string; to: string; method: string }[]): number {
  const seen = new Set<string>();
  let d = 0;
  for (const e of edges) {
    const k = `${e.from}|${e.to}|${e.method}`;
    if (seen.has(k) || e.from === e.to) d++;
    seen.add(k);
  }
  return d;
}
