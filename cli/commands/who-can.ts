// `ariadne who-can <snapshot> --action A --resource ARN [--context k=v]… [--strict] [--json]
// [--session-policy FILE] [--endpoint-policy FILE]…`: every principal of the snapshot that may make
// the request (SPEC.md "Commands"), optionally through sessions limited by a session policy and
// through VPC endpoints with the given policies. Imports core/ (via core/index.ts), node:fs and
// main/import; never electron.
import { readFileSync } from 'node:fs';
import {
  AccessError,
  compileAccess,
  formatDiagnostic,
  getCatalog,
  normalizePolicyDocument,
  parseContextArgs,
  parsePolicyText,
  whoCan,
  type PolicyDocument,
  type CompiledAccess,
  type RequiredCondition,
  type WhoCanEntry,
} from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';
import { loadSnapshot } from '../snapshot-loader';

interface WhoCanArgs {
  files: string[];
  action: string;
  resource: string;
  context: string[];
  strict: boolean;
  json: boolean;
  partial: boolean;
  sessionPolicy: string | undefined;
  endpointPolicies: string[];
}

/** The options naming policy files that apply to every evaluation of `can` and `who-can`. */
export const QUERY_POLICY_OPTIONS = {
  'session-policy': { type: 'string' },
  'endpoint-policy': { type: 'string', multiple: true },
} as const;

/**
 * Reads a policy document from a file given with `option` (JSON, or URL-encoded JSON as the IAM
 * API returns it); a missing file or a malformed document is a bad input (CliError, exit 2).
 */
export function readPolicyFile(option: string, path: string): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`--${option}: \`${path}\`: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`);
  }
  const parsed = parsePolicyText(text, path);
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first) throw new CliError(`--${option}: ${formatDiagnostic(first)}`);
  const normalized = normalizePolicyDocument(parsed.value, path);
  const bad = normalized.diagnostics.find((d) => d.severity === 'error');
  if (bad || !normalized.document)
    throw new CliError(`--${option}: ${bad ? formatDiagnostic(bad) : `\`${path}\`: not a policy document`}`);
  return normalized.document;
}

/** The session and endpoint policies the options name, read. */
export function queryPolicies(
  sessionPolicy: string | undefined,
  endpointPolicies: readonly string[],
): { session?: PolicyDocument; endpoint?: PolicyDocument[] } {
  return {
    ...(sessionPolicy === undefined ? {} : { session: readPolicyFile('session-policy', sessionPolicy) }),
    ...(endpointPolicies.length === 0
      ? {}
      : { endpoint: endpointPolicies.map((f) => readPolicyFile('endpoint-policy', f)) }),
  };
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
      ...QUERY_POLICY_OPTIONS,
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
    sessionPolicy: values['session-policy'],
    endpointPolicies: values['endpoint-policy'] ?? [],
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
  usage:
    'who-can <snapshot> --action A --resource ARN [--context k=v]... [--strict] [--session-policy FILE] [--endpoint-policy FILE]... [--json] [--partial]',
  run: async (args: string[], io: CliIo) => {
    const a = parse(args);
    let context;
    try {
      context = parseContextArgs(a.context);
    } catch (e) {
      if (e instanceof AccessError) throw usageError(e.message, command.usage);
      throw e;
    }
    const policies = queryPolicies(a.sessionPolicy, a.endpointPolicies);
    const { snapshot } = await loadSnapshot(a.files, { partial: a.partial });
    const compiled = compileAccess(snapshot);
    printAccessWarnings('who-can', compiled, io);
    if (getCatalog().actionId(a.action) === undefined) {
      io.stderr(
        `ariadne who-can: warning: action \`${a.action}\` is not in the action catalogue; every principal was evaluated\n`,
      );
    }
    let result;
    try {
      result = whoCan(compiled, {
        action: a.action,
        resource: a.resource,
        context,
        strict: a.strict,
        ...policies,
      });
    } catch (e) {
      // A session or endpoint policy the evaluator cannot compile.
      if (e instanceof AccessError) throw new CliError(e.message);
      throw e;
    }
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
    const through = [
      ...(policies.session ? ['sessions limited by the session policy'] : []),
      ...(policies.endpoint ? [`${policies.endpoint.length === 1 ? 'the VPC endpoint' : 'VPC endpoints'} given`] : []),
    ];
    const lines = [
      `who can ${a.action} on ${a.resource}${through.length > 0 ? ` through ${through.join(' and ')}` : ''}: ${allowed} allowed${a.strict ? '' : `, ${conditional} conditional`} (${compiled.principals.length} users and roles in the snapshot)`,
      ...result.principals.map(describeEntry),
    ];
    io.stdout(lines.join('\n') + '\n');
    return EXIT_OK;
  },
};
