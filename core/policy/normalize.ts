// The repair step every policy document passes before anything else uses it: parse its text
// (JSON or URL-encoded JSON) and turn single values into lists. Imports only core/model.
import type { Diagnostic } from '../model/diagnostic';
import type { ConditionBlock, PolicyDocument, PolicyPrincipal, PolicyStatement } from '../model/policy';

/** Result of normalising one document: the document, unless an error made it unusable, and what was found. */
export interface NormalizeResult {
  readonly document: PolicyDocument | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;

/** Own property of a parsed JSON object (never one inherited from Object.prototype). */
export function ownValue(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function error(id: string, path: string, message: string): Diagnostic {
  return { id, severity: 'error', path, message };
}

function warning(id: string, path: string, message: string): Diagnostic {
  return { id, severity: 'warning', path, message };
}

/**
 * Parses the text of a policy document as AWS gives it: JSON (the CLI's form) or URL-encoded JSON
 * (the raw API's form, `%7B%22Version%22…`). `text` is the document's JSON text (URL-decoded).
 * "The policy document returned in this structure is URL-encoded compliant with RFC 3986"
 * (IAM API reference, PolicyVersion.Document:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html).
 */
export function parsePolicyText(
  text: string,
  path: string,
): { value: unknown; text: string; diagnostics: Diagnostic[] } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return { value: JSON.parse(trimmed), text: trimmed, diagnostics: [] };
    } catch (e) {
      return {
        value: undefined,
        text: trimmed,
        diagnostics: [error('policy.json.invalid', path, `not valid JSON: ${jsonErrorDetail(e)}`)],
      };
    }
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed.replace(/\+/g, '%20'));
  } catch {
    return {
      value: undefined,
      text: trimmed,
      diagnostics: [error('policy.json.invalid', path, 'neither JSON nor valid URL-encoded JSON')],
    };
  }
  try {
    return { value: JSON.parse(decoded), text: decoded, diagnostics: [] };
  } catch (e) {
    return {
      value: undefined,
      text: decoded,
      diagnostics: [
        error('policy.json.invalid', path, `not valid JSON after URL decoding: ${jsonErrorDetail(e)}`),
      ],
    };
  }
}

function jsonErrorDetail(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .split('\n')[0]!
    .replace(/^JSON\.parse: /, '')
    .toLowerCase()
    .slice(0, 200);
}

function toStringList(value: unknown, path: string, diagnostics: Diagnostic[]): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    const out: string[] = [];
    value.forEach((v, i) => {
      if (typeof v === 'string') out.push(v);
      else
        diagnostics.push(
          error('policy.value.not-string', `${path}[${i}]`, `expected a string, found ${describe(v)}`),
        );
    });
    return out;
  }
  diagnostics.push(
    error(
      'policy.value.not-string-or-list',
      path,
      `expected a string or a list of strings, found ${describe(value)}`,
    ),
  );
  return undefined;
}

