// `ariadne simulate <cases>`: evaluates simulation cases (SPEC.md "Simulation cases"), one JSON
// line per case in input order. Imports core through core/index.ts, Node built-ins and zod.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { buildPolicySet, compilePolicySet, evaluateRequest, formatDiagnostic, validatePolicy } from '../../core/index';
import type { CompiledPolicySet, PolicyKind, SimulationRequest } from '../../core/index';
import { CliError, EXIT_BAD_INPUT, EXIT_OK, type CliIo } from '../io';
import type { Command } from '../index';

const level = z.strictObject({ orgIdentifier: z.string(), policies: z.array(z.unknown()) });

/** SPEC.md `policies`: omitted kinds mean none (`[]` for identity, null for the others). */
export const policiesSchema = z.strictObject({
  identity: z.array(z.unknown()).optional(),
  resource: z.unknown().optional(),
  scp: z.array(level).nullable().optional(),
  rcp: z.array(level).nullable().optional(),
  boundary: z.unknown().optional(),
  session: z.unknown().optional(),
  endpoint: z.array(z.unknown()).nullable().optional(),
});

const contextValue = z.union([z.string(), z.array(z.string())]);

/** SPEC.md `request`. */
export const requestSchema = z.strictObject({
  principal: z.union([z.string().min(1), z.strictObject({ type: z.literal('Anonymous') })]),
  action: z.string().min(1),
  resource: z.string().min(1),
  resourceAccount: z.string().optional(),
  context: z.record(z.string(), contextValue).optional(),
});

/** One simulation case. */
export const simulationCaseSchema = z.strictObject({
  id: z.string(),
  policies: policiesSchema,
  request: requestSchema,
});

const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext)$/i;

type Line = { id: string | null; decision: string; explain: unknown } | { id: string | null; error: string };

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid case';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'case';
  return `${where}: ${issue.message.toLowerCase()}`;
}

type Prepared = { kind: 'ok'; compiled: CompiledPolicySet } | { kind: 'error'; error: string };

// Cases of one file often share their policies: each distinct `policies` object is validated and
// compiled once (keyed by its JSON text; the cache is emptied when it grows past its bound).
const compiledCache = new Map<string, Prepared>();
const CACHE_LIMIT = 64;

function preparePolicies(policies: z.infer<typeof policiesSchema>, trust: boolean): Prepared {
  const key = `${trust ? 'T' : 'R'}${JSON.stringify(policies)}`;
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const validate = (doc: Parameters<typeof validatePolicy>[0], path: string, kind: PolicyKind) =>
    validatePolicy(doc, path, kind === 'resource' && trust ? 'trust' : kind);
  const built = buildPolicySet(policies, validate);
  const firstError = built.diagnostics.find((d) => d.severity === 'error');
  let out: Prepared;
  if (built.set === undefined || firstError) out = { kind: 'error', error: firstError ? formatDiagnostic(firstError) : 'policies: unusable' };
  else {
    const compiled = compilePolicySet(built.set);
    const compileError = compiled.diagnostics.find((d) => d.severity === 'error');
    out = compileError ? { kind: 'error', error: formatDiagnostic(compileError) } : { kind: 'ok', compiled };
  }
  if (compiledCache.size >= CACHE_LIMIT) compiledCache.clear();
  compiledCache.set(key, out);
  return out;
}

/** Evaluates one parsed JSON value as a case; never throws. */
export function simulateCase(value: unknown): Line {
  const id = typeof value === 'object' && value !== null && Object.hasOwn(value, 'id') && typeof (value as { id: unknown }).id === 'string' ? (value as { id: string }).id : null;
  const parsed = simulationCaseSchema.safeParse(value);
  if (!parsed.success) return { id, error: issueText(parsed.error) };
  // A role's trust policy is validated as one (AWS "IAM JSON policy elements": trust policies
  // take no Resource and only the sts:AssumeRole* actions).
  const trust = TRUST_ACTIONS.test(parsed.data.request.action) && /^arn:[^:]+:iam::\d{12}:role\//.test(parsed.data.request.resource);
  const prepared = preparePolicies(parsed.data.policies, trust);
  if (prepared.kind === 'error') return { id, error: prepared.error };
  const compiled = prepared.compiled;
  const request: SimulationRequest = parsed.data.request;
  try {
    const result = evaluateRequest(compiled, request);
    return { id, decision: result.decision, explain: result.explain };
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] ?? '';
    return { id, error: message.startsWith('request') ? message : `request: ${message || 'cannot be evaluated'}` };
  }
}

async function* jsonlValues(path: string): AsyncGenerator<{ value: unknown } | { error: string }> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      yield { value: JSON.parse(line) };
    } catch (e) {
      yield { error: `line ${n}: not valid JSON: ${(e as Error).message.split('\n')[0]?.toLowerCase()}` };
    }
  }
}

function* jsonValues(path: string): Generator<{ value: unknown } | { error: string }> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`\`${path}\`: not valid JSON: ${(e as Error).message.split('\n')[0]?.toLowerCase()}`);
  }
  if (Array.isArray(json)) for (const v of json) yield { value: v };
  else yield { value: json };
}

/** The `simulate` command. */
export const command: Command = {
  summary: 'evaluates simulation cases (.json: one case or an array; .jsonl: one per line)',
  usage: 'simulate <cases>',
  run: async (args: string[], io: CliIo) => {
    const files = args.filter((a) => a !== '--json');
    const unknown = files.find((a) => a.startsWith('-'));
    if (unknown) throw new CliError(`unknown option \`${unknown}\``);
    if (files.length !== 1) throw new CliError('expected one cases file: `ariadne simulate <cases>`');
    const path = files[0] as string;
    try {
      if (!statSync(path).isFile()) throw new Error('not a file');
    } catch {
      throw new CliError(`\`${path}\`: cannot read the file`);
    }
    const source = path.endsWith('.jsonl') ? jsonlValues(path) : jsonValues(path);
    let failed = false;
    let buffer: string[] = [];
    for await (const item of source) {
      const line: Line = 'error' in item ? { id: null, error: item.error } : simulateCase(item.value);
      if ('error' in line) failed = true;
      buffer.push(JSON.stringify(line));
      if (buffer.length >= 256) {
        io.stdout(buffer.join('\n') + '\n');
        buffer = [];
      }
    }
    if (buffer.length > 0) io.stdout(buffer.join('\n') + '\n');
    return failed ? EXIT_BAD_INPUT : EXIT_OK;
  },
};
