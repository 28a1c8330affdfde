// Wildcard patterns of Action, Resource and condition values, compiled once and matched in
// linear time (never a regular expression built from policy text). Imports only core/model and
// ./variables.
//
// Algorithm: a pattern is split at its `*` into segments (literal characters and `?`). The first
// segment is anchored at the start of the text, the last at the end, and each middle segment is
// found at its leftmost position after the previous one. Taking the leftmost occurrence is always
// safe for glob patterns (any later match would leave less text for the rest), so there is no
// backtracking. The searches of successive segments scan disjoint stretches of the text, so the
// total is O(n·k) for text length n and longest segment k (a constant for a compiled pattern):
// linear in the text whatever the number of stars. Segments without `?` use String#indexOf;
// segments with `?` test the first character of their longest `?`-free run before verifying.
import type { RequestContext } from '../model/context';
import { parseTemplate, resolveVariable, type TemplatePart } from './variables';

/** Outcome of matching one pattern. `missingVariables` names policy variables the context lacked. */
export interface PatternMatch {
  readonly matched: boolean;
  readonly missingVariables: readonly string[];
}

/** A pattern compiled once, matched many times. */
export interface CompiledPattern {
  readonly source: string;
  /** True when the pattern has no wildcard and no variable (an exact match suffices). */
  readonly literal: boolean;
  /** Matches `text`; policy variables are resolved from `context` and match literally. */
  match(text: string, context?: RequestContext): PatternMatch;
}

/** Options of `compilePattern`. */
export interface PatternOptions {
  /** Actions match case-insensitively; ARNs and most values case-sensitively. */
  readonly caseInsensitive: boolean;
  /** Resolve `${…}` policy variables (Resource elements and condition values of policy version 2012-10-17). */
  readonly variables: boolean;
}

const NO_MISSING: readonly string[] = Object.freeze([]);
/** The two outcomes without missing variables, shared (frozen) so that matching allocates nothing. */
export const MATCHED: PatternMatch = Object.freeze({ matched: true, missingVariables: NO_MISSING });
export const NOT_MATCHED: PatternMatch = Object.freeze({ matched: false, missingVariables: NO_MISSING });

/**
 * Folds case without changing the length (a few characters lower-case to two code units, e.g.
 * `İ`; those are kept as they are so that `?` still stands for one code unit).
 */
