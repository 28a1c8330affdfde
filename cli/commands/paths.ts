// `ariadne paths <snapshot...> [--from ARN] [--json]`: escalation paths to admin (SPEC.md
// `paths --json`). Imports core/ (via core/index.ts) and main/import; never electron.
import { buildEscalationGraph, findEscalationPaths, type PathsReport, type PathStep } from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';
import { loadSnapshot } from '../snapshot-loader';

function parse(args: string[]): { files: string[]; json: boolean; from: string | undefined; partial: boolean } {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean', default: false }, from: { type: 'string' }, ...PARTIAL_OPTION },
    command.usage,
  );
  return { files: positionals, json: values.json === true, from: values.from, partial: values.partial === true };
}

function stepLine(s: PathStep): string {
  const id = s.pathfindingId === null ? s.method : `${s.method}, ${s.pathfindingId}`;
  const via = s.target === undefined ? '' : ` on ${s.target}`;
  const cond = s.conditional ? ' [conditional]' : '';
  const lines = [`    → ${s.to}  (${id}: ${s.permissions.join(' + ')}${via})${cond}`];
  for (const p of s.prerequisites) lines.push(`        prerequisite: ${p}`);
  return lines.join('\n');
}

function printText(report: PathsReport, io: CliIo): void {
  const lines: string[] = [`admins (${report.admins.length})`, ...report.admins.map((a) => `  ${a}`), ''];
  lines.push(`escalation paths (${report.paths.length})`);
  for (const p of report.paths) {
    lines.push(`  ${p.principal}${p.conditional ? '  [conditional]' : ''}`);
    for (const s of p.steps) lines.push(stepLine(s));
  }
  if (report.paths.length === 0) lines.push('  none');
  io.stdout(lines.join('\n') + '\n');
}

/** The `paths` command. */
export const command: Command = {
  summary: 'escalation paths to admin',
  usage: 'paths <snapshot...> [--from ARN] [--json] [--partial]',
  run: async (args, io) => {
    const { files, json, from, partial } = parse(args);
    if (files.length === 0) throw usageError('no snapshot given', command.usage);
    const result = await loadSnapshot(files, { partial });
    const graph = buildEscalationGraph(result.snapshot);
    if (from !== undefined && !graph.nodes.has(from)) throw new CliError(`--from: \`${from}\` is not a principal of the snapshot`);
    const report = findEscalationPaths(graph, from === undefined ? {} : { from });
    if (json) io.stdout(JSON.stringify(report) + '\n');
    else printText(report, io);
    return EXIT_OK;
  },
};
