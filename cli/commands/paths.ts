// `ariadne paths <snapshot...> [--from ARN] [--json]`: escalation paths to admin (SPEC.md
// `paths --json`). Imports core/ (via core/index.ts) and main/import; never electron.
import { parseArgs } from 'node:util';
import { buildEscalationGraph, findEscalationPaths, formatImportDiagnostic, type PathsReport, type PathStep } from '../../core/index';
import { readSnapshotFiles } from '../../main/import/index';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';

function usageError(message: string): CliError {
  return new CliError(`${message}: usage: ariadne ${command.usage}`);
}

function parse(args: string[]): { files: string[]; json: boolean; from: string | undefined } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, from: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    return { files: positionals, json: values.json === true, from: values.from };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(e);
    const tidy = message.replace(/'([^']*)'/g, '`$1`').replace(/\.$/, '');
    throw usageError(tidy.charAt(0).toLowerCase() + tidy.slice(1));
  }
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
  usage: 'paths <snapshot...> [--from ARN] [--json]',
  run: async (args, io) => {
    const { files, json, from } = parse(args);
    if (files.length === 0) throw usageError('no snapshot given');
    const result = await readSnapshotFiles(files);
    if (result.kind === 'error') {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0] ?? result.diagnostics[0];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '';
      throw new CliError(`${first ? formatImportDiagnostic(first) : 'cannot import the snapshot'}${more}`);
    }
    const graph = buildEscalationGraph(result.snapshot);
    if (from !== undefined && !graph.nodes.has(from)) throw new CliError(`--from: \`${from}\` is not a principal of the snapshot`);
    const report = findEscalationPaths(graph, from === undefined ? {} : { from });
    if (json) io.stdout(JSON.stringify(report) + '\n');
    else printText(report, io);
    return EXIT_OK;
  },
};
