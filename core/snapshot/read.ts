// Careful readers of untrusted parsed JSON: own properties only, lists that may arrive as single
// values, bounded depth checks, policy documents in either of AWS's forms. Imports only core/.
import type { Diagnostic } from '../model/diagnostic';
import type { ExtraFields, ImportDiagnostic, StoredPolicy, Tag } from '../model/snapshot';
import {
  describe,
  isJsonObject,
  normalizePolicyDocument,
  ownValue,
  parsePolicyText,
} from '../policy/normalize';

/** Deepest nesting kept in a policy document or an unknown field; deeper values are rejected. */
export const MAX_DEPTH = 64;

/** One problem found while reading an entity: where and what. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Collects diagnostics of one import, tagging each with the current input's name. */
export class Diagnostics {
  readonly list: ImportDiagnostic[] = [];
  input: string | undefined;

  /** Adds an error. */
  error(id: string, path: string, message: string): void {
    this.list.push(this.make(id, 'error', path, message));
  }

  /** Adds a warning. */
  warning(id: string, path: string, message: string): void {
    this.list.push(this.make(id, 'warning', path, message));
  }

  /** Adds a diagnostic from elsewhere in core (the policy normaliser), tagged with the input. */
  add(d: Diagnostic): void {
    this.list.push(this.input === undefined ? d : { ...d, input: this.input });
  }

  /** True when an error was recorded. */
  get failed(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }

  private make(id: string, severity: 'error' | 'warning', path: string, message: string): ImportDiagnostic {
    return this.input === undefined
      ? { id, severity, path, message }
      : { id, severity, path, message, input: this.input };
  }
}

/** True when `value` nests objects or arrays deeper than `max` levels (stops early). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  // Recursion is bounded by `max`: it never goes deeper than that many frames.
  const deeper = (v: unknown, depth: number): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (const c of v) if (deeper(c, depth + 1)) return true;
    } else {
      for (const k in v) if (deeper((v as Record<string, unknown>)[k], depth + 1)) return true;
    }
    return false;
  };
  return deeper(value, 1);
}

/**
 * Reads the fields of one input object. Problems are collected, not thrown: the caller decides
 * whether they drop the entity. Fields read are remembered so the rest can be kept as `extra`.
 */
export class ObjectReader {
  readonly problems: Problem[] = [];
  readonly warnings: Diagnostic[] = [];
  private readonly known = new Set<string>();

  constructor(
    readonly obj: Record<string, unknown>,
    readonly path: string,
  ) {}

  /** Path of a field of this object. */
  at(key: string): string {
    return `${this.path}.${key}`;
  }

  /** Records a problem. */
  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** The raw own value of `key` (`null` treated as absent), marking the key as known. */
  raw(key: string): unknown {
    this.known.add(key);
    const v = ownValue(this.obj, key);
    return v === null ? undefined : v;
  }

