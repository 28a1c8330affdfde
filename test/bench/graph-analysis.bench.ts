// Benchmark of the full analysis of an account: import it, then compile effective access
// (core/access), build the escalation graph and every shortest path to admin, and run every
// finding rule, as `ariadne audit` does. Prints one JSON line `{"bench":"full-analysis",…}` per
// run with each stage's time, the CPU time and the peak memory. Asserts nothing about time.
// Run by `npm run bench`, or `npx tsx test/bench/graph-analysis.bench.ts [FILE] [--runs N]`.
import { existsSync } from 'node:fs';
import { readSnapshotFiles } from '../../main/import/index';
import { compileAccess } from '../../core/access/compile';
import { buildEscalationGraph } from '../../core/graph/build';
import { findEscalationPaths } from '../../core/graph/paths';
import { analyzeSnapshot } from '../../core/analyze/index';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : 1;
const path = args.find((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1)) ?? '.bench/large-seed1.json';
if (!existsSync(path)) {
  process.stderr.write(`graph-analysis.bench: \`${path}\` is missing: run \`npx tsx test/bench/generate.ts --size large --seed 1\`\n`);
  process.exit(1);
}
const imported = await readSnapshotFiles([path]);
if (imported.kind !== 'ok') {
  process.stderr.write(`graph-analysis.bench: cannot import \`${path}\`\n`);
  process.exit(1);
}
const snapshot = imported.snapshot;
const round = (x: number): number => Number(x.toFixed(3));
for (let run = 0; run < runs; run++) {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const access = compileAccess(snapshot);
  const t1 = performance.now();
  const graph = buildEscalationGraph(snapshot);
  const t2 = performance.now();
  const report = findEscalationPaths(graph);
  const t3 = performance.now();
  const analysis = analyzeSnapshot(snapshot, { escalation: { admins: graph.admins, fullAdmins: graph.fullAdmins, paths: report.paths } });
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    JSON.stringify({
      bench: 'full-analysis',
      input: path,
      run: run + 1,
      // Wall-clock seconds of each stage, and of all of them (the 10 s target of DESIGN.md).
      compileSeconds: round((t1 - t0) / 1000),
      graphSeconds: round((t2 - t1) / 1000),
      pathSeconds: round((t3 - t2) / 1000),
      rulesSeconds: round((t4 - t3) / 1000),
      seconds: round((t4 - t0) / 1000),
      // CPU time of this process (user + system): steadier than wall-clock time on a shared machine.
      cpuSeconds: round((cpu.user + cpu.system) / 1e6),
      principals: access.principals.length,
      nodes: graph.nodes.size,
      edges: graph.edges.length,
      admins: report.admins.length,
      paths: report.paths.length,
      findings: analysis.findings.length,
      peakRssMB: Math.round(peak / 1048576),
    }),
  );
}
