// Benchmark of the escalation graph: import the generated large account, build the graph (rules,
// oracle compile on demand) and every shortest path to admin; prints one JSON line
// `{"bench":"escalation-graph",…}`. Asserts nothing about time. Run by `npm run bench`, or
// `npx tsx test/bench/graph-analysis.bench.ts [FILE]`.
import { existsSync } from 'node:fs';
import { readSnapshotFiles } from '../../main/import/index';
import { buildEscalationGraph } from '../../core/graph/build';
import { findEscalationPaths } from '../../core/graph/paths';

const path = process.argv[2] ?? '.bench/large-seed1.json';
if (!existsSync(path)) {
  process.stderr.write(`graph-analysis.bench: \`${path}\` is missing: run \`npx tsx test/bench/generate.ts --size large --seed 1\`\n`);
  process.exit(1);
}
const imported = await readSnapshotFiles([path]);
if (imported.kind !== 'ok') {
  process.stderr.write(`graph-analysis.bench: cannot import \`${path}\`\n`);
  process.exit(1);
}
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const graph = buildEscalationGraph(imported.snapshot);
const t1 = performance.now();
const report = findEscalationPaths(graph);
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const round = (x: number): number => Number(x.toFixed(3));
console.log(
  JSON.stringify({
    bench: 'escalation-graph',
    input: path,
    seconds: round((t2 - t0) / 1000),
    graphSeconds: round((t1 - t0) / 1000),
    pathSeconds: round((t2 - t1) / 1000),
    // CPU time of this process (user + system): steadier than wall-clock time on a shared machine.
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    nodes: graph.nodes.size,
    edges: graph.edges.length,
    admins: report.admins.length,
    paths: report.paths.length,
    peakRssMB: Math.round(peak / 1048576),
  }),
);