  /** A string field; a missing required one or a wrong type is a problem. */
  string(key: string, required = false): string | undefined {
    const v = this.raw(key);
    if (v === undefined) {
      if (required) this.problem(this.at(key), `missing \`${key}\``);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problem(this.at(key), `expected a string, found ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A number field. */
  number(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number') {
      this.problem(this.at(key), `expected a number, found ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A boolean field. */
  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') {
      this.problem(this.at(key), `expected true or false, found ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /**
   * A list field with the path of each item. Quirk of real files: a list that holds one item may
   * arrive as that item alone (`"AttachedManagedPolicies": {…}`), so a non-list is a list of one.
   */
  list(key: string): { value: unknown; path: string }[] {
    const v = this.raw(key);
    if (v === undefined) return [];
    const p = this.at(key);
    if (Array.isArray(v)) return v.map((value, i) => ({ value, path: `${p}[${i}]` }));
    return [{ value: v, path: p }];
  }

  /** A list of strings (a single string is a list of one). */
  strings(key: string): string[] {
    const out: string[] = [];
    for (const { value, path } of this.list(key)) {
      if (typeof value === 'string') out.push(value);
      else this.problem(path, `expected a string, found ${describe(value)}`);
    }
    return out;
  }

  /** A list of objects, each read by `read` (which gets a reader for the item). */
  objects<T>(key: string, read: (item: ObjectReader) => T | undefined): T[] {
    const out: T[] = [];
    for (const { value, path } of this.list(key)) {
      if (!isJsonObject(value)) {
        this.problem(path, `expected an object, found ${describe(value)}`);
        continue;
      }
      const item = new ObjectReader(value, path);
      const result = read(item);
      this.problems.push(...item.problems);
      this.warnings.push(...item.warnings);
      if (result !== undefined) out.push(result);
    }
    return out;
  }

  /** An object field read by `read`. */
  object<T>(key: string, read: (item: ObjectReader) => T): T | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!isJsonObject(v)) {
      this.problem(this.at(key), `expected an object, found ${describe(v)}`);
      return undefined;
    }
    const item = new ObjectReader(v, this.at(key));
    const result = read(item);
    this.problems.push(...item.problems);
    this.warnings.push(...item.warnings);
    return result;
  }

  /** `Tags`: a list of `{Key, Value}` (a single tag object is a list of one). */
  tags(key = 'Tags'): Tag[] {
    return this.objects(key, (t) => {
      const k = t.string('Key', true);
      const v = t.string('Value') ?? '';
      return k === undefined ? undefined : { key: k, value: v };
    });
  }

  /** A policy document field: an object (CLI) or URL-encoded / JSON text (raw API). */
  policy(key: string, required = false): StoredPolicy | undefined {
    const v = this.raw(key);
    const p = this.at(key);
    if (v === undefined) {
      if (required) this.problem(p, `missing \`${key}\``);
      return undefined;
    }
    const r = readPolicyDocument(v, p);
    if (r.kind === 'error') {
      this.problem(r.problem.path, r.problem.message);
      return undefined;
    }
    this.warnings.push(...r.warnings);
    return r.policy;
  }

  /** Unknown fields, kept as given; one nesting deeper than MAX_DEPTH is left out with a warning. */
  extra(): ExtraFields {
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(this.obj)) {
      if (this.known.has(key)) continue;
      const value = this.obj[key];
      if (nestsDeeperThan(value, MAX_DEPTH)) {
        this.warnings.push({
          id: 'snapshot.field.too-deep',
          severity: 'warning',
          path: this.at(key),
          message: `unknown field nests deeper than ${MAX_DEPTH} levels and is left out`,
        });
        continue;
      }
      entries.push([key, value]);
    }
    return Object.fromEntries(entries);
  }
}

/** Reads one policy document in either form and normalises it; any error makes it unusable. */
export function readPolicyDocument(
  value: unknown,
  path: string,
): { kind: 'ok'; policy: StoredPolicy; warnings: Diagnostic[] } | { kind: 'error'; problem: Problem } {
  let parsed: unknown;
  let text: string;
  if (typeof value === 'string') {
    const r = parsePolicyText(value, path);
    const first = r.diagnostics.find((d) => d.severity === 'error');
    if (first) return { kind: 'error', problem: { path: first.path, message: first.message } };
    parsed = r.value;
    text = r.text;
  } else {
    parsed = value;
    text = '';
  }
  if (nestsDeeperThan(parsed, MAX_DEPTH)) {
    return {
      kind: 'error',
      problem: { path, message: `policy document nests deeper than ${MAX_DEPTH} levels` },
    };
  }
  const n = normalizePolicyDocument(parsed, path);
  const error = n.diagnostics.find((d) => d.severity === 'error');
  if (error || !n.document) {
    const e = error ?? { path, message: 'not a policy document' };
    return { kind: 'error', problem: { path: e.path, message: e.message } };
  }
  if (typeof value !== 'string') text = JSON.stringify(parsed);
  return {
    kind: 'ok',
    policy: { text, document: n.document },
    warnings: n.diagnostics.filter((d) => d.severity === 'warning'),
  };
}
