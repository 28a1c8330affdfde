// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`,
// `${key, 'default'}`): parsing (shared with pattern.ts) and substitution from a request context.
// Imports only core/model.
//
// AWS: "IAM policy elements: Variables and tags"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
import type { RequestContext } from '../model/context';

/** Outcome of substituting the variables of one value. */
export interface Substitution {
  /** The value with every variable replaced, or undefined when a variable had no value and no default. */
  readonly text: string | undefined;
  /** Variables the context did not carry (with or without a default). */
  readonly missingVariables: readonly string[];
}

/**
 * One piece of a parsed template: `text` as written (in a pattern, its `*` and `?` are wildcards),
 * `escaped` text from `${*}`, `${?}`, `${$}` (always literal), or a `variable` resolved at match time.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'escaped'; readonly text: string }
  | { readonly kind: 'variable'; readonly key: string; readonly defaultValue: string | undefined };

const ESCAPES = new Set(['*', '?', '$']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** A key character: anything but whitespace, braces, `$`, quotes and the comma that starts a default. */
function isKeyChar(c: string): boolean {
  return !isSpace(c) && c !== '{' && c !== '}' && c !== '$' && c !== ',' && c !== "'" && c !== '"';
}

/**
 * Reads one `${…}` starting at `start` (the `$`). Returns the part and the index after `}`, or
 * undefined when the text there is not a well-formed variable (it is then literal text).
 * Grammar (AWS "Specifying default values": the default is in single quotes, separated by a
 * comma and a space): `${` ws* (`*`|`?`|`$`|key) ws* (`,` ws* `'` default `'` ws*)? `}`.
 * A default ends at the next `'` (AWS documents no escape for quotes inside a default).
 */
function readVariable(s: string, start: number): { part: TemplatePart; end: number } | undefined {
  let i = start + 2;
  while (isSpace(s[i])) i++;
  const first = s[i];
  if (first === undefined) return undefined;
  let key: string;
  let escaped = false;
  if (ESCAPES.has(first)) {
    key = first;
    escaped = true;
    i++;
  } else {
    const keyStart = i;
    while (i < s.length && isKeyChar(s[i] as string)) i++;
    key = s.slice(keyStart, i);
    if (key.length === 0) return undefined;
  }
  while (isSpace(s[i])) i++;
  let defaultValue: string | undefined;
  if (s[i] === ',' && !escaped) {
    i++;
    while (isSpace(s[i])) i++;
    if (s[i] !== "'") return undefined;
    const close = s.indexOf("'", i + 1);
    if (close < 0) return undefined;
    defaultValue = s.slice(i + 1, close);
    i = close + 1;
    while (isSpace(s[i])) i++;
  }
  if (s[i] !== '}') return undefined;
  const part: TemplatePart = escaped ? { kind: 'escaped', text: key } : { kind: 'variable', key, defaultValue };
  return { part, end: i + 1 };
}

/**
 * Splits `template` into text, escaped characters and variables. A `${` that does not open a
 * well-formed variable (unterminated, nested `{`, empty key, bad default) is literal text: the
 * parse never fails. Runs in one pass (each `${` looks ahead at most to the end of the string,
 * and the scan resumes after it), so a hostile string cannot make it quadratic beyond the
 * number of `${` it contains times their length.
 */
export function parseTemplate(template: string): readonly TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const at = template.indexOf('${', i);
    if (at < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, at);
    const variable = readVariable(template, at);
    if (variable === undefined) {
      text += '$';
      i = at + 1;
      continue;
    }
    if (text.length > 0) parts.push({ kind: 'text', text });
    text = '';
    parts.push(variable.part);
    i = variable.end;
  }
  if (text.length > 0) parts.push({ kind: 'text', text });
  return parts;
}

/** The value of a variable: a single string, or undefined (with the reason recorded in `missing`). */
export function resolveVariable(
  part: { readonly key: string; readonly defaultValue: string | undefined },
  context: RequestContext | undefined,
  missing: string[],
): string | undefined {
  const value = context?.get(part.key);
  // AWS "IAM policy elements: Variables and tags", "Policy variables with no value": a key the
  // request does not carry has no value, so a pattern or value that uses it matches nothing,
  // unless a default is given ("Specifying default values": the default replaces the variable
  // when the key is absent). A multivalued key ("Single-valued vs. multivalued context keys")
  // has no single value to put in its place; AWS documents no substitution of a list, so we
  // decide: a list is treated as no value (the default applies) and is reported missing.
  if (typeof value === 'string') return value;
  if (!missing.includes(part.key)) missing.push(part.key);
  return part.defaultValue;
}

/** True when `template` contains a well-formed policy variable (or `${*}`/`${?}`/`${$}`). */
export function hasPolicyVariables(template: string): boolean {
  if (!template.includes('${')) return false;
  return parseTemplate(template).some((p) => p.kind !== 'text');
}

/** Replaces the policy variables of `template` with their values from `context`. */
export function substituteVariables(template: string, context: RequestContext): Substitution {
  if (!template.includes('${')) return { text: template, missingVariables: [] };
  const missing: string[] = [];
  let out = '';
  let failed = false;
  for (const part of parseTemplate(template)) {
    if (part.kind === 'variable') {
      const value = resolveVariable(part, context, missing);
      if (value === undefined) failed = true;
      else out += value;
    } else {
      out += part.text;
    }
  }
  return { text: failed ? undefined : out, missingVariables: missing };
}
