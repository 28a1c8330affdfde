// Builds the account graph of a real (generated) snapshot file as the app draws it: imports it with
// main/import, analyses it with the app's own analysis (renderer/worker/analysis: escalation graph
// and rules), maps it with the app's buildGraphModel, and writes {graph, path, meta} as JSON for the
// graph bench page. Run by scripts/bench-graph.mjs: `tsx real-graph.ts INPUT OUTPUT`. Tooling only.
import { writeFileSync } from 'node:fs';
import { readSnapshotFiles } from '../../../main/import/index';
import { analyze } from '../../../renderer/worker/analysis';
import { buildGraphModel, type EscalationData } from '../../../renderer/worker/graph-model';
import type { GraphInput, PathStepInput } from '../../../renderer/graph/model';

/** What the bench page loads (`?graph=file`). */
export interface RealGraphFile {
  readonly graph: GraphInput;
  /** The steps of the longest escalation path among the findings (the app's path highlight). */
  readonly path: PathStepInput[];
  readonly meta: {
    readonly input: string;
    readonly importSeconds: number;
    readonly analysisSeconds: number;
    readonly modelSeconds: number;
    readonly escalationNodes: number;
    readonly escalationEdges: number;
    readonly paths: number;
    readonly findings: number;
  };
}

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  process.stderr.write('real-graph: usage: tsx real-graph.ts INPUT OUTPUT\n');
  process.exit(2);
}
const log = (line: string): void => void process.stderr.write(`bench:graph: ${line}\n`);
const seconds = (from: number): number => Math.round((performance.now() - from) / 10) / 100;

let t = performance.now();
log(`importing \`${input}\`…`);
const imported = await readSnapshotFiles([input]);
if (imported.kind !== 'ok') {
  log(`cannot import \`${input}\``);
  process.exit(1);
}
const snapshot = imported.snapshot;
const importSeconds = seconds(t);
log(`imported in ${importSeconds} s: ${snapshot.users.length} users, ${snapshot.groups.length} groups, ${snapshot.roles.length} roles, ${snapshot.policies.length} policies`);

t = performance.now();
let stageAt = t;
const data = analyze(snapshot, (p) => {
  const now = performance.now();
  log(`analysis: ${p.stage} (${Math.round((now - stageAt) / 100) / 10} s since the last stage)`);
  stageAt = now;
});
const analysisSeconds = seconds(t);
log(`analysed in ${analysisSeconds} s: ${data.escalation.nodes.length} escalation nodes, ${data.escalation.edges.length} edges, ${data.paths.length} paths, ${data.findings.length} findings`);

// The graph screen's mapping of the analysis to the escalation input (renderer/features/graph).
t = performance.now();
const escalation: EscalationData = { nodes: data.escalation.nodes, edges: data.escalation.edges, admins: data.admins, paths: data.paths };
const graph = buildGraphModel(snapshot, escalation);
const modelSeconds = seconds(t);
log(`graph model in ${modelSeconds} s: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);

// A path as the app draws one from a finding: the finding with the most steps (then the first id).
let path: PathStepInput[] = [];
for (const f of [...data.findings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
  const steps = f.evidence.steps;
  if (steps.length > path.length) path = steps.map((s) => ({ from: s.from, to: s.to, method: s.method }));
}

const file: RealGraphFile = {
  graph,
  path,
  meta: {
    input,
    importSeconds,
    analysisSeconds,
    modelSeconds,
    escalationNodes: data.escalation.nodes.length,
    escalationEdges: data.escalation.edges.length,
    paths: data.paths.length,
    findings: data.findings.length,
  },
};
writeFileSync(output, JSON.stringify(file));