/** Condition values may be strings, numbers or booleans in JSON; AWS compares them as text. */
function toConditionValues(value: unknown, path: string, diagnostics: Diagnostic[]): string[] | undefined {
  const scalar = (v: unknown, p: string): string | undefined => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    diagnostics.push(
      error(
        'policy.condition.value.invalid',
        p,
        `expected a string, number or boolean, found ${describe(v)}`,
      ),
    );
    return undefined;
  };
  if (Array.isArray(value)) {
    const out: string[] = [];
    value.forEach((v, i) => {
      const s = scalar(v, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }
  const s = scalar(value, path);
  return s === undefined ? undefined : [s];
}

/** Short description of a JSON value's type for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function normalizePrincipal(
  value: unknown,
  path: string,
  diagnostics: Diagnostic[],
): PolicyPrincipal | undefined {
  if (value === '*') return '*';
  if (!isJsonObject(value)) {
    diagnostics.push(
      error(
        'policy.principal.invalid',
        path,
        `expected \`*\` or an object of principal types, found ${describe(value)}`,
      ),
    );
    return undefined;
  }
  const entries: [string, string[]][] = [];
  for (const key of Object.keys(value)) {
    const list = toStringList(value[key], `${path}.${key}`, diagnostics);
    if (list) entries.push([key, list]);
  }
  return Object.fromEntries(entries);
}

function normalizeCondition(
  value: unknown,
  path: string,
  diagnostics: Diagnostic[],
): ConditionBlock | undefined {
  if (!isJsonObject(value)) {
    diagnostics.push(
      error(
        'policy.condition.invalid',
        path,
        `expected an object of condition operators, found ${describe(value)}`,
      ),
    );
    return undefined;
  }
  const operators: [string, Record<string, string[]>][] = [];
  for (const operator of Object.keys(value)) {
    const keys = value[operator];
    const opPath = `${path}.${operator}`;
    if (!isJsonObject(keys)) {
      diagnostics.push(
        error(
          'policy.condition.invalid',
          opPath,
          `expected an object of condition keys, found ${describe(keys)}`,
        ),
      );
      continue;
    }
    const entries: [string, string[]][] = [];
    for (const key of Object.keys(keys)) {
      const values = toConditionValues(keys[key], `${opPath}.${key}`, diagnostics);
      if (values) entries.push([key, values]);
    }
    operators.push([operator, Object.fromEntries(entries)]);
  }
  return Object.fromEntries(operators);
}

function normalizeStatement(
  value: unknown,
  path: string,
  diagnostics: Diagnostic[],
): PolicyStatement | undefined {
  if (!isJsonObject(value)) {
    diagnostics.push(
      error('policy.statement.invalid', path, `expected a statement object, found ${describe(value)}`),
    );
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!STATEMENT_KEYS.has(key)) {
      diagnostics.push(
        warning(
          'policy.statement.unknown-element',
          `${path}.${key}`,
          `unknown statement element \`${key}\` is ignored`,
        ),
      );
    }
  }
  const sid = ownValue(value, 'Sid');
  if (sid !== undefined) {
    if (typeof sid === 'string') out['Sid'] = sid;
    else
      diagnostics.push(
        error('policy.statement.sid.invalid', `${path}.Sid`, `expected a string, found ${describe(sid)}`),
      );
  }
  const effect = ownValue(value, 'Effect');
  if (typeof effect === 'string') out['Effect'] = effect;
  else {
    diagnostics.push(
      error(
        'policy.statement.effect.missing',
        `${path}.Effect`,
        effect === undefined
          ? 'missing `Effect`'
          : `expected \`Allow\` or \`Deny\`, found ${describe(effect)}`,
      ),
    );
    return undefined;
  }
  for (const key of LIST_KEYS) {
    const v = ownValue(value, key);
    if (v === undefined) continue;
    const list = toStringList(v, `${path}.${key}`, diagnostics);
    if (list) out[key] = list;
  }
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const v = ownValue(value, key);
    if (v === undefined) continue;
    const p = normalizePrincipal(v, `${path}.${key}`, diagnostics);
    if (p) out[key] = p;
  }
  const condition = ownValue(value, 'Condition');
  if (condition !== undefined) {
    const c = normalizeCondition(condition, `${path}.Condition`, diagnostics);
    if (c) out['Condition'] = c;
  }
  return out as unknown as PolicyStatement;
}

/**
 * Normalises a parsed policy document: `Statement` and every list element become lists.
 * Structural errors are reported with their JSON path; semantic validation is `validatePolicy`'s job.
 */
export function normalizePolicyDocument(input: unknown, path: string): NormalizeResult {
  const diagnostics: Diagnostic[] = [];
  if (!isJsonObject(input)) {
    diagnostics.push(
      error('policy.document.invalid', path, `expected a policy document object, found ${describe(input)}`),
    );
    return { document: undefined, diagnostics };
  }
  const version = ownValue(input, 'Version');
  const id = ownValue(input, 'Id');
  const statement = ownValue(input, 'Statement');
  if (statement === undefined) {
    diagnostics.push(error('policy.statement.missing', `${path}.Statement`, 'missing `Statement`'));
    return { document: undefined, diagnostics };
  }
  const raw = Array.isArray(statement) ? statement : [statement];
  const statements: PolicyStatement[] = [];
  raw.forEach((s, i) => {
    const st = normalizeStatement(
      s,
      Array.isArray(statement) ? `${path}.Statement[${i}]` : `${path}.Statement`,
      diagnostics,
    );
    if (st) statements.push(st);
  });
  const document: PolicyDocument = {
    ...(typeof version === 'string' ? { Version: version } : {}),
    ...(typeof id === 'string' ? { Id: id } : {}),
    Statement: statements,
  };
  if (version !== undefined && typeof version !== 'string') {
    diagnostics.push(
      error('policy.version.invalid', `${path}.Version`, `expected a string, found ${describe(version)}`),
    );
  }
  return { document, diagnostics };
}
