// ARNs: parsing, and matching ARN patterns segment by segment as AWS does for Resource,
// NotResource and the Arn* condition operators. Imports only core/model and ./pattern, ./variables.
//
// AWS "IAM JSON policy elements: Resource", section "Using wildcards in resource ARNs"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html):
// wildcards `*` and `?` are used within the individual segments of an ARN (the parts separated by
// colons); "if the `*` wildcard is the last character of a resource ARN segment, it can expand to
// match beyond the colon boundaries"; the resource segment's `*` matches `/` and anything else.
// AWS "Condition operators", "Amazon Resource Name (ARN) condition operators": "each of the six
// colon-delimited components of the ARN is checked separately".
import type { RequestContext } from '../model/context';
import { GlobPattern, MATCHED, NOT_MATCHED, type CompiledPattern, type PatternMatch } from './pattern';
import { parseTemplate, type TemplatePart } from './variables';

/** The six parts of an ARN: `arn:partition:service:region:account-id:resource`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon (may contain `:` and `/`). */
  readonly resource: string;
}

/** Splits `text` at its first `count` colons; the last piece keeps any further colons. */
function splitColons(text: string, count: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < count) {
    const at = text.indexOf(':', from);
    if (at < 0) break;
    out.push(text.slice(from, at));
    from = at + 1;
  }
  out.push(text.slice(from));
  return out;
}

/** Parses an ARN (`arn:partition:service:region:account-id:resource`), or undefined when `text` is not one. */
export function parseArn(text: string): Arn | undefined {
  const p = splitColons(text, 5);
  if (p.length !== 6 || p[0] !== 'arn') return undefined;
  const [, partition, service, region, account, resource] = p as [string, string, string, string, string, string];
  if (partition.length === 0 || service.length === 0) return undefined;
  return { partition, service, region, account, resource };
}

/** Splits template parts at the first `count` colons of their (unescaped, non-variable) text. */
function splitParts(parts: readonly TemplatePart[], count: number): TemplatePart[][] {
  const segments: TemplatePart[][] = [[]];
  for (const part of parts) {
    if (part.kind !== 'text') {
      (segments[segments.length - 1] as TemplatePart[]).push(part);
      continue;
    }
    let rest = part.text;
    while (segments.length <= count) {
      const at = rest.indexOf(':');
      if (at < 0) break;
      if (at > 0) (segments[segments.length - 1] as TemplatePart[]).push({ kind: 'text', text: rest.slice(0, at) });
      segments.push([]);
      rest = rest.slice(at + 1);
    }
    if (rest.length > 0) (segments[segments.length - 1] as TemplatePart[]).push({ kind: 'text', text: rest });
  }
  return segments;
}

function endsWithStar(parts: readonly TemplatePart[]): boolean {
  const last = parts[parts.length - 1];
  return last !== undefined && last.kind === 'text' && last.text.endsWith('*');
}

/** Options of `compileResourcePattern`. */
export interface ResourcePatternOptions {
  /** Resolve `${…}` policy variables (policies of Version 2012-10-17). */
  readonly variables: boolean;
}

/**
 * Compiles a Resource/NotResource ARN pattern (also used by the Arn* condition operators).
 * Matching is case-sensitive (AWS "IAM JSON policy elements: Resource": "the IAM user name is
 * case sensitive"; ARNs are compared as written).
 *
 * - `*` alone matches every resource, ARN or not.
 * - A pattern with all six segments matches an ARN when each of its first five segments matches
 *   the ARN's segment (a wildcard there cannot cross a colon) and its resource segment matches
 *   the ARN's resource (which may contain colons).
 * - A pattern with fewer than six segments whose last segment ends in `*` (e.g. `arn:aws:s3:*`):
 *   that `*` expands beyond the colon boundaries ("Using wildcards in resource ARNs"), so the last
 *   segment is matched against the rest of the ARN, colons included.
 * - Text that is not an ARN (fewer than six colon-separated parts) is matched against the whole
 *   pattern as one plain wildcard pattern (so `*`-like patterns still match it).
 */