export function foldCase(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

/** One run of pattern between stars: characters, with `?` positions marked in `any`. */
interface Segment {
  readonly chars: string;
  /** any[i] === 1 where the pattern has `?` (chars[i] is then a placeholder); null when there is none. */
  readonly any: Uint8Array | null;
  /** Longest run of the segment without `?`, searched with indexOf to skip ahead; '' when none. */
  readonly anchor: string;
  readonly anchorOffset: number;
  /** Index of the last character that is not `?` (meaningful only when `anchor` is not empty). */
  readonly lastFixed: number;
}

/** A glob resolved to segments: `hasStar` false means exactly one segment that must match the whole text. */
interface Glob {
  readonly segments: readonly Segment[];
  readonly hasStar: boolean;
  readonly minLength: number;
}

/** Builds glob pieces: `wild` pieces treat `*`/`?` as wildcards, literal pieces do not. */
class GlobBuilder {
  private readonly segments: Segment[] = [];
  private chars = '';
  private any: number[] | null = null;
  private hasStar = false;

  constructor(private readonly fold: boolean) {}

  addWild(text: string): void {
    const t = this.fold ? foldCase(text) : text;
    for (let i = 0; i < t.length; i++) {
      const c = t[i] as string;
      if (c === '*') {
        this.cut();
      } else if (c === '?') {
        (this.any ??= []).push(this.chars.length);
        this.chars += '?';
      } else {
        this.chars += c;
      }
    }
  }

  addLiteral(text: string): void {
    this.chars += this.fold ? foldCase(text) : text;
  }

  private cut(): void {
    this.hasStar = true;
    this.push();
  }

  private push(): void {
    let mask: Uint8Array | null = null;
    let anchor = '';
    let anchorOffset = 0;
    if (this.any !== null) {
      mask = new Uint8Array(this.chars.length);
      for (const i of this.any) mask[i] = 1;
      let start = 0;
      for (let i = 0; i <= mask.length; i++) {
        if (i === mask.length || mask[i] === 1) {
          if (i - start > anchor.length) {
            anchor = this.chars.slice(start, i);
            anchorOffset = start;
          }
          start = i + 1;
        }
      }
    }
    let lastFixed = this.chars.length - 1;
    while (mask !== null && lastFixed > 0 && mask[lastFixed] === 1) lastFixed--;
    this.segments.push({ chars: this.chars, any: mask, anchor, anchorOffset, lastFixed });
    this.chars = '';
    this.any = null;
  }

  build(): Glob {
    this.push();
    let minLength = 0;
    for (const s of this.segments) minLength += s.chars.length;
    return { segments: this.segments, hasStar: this.hasStar, minLength };
  }
}

function segmentAt(seg: Segment, text: string, at: number): boolean {
  const { chars, any } = seg;
  if (any === null) return text.startsWith(chars, at);
  for (let i = 0; i < chars.length; i++) {
    if (any[i] === 1) continue;
    if (text.charCodeAt(at + i) !== chars.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost index >= from where `seg` matches and ends at or before `limit`, or -1. */
function findSegment(seg: Segment, text: string, from: number, limit: number): number {
  const len = seg.chars.length;
  if (seg.any === null) {
    const at = text.indexOf(seg.chars, from);
    return at >= 0 && at + len <= limit ? at : -1;
  }
  if (seg.anchor.length === 0) {
    // Only `?`: any position with room for the segment matches.
    return from + len <= limit ? from : -1;
  }
  // Candidates are the positions where the anchor's first character and the segment's last
  // fixed character are; each candidate is then verified once.
  const offset = seg.anchorOffset;
  const code = seg.anchor.charCodeAt(0);
  const lastOffset = seg.lastFixed;
  const lastCode = seg.chars.charCodeAt(lastOffset);
  for (let at = from; at + len <= limit; at++) {
    if (text.charCodeAt(at + offset) === code && text.charCodeAt(at + lastOffset) === lastCode && segmentAt(seg, text, at)) {
      return at;
    }
  }
  return -1;
}

/** Matches an already case-folded text against a glob. Linear in text length for a fixed glob. */
function matchGlob(glob: Glob, text: string): boolean {
  const segs = glob.segments;
  if (!glob.hasStar) {
    const only = segs[0] as Segment;
    return text.length === only.chars.length && segmentAt(only, text, 0);
  }
  if (text.length < glob.minLength) return false;
  const first = segs[0] as Segment;
  const last = segs[segs.length - 1] as Segment;
  if (!segmentAt(first, text, 0)) return false;
  const end = text.length - last.chars.length;
  if (!segmentAt(last, text, end)) return false;
  let pos = first.chars.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i] as Segment;
    if (seg.chars.length === 0) continue;
    const at = findSegment(seg, text, pos, end);
    if (at < 0) return false;
    pos = at + seg.chars.length;
  }
  return pos <= end;
}

/**
 * A compiled glob over template parts: built once when it has no variables, else rebuilt per
 * match from the resolved values (a variable's value is always literal: AWS "Using variables in
 * policies" — the value replaces the variable, it is not itself a pattern).
 */
export class GlobPattern {
  private readonly fixed: Glob | undefined;
  /** True when the parts have no wildcard and no variable. */
  readonly literal: boolean;
  /** True when the glob is a lone `*` (matches everything, including the empty string). */
  readonly matchesAll: boolean;

  constructor(
    private readonly parts: readonly TemplatePart[],
    private readonly fold: boolean,
  ) {
    const hasVariable = parts.some((p) => p.kind === 'variable');
    this.fixed = hasVariable ? undefined : this.build(undefined, []);
    this.literal =
      !hasVariable && parts.every((p) => p.kind !== 'text' || (!p.text.includes('*') && !p.text.includes('?')));
    this.matchesAll = parts.length > 0 && parts.every((p) => p.kind === 'text' && /^\*+$/.test(p.text));
  }

  private build(context: RequestContext | undefined, missing: string[]): Glob | undefined {
    const b = new GlobBuilder(this.fold);
    let failed = false;
    for (const p of this.parts) {
      if (p.kind === 'text') b.addWild(p.text);
      else if (p.kind === 'escaped') b.addLiteral(p.text);
      else {
        const value = resolveVariable(p, context, missing);
        if (value === undefined) failed = true;
        else b.addLiteral(value);
      }
    }
    return failed ? undefined : b.build();
  }

  /** The glob last built for a context that carries a revision (matches repeat with one context). */
  private last: { context: RequestContext; revision: number; glob: Glob | undefined; missing: readonly string[] } | undefined;

  /** Matches `text` (not yet case-folded). */
  match(text: string, context: RequestContext | undefined): PatternMatch {
    if (this.matchesAll) return MATCHED;
    const t = this.fold ? foldCase(text) : text;
    if (this.fixed !== undefined) return matchGlob(this.fixed, t) ? MATCHED : NOT_MATCHED;
    const last = this.last;
    let glob: Glob | undefined;
    let missing: readonly string[];
    if (last !== undefined && last.context === context && last.revision === context.revision) ({ glob, missing } = last);
    else {
      const found: string[] = [];
      glob = this.build(context, found);
      missing = found.length === 0 ? NO_MISSING : Object.freeze(found);
      // Only a context that tells its changes may be reused.
      this.last = context?.revision === undefined ? undefined : { context, revision: context.revision, glob, missing };
    }
    const matched = glob !== undefined && matchGlob(glob, t);
    if (missing === NO_MISSING) return matched ? MATCHED : NOT_MATCHED;
    return { matched, missingVariables: missing };
  }
}

/**
 * Compiles an IAM wildcard pattern (`*` any run of characters, `?` one character). AWS "IAM JSON
 * policy elements: Action" (wildcards match any combination of characters; action names are
 * case-insensitive) and "Condition operators", "String condition operators" (`StringLike`: `*`
 * and `?` anywhere in the value). A `?` stands for one UTF-16 code unit.
 */
export function compilePattern(pattern: string, options: PatternOptions): CompiledPattern {
  // Policy variables exist only in policies of Version 2012-10-17 (AWS "IAM JSON policy
  // elements: Version"); otherwise `${` is plain text.
  const parts: readonly TemplatePart[] =
    options.variables && pattern.includes('${') ? parseTemplate(pattern) : [{ kind: 'text', text: pattern }];
  const glob = new GlobPattern(parts, options.caseInsensitive);
  const literal = glob.literal;
  if (literal && !options.caseInsensitive) {
    const exact = parts.map((p) => (p.kind === 'variable' ? '' : p.text)).join('');
    return {
      source: pattern,
      literal,
      match: (text) => (text === exact ? MATCHED : NOT_MATCHED),
    };
  }
  return { source: pattern, literal, match: (text, context) => glob.match(text, context) };
}
