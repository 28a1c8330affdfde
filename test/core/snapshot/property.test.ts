import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, toBundle } from '../../../core/snapshot/index';
import { clone, loadFixture, loadSample, urlEncodeDocuments } from './helpers';

type Key = string | number;

/** Every path to a value inside `root` (objects and arrays), root excluded. */
function pathsOf(root: unknown): Key[][] {
  const out: Key[][] = [];
  const stack: [unknown, Key[]][] = [[root, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push([c, [...path, i]]));
    else if (typeof v === 'object' && v !== null)
      for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], [...path, k]]);
  }
  return out;
}

type Mutation =
  | { op: 'delete' | 'wrap' | 'unwrap' | 'stringify' | 'encode'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'proto'; at: number; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('delete', 'wrap', 'unwrap', 'stringify', 'encode' as const),
    at: fc.nat(),
  }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ op: fc.constant('proto' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
) as fc.Arbitrary<Mutation>;

/** Applies one mutation to `root` in place (or returns a new root when the root itself changes). */
function mutate(root: unknown, m: Mutation): unknown {
  const paths = pathsOf(root);
  if (paths.length === 0) return root;
  const path = paths[m.at % paths.length]!;
  let parent = root as Record<Key, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<Key, unknown>;
  const key = path[path.length - 1]!;
  const current = parent[key];
  const set = (v: unknown): void => {
    Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
  };
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'wrap':
      set([current]);
      break;
    case 'unwrap':
      set(Array.isArray(current) ? current[0] : current);
      break;
    case 'stringify':
      set(JSON.stringify(current ?? null));
      break;
    case 'encode':
      set(encodeURIComponent(JSON.stringify(current ?? null)).slice(0, 1 + (m.at % 200)));
      break;
    case 'replace':
      set(clone(m.value));
      break;
    case 'proto': {
      const target =
        typeof current === 'object' && current !== null && !Array.isArray(current) ? current : parent;
      // An own `__proto__` or `constructor` key, as JSON.parse creates one (never on an array).
      if (Array.isArray(target)) break;
      Object.defineProperty(target, m.at % 2 === 0 ? '__proto__' : 'constructor', {
        value: clone(m.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      break;
    }
  }
  return root;
}

const bases: unknown[] = [
  loadFixture('small-account.json'),
  loadFixture('small-bundle.json'),
  loadSample('awscli-doc-example.json'),
  urlEncodeDocuments(loadFixture('small-account.json')),
];

describe('import of mutated inputs', () => {
  it('never throws, and reports problems only as one-line diagnostics', () => {
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (base, mutations, asPages) => {
          let value = clone(bases[base]);
          for (const m of mutations) value = mutate(value, m);
          const result = parseSnapshot([{ name: 'mutated.json', value: asPages ? [value] : value }]);
          for (const d of result.diagnostics) {
            expect(typeof d.id).toBe('string');
            expect(typeof d.path).toBe('string');
            expect(d.message).not.toMatch(/\n/);
          }
          if (result.kind === 'error') {
            expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          } else {
            expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
            // What imported can be written as a bundle and imported again.
            const again = parseSnapshot([
              { name: 'again.json', value: JSON.parse(JSON.stringify(toBundle(result.snapshot))) },
            ]);
            expect(again.kind).toBe('ok');
          }
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = parseSnapshot([{ name: 'any.json', value }]);
        expect(['ok', 'error']).toContain(result.kind);
      }),
      { numRuns: 300 },
    );
  });
});