export function compileResourcePattern(pattern: string, options: ResourcePatternOptions): CompiledPattern {
  const parts: readonly TemplatePart[] =
    options.variables && pattern.includes('${') ? parseTemplate(pattern) : [{ kind: 'text', text: pattern }];
  const whole = new GlobPattern(parts, false);
  const segmentParts = splitParts(parts, 5);
  const segments = segmentParts.map((p) => new GlobPattern(p, false));
  const count = segments.length;
  const lastSpans = count < 6 && endsWithStar(segmentParts[count - 1] as TemplatePart[]);
  const literal = whole.literal;

  // Fast path: when the first five segments are plain text (the usual `arn:aws:s3:::`), an ARN
  // matches only if it starts with exactly that text, and then only its resource is matched.
  const head =
    count === 6 && segments.slice(0, 5).every((g) => g.literal)
      ? segmentParts
          .slice(0, 5)
          .map((ps) => ps.map((p) => (p.kind === 'variable' ? '' : p.text)).join(''))
          .join(':') + ':'
      : undefined;
  const resourceGlob = segments[5];

  function match(text: string, context?: RequestContext): PatternMatch {
    if (whole.matchesAll) return whole.match(text, context);
    if (head !== undefined && resourceGlob !== undefined) {
      // INVARIANT: head holds exactly five colons and no wildcard, so a text starting with it has
      // the same first five segments, and a text that does not cannot match.
      if (!text.startsWith(head)) return NOT_MATCHED;
      return resourceGlob.match(text.slice(head.length), context);
    }
    const textParts = splitColons(text, 5);
    if (textParts.length < 6) return whole.match(text, context);
    if (count < 6 && !lastSpans) return whole.match(text, context);
    let missing: string[] | undefined;
    let matched = true;
    for (let i = 0; i < count; i++) {
      const seg = segments[i] as GlobPattern;
      // The last segment of a short pattern ending in `*` takes the rest of the ARN, colons included.
      const target = i === count - 1 && count < 6 ? textParts.slice(i).join(':') : (textParts[i] as string);
      const r = seg.match(target, context);
      if (r.missingVariables.length > 0) {
        missing ??= [];
        for (const v of r.missingVariables) if (!missing.includes(v)) missing.push(v);
      }
      if (!r.matched) {
        matched = false;
        // Keep resolving the remaining segments only to report every missing variable.
        if (!context) break;
      }
    }
    if (missing === undefined) return matched ? MATCHED : NOT_MATCHED;
    return { matched, missingVariables: missing };
  }

  return { source: pattern, literal, match };
}

/** Problems of an ARN pattern in a Resource/NotResource element, as short reasons; empty when valid. */
export function arnPatternProblems(pattern: string): string[] {
  // AWS "IAM JSON policy elements: Resource": a resource is an ARN or `*`.
  if (/^\*+$/.test(pattern)) return [];
  const p = splitColons(pattern, 5);
  const problems: string[] = [];
  const head = p[0] ?? '';
  if (!new GlobPattern([{ kind: 'text', text: head }], false).match('arn', undefined).matched) {
    problems.push('does not start with `arn:`');
  }
  if (p.length < 6) {
    if (!pattern.endsWith('*')) problems.push('has fewer than six colon-separated parts');
    return problems;
  }
  if ((p[1] ?? '').length === 0) problems.push('has an empty partition');
  if ((p[2] ?? '').length === 0) problems.push('has an empty service');
  return problems;
}

/** True when `pattern` is a well-formed Resource/NotResource value: `*` or an ARN (with wildcards). */
export function isValidArnPattern(pattern: string): boolean {
  return arnPatternProblems(pattern).length === 0;
}

/** True when the service segment of an ARN pattern has a wildcard (AWS: not allowed there). */
export function hasServiceWildcard(pattern: string): boolean {
  const p = splitColons(pattern, 5);
  const service = p[2];
  return service !== undefined && (service.includes('*') || service.includes('?'));
}
