// `ariadne can <snapshot...> --principal ARN --action A --resource ARN [--context k=v]… [--json]
// [--session-policy FILE] [--endpoint-policy FILE]…`: one decision with its explanation, from the
// policies the snapshot holds for the principal, plus a session policy and VPC endpoint policies
// when given. Imports core/ (via core/index.ts) and main/import; never electron.
import {
  compilePolicySet,
  evaluateRequest,
  AccessError,
  formatDiagnostic,
  gatherPolicies,
  parseContextArgs,
  type ContextValue,
  type EvaluationResult,
  type LayerResult,
  type StatementResult,
} from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';
import { loadSnapshot } from '../snapshot-loader';
import { QUERY_POLICY_OPTIONS, queryPolicies } from './who-can';

interface CanArgs {
  files: string[];
  principal: string;
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
  json: boolean;
  partial: boolean;
  sessionPolicy: string | undefined;
  endpointPolicies: string[];
}

function parse(args: string[]): CanArgs {
  const usage = command.usage;
  const { values, positionals } = parseCommandArgs(
    args,
    {
      principal: { type: 'string' },
      action: { type: 'string' },
      resource: { type: 'string' },
      context: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      ...QUERY_POLICY_OPTIONS,
      ...PARTIAL_OPTION,
    },
    usage,
  );
  if (positionals.length === 0) throw usageError('no snapshot given', usage);
  for (const k of ['principal', 'action', 'resource'] as const) if (!values[k]) throw usageError(`missing --${k}`, usage);
  let context: Record<string, ContextValue>;
  try {
    context = parseContextArgs(values.context ?? []);
  } catch (e) {
    if (e instanceof AccessError) throw usageError(e.message, usage);
    throw e;
  }
  return {
    files: positionals,
    principal: values.principal!,
    action: values.action!,
    resource: values.resource!,
    context,
    json: values.json === true,
    partial: values.partial === true,
    sessionPolicy: values['session-policy'],
    endpointPolicies: values['endpoint-policy'] ?? [],
  };
}

function policyOf(statementId: string): string {
  return statementId.slice(0, statementId.indexOf('.Statement'));
}

function describeStatement(st: StatementResult, sources: { readonly [id: string]: string }): string {
  const source = sources[policyOf(st.id)];
  return `${st.id}${st.sid ? ` (Sid \`${st.sid}\`)` : ''}${source ? `: ${source}` : ''}`;
}

function why(st: StatementResult): string | undefined {
  const o = st.outcome;
  if (o.kind === 'matched' || (o.kind === 'notMatched' && (o.element === 'Action' || o.element === 'NotAction'))) return undefined;
  if (o.kind === 'notMatched') return `${o.element} does not match${o.missingVariables.length > 0 ? ` (missing ${o.missingVariables.join(', ')})` : ''}`;
  const failed = o.conditions.filter((c) => !c.matched);
  return failed
    .map((c) => `condition ${c.operator} ${c.key} ${JSON.stringify(c.policyValues)} vs ${c.missing ? 'missing' : JSON.stringify(c.requestValue)}`)
    .join('; ');
}

function verdictText(l: LayerResult): string {
  const v = l.verdict;
  switch (v.kind) {
    case 'notApplicable':
      return `not applicable (${v.reason})`;
    case 'allow':
      return 'allows';
    case 'explicitDeny':
      return 'denies explicitly';
    case 'noAllow':
      return `no statement allows${v.levels && v.levels.length > 0 ? ` (at ${v.levels.map((x) => `\`${x}\``).join(', ')})` : ''}`;
  }
}

function printText(args: CanArgs, r: EvaluationResult, sources: { readonly [id: string]: string }, notes: readonly string[], io: CliIo): void {
  const e = r.explain;
  const byId = new Map(e.layers.flatMap((l) => l.statements.map((s) => [s.id, s] as const)));
  const lines = [
    `${r.decision}: \`${args.principal}\` ${r.decision === 'allowed' ? 'may' : 'may not'} \`${args.action}\` on \`${args.resource}\`${e.crossAccount ? ' (cross-account)' : ''}`,
  ];
  if (r.decision === 'implicitDeny' && e.deniedBy) lines.push(`denied by: ${e.deniedBy === 'crossAccount' ? 'the resource account (its policy does not allow this principal)' : `${e.deniedBy}: no statement allows`}`);
  if (e.deciding.length > 0) {
    lines.push(r.decision === 'allowed' ? 'allowed by:' : 'denied by:');
    for (const id of e.deciding) {
      const st = byId.get(id);
      lines.push(`  ${st ? describeStatement(st, sources) : id}`);
    }
  }
  lines.push('policies:');
  for (const l of e.layers) {
    lines.push(`  ${l.kind.padEnd(9)} ${verdictText(l)}`);
    if (r.decision !== 'allowed') {
      for (const st of l.statements) {
        const reason = why(st);
        if (reason) lines.push(`    ${describeStatement(st, sources)}: ${reason}`);
      }
    }
  }
  if (e.missingKeys.length > 0) lines.push(`missing context keys: ${e.missingKeys.join(', ')} (evaluated as absent; give them with --context k=v)`);
  for (const n of notes) lines.push(`note: ${n}`);
  io.stdout(lines.join('\n') + '\n');
}

/** The `can` command. */
export const command: Command = {
  summary: 'one decision with its explanation',
  usage:
    'can <snapshot...> --principal ARN --action A --resource ARN [--context k=v]... [--session-policy FILE] [--endpoint-policy FILE]... [--json] [--partial]',
  run: async (argv, io) => {
    const args = parse(argv);
    const policies = queryPolicies(args.sessionPolicy, args.endpointPolicies);
    const { snapshot } = await loadSnapshot(args.files, { partial: args.partial });
    const gathered = gatherPolicies(snapshot, args.principal, args.action, args.resource);
    if (gathered.kind === 'error') throw new CliError(gathered.message);
    // AWS "Session policies": the session's permissions are the intersection of its identity-based
    // policies and the session policy; AWS PrivateLink "Control access to VPC endpoints using
    // endpoint policies": a request through an endpoint must also be allowed by its policy.
    const sources: { [id: string]: string } = { ...gathered.sources };
    if (policies.session) sources['session[0]'] = `session policy \`${args.sessionPolicy ?? ''}\``;
    policies.endpoint?.forEach((_, i) => {
      sources[`endpoint[${i}]`] = `VPC endpoint policy \`${args.endpointPolicies[i] ?? ''}\``;
    });
    const compiled = compilePolicySet({
      ...gathered.set,
      session: policies.session ?? null,
      endpoint: policies.endpoint ?? null,
    });
    const firstError = compiled.diagnostics.find((d) => d.severity === 'error');
    if (firstError) throw new CliError(formatDiagnostic(firstError));
    let result: EvaluationResult;
    try {
      result = evaluateRequest(compiled, {
        principal: args.principal,
        action: args.action,
        resource: args.resource,
        ...(gathered.resourceAccount === undefined ? {} : { resourceAccount: gathered.resourceAccount }),
        // The snapshot's keys first; the user's --context wins.
        context: { ...gathered.context, ...args.context },
      });
    } catch (e) {
      throw new CliError((e as Error).message.replace(/^request\.principal/, '--principal'));
    }
    if (args.json) io.stdout(JSON.stringify({ decision: result.decision, explain: { ...result.explain, policies: sources, notes: gathered.notes } }) + '\n');
    else printText(args, result, sources, gathered.notes, io);
    return EXIT_OK;
  },
};
