// `ariadne who-can <snapshot> --action A --resource ARN [--context k=v]… [--strict] [--json]`:
// every principal of the snapshot that may make the request (SPEC.md "Commands").
// Imports core/ (via core/index.ts) and main/import; never electron.
import {
  AccessError,
  compileAccess,
  formatDiagnostic,
  getCatalog,
  parseContextArgs,
  whoCan,
  type CompiledAccess,
  type RequiredCondition,
  type WhoCanEntry,
} from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import type { Command } from '../index';
import { EXIT_OK, type CliIo } from '../io';
import { loadSnapshot } from '../snapshot-loader';

interface WhoCanArgs {
  files: string[];
  action: string;
  resource: string;
  context: string[];
  strict: boolean;
  json: boolean;
  partial: boolean;
}

function parse(args: string[]): WhoCanArgs {
  const parsed = parseCommandArgs(
    args,
    {
      action: { type: 'string' },
      resource: { type: 'string' },
      context: { type: 'string', multiple: true },
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...PARTIAL_OPTION,
    },
    command.usage,
  );
  const { values, positionals } = parsed;
  const usage = command.usage;
  if (positionals.length === 0) throw usageError('no snapshot given', usage);
  if (values.action === undefined || values.action === '') throw usageError('--action is required', usage);
  if (values.resource === undefined || values.resource === '') throw usageError('--resource is required', usage);
  return {
    files: positionals,
    action: values.action,
    resource: values.resource,
    context: values.context ?? [],
    strict: values.strict === true,
    json: values.json === true,
    partial: values.partial === true,
  };
}

/** Prints the compile warnings (policies the snapshot references but lacks…) on stderr, at most a few. */
export function printAccessWarnings(name: string, compiled: CompiledAccess, io: CliIo): void {
  const shown = 5;
  const warnings = compiled.diagnostics;
  for (const d of warnings.slice(0, shown)) io.stderr(`ariadne ${name}: warning: ${formatDiagnostic(d)}\n`);
  if (warnings.length > shown) io.stderr(`ariadne ${name}: warning: … and ${warnings.length - shown} more\n`);
}

/** A condition in words: `aws:MultiFactorAuthPresent Bool true`, or `not (…)` for a Deny's condition to avoid. */
export function describeCondition(c: RequiredCondition): string {
  const text = `${c.key} ${c.operator} ${c.values.join(' | ')}`;
  return c.requirement === 'satisfy' ? text : `not (${text})`;
}

function describeEntry(e: WhoCanEntry): string {
  const notes: string[] = [];
  if (e.via === 'resource') notes.push('through the resource policy');
  if (e.external) notes.push("outside the snapshot: its own account's policies must allow too");
  if (e.decision === 'conditional') notes.push(`needs ${e.conditions.map(describeCondition).join(' and ')}`);
  return `  ${e.decision.padEnd(12)} ${e.kind.padEnd(9)} ${e.arn}${notes.length > 0 ? `\n      ${notes.join('; ')}` : ''}`;
}

/** The `who-can` command. */
export const command: Command = {
  summary: 'every principal of the snapshot that may make the request',
  usage: 'who-can <snapshot> --action A --resource ARN [--context k=v]... [--strict] [--json] [--partial]',
  run: async (args: string[], io: CliIo) => {
    const a = parse(args);
    let context;
    try {
      context = parseContextArgs(a.context);
    } catch (e) {
      if (e instanceof AccessError) throw usageError(e.message, command.usage);
      throw e;
    }
    const { snapshot } = await loadSnapshot(a.files, { partial: a.partial });
    const compiled = compileAccess(snapshot);
    printAccessWarnings('who-can', compiled, io);
    if (getCatalog().actionId(a.action) === undefined) {
      io.stderr(
        `ariadne who-can: warning: action \`${a.action}\` is not in the action catalogue; every principal was evaluated\n`,
      );
    }
    const result = whoCan(compiled, { action: a.action, resource: a.resource, context, strict: a.strict });
    if (a.json) {
      const out = {
        action: result.action,
        resource: result.resource,
        principals: result.principals.map((p) => ({
          arn: p.arn,
          decision: p.decision,
          conditions: p.conditions,
          kind: p.kind,
          external: p.external,
          via: p.via,
        })),
      };
      io.stdout(JSON.stringify(out) + '\n');
      return EXIT_OK;
    }
    const allowed = result.principals.filter((p) => p.decision === 'allowed').length;
    const conditional = result.principals.length - allowed;
    const lines = [
      `who can ${a.action} on ${a.resource}: ${allowed} allowed${a.strict ? '' : `, ${conditional} conditional`} (${compiled.principals.length} users and roles in the snapshot)`,
      ...result.principals.map(describeEntry),
    ];
    io.stdout(lines.join('\n') + '\n');
    return EXIT_OK;
  },
};
