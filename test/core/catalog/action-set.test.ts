// ActionSet: bitset operations, checked against Set<number>.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ActionSet } from '../../../core/catalog/action-set';

const SIZE = 100;
const ids = fc.array(fc.integer({ min: 0, max: SIZE - 1 }), { maxLength: 60 });
const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);

describe('ActionSet', () => {
  it('adds, tests and deletes ids', () => {
    const s = new ActionSet(SIZE).add(3).add(31).add(32).add(99);
    expect(s.has(3) && s.has(31) && s.has(32) && s.has(99)).toBe(true);
    expect(s.has(4)).toBe(false);
    s.delete(31);
    expect(s.has(31)).toBe(false);
    expect(s.toArray()).toEqual([3, 32, 99]);
  });

  it('rejects ids out of range when adding, and answers false when testing them', () => {
    const s = new ActionSet(SIZE);
    expect(() => s.add(SIZE)).toThrow(/out of range/);
    expect(() => s.add(-1)).toThrow(/out of range/);
    expect(() => s.add(1.5)).toThrow(/out of range/);
    expect(s.has(SIZE)).toBe(false);
  });

  it('refuses to combine sets of different sizes', () => {
    expect(() => new ActionSet(10).union(new ActionSet(11))).toThrow(/sizes differ/);
  });

  it('builds the full set without ids beyond its size', () => {
    for (const n of [0, 1, 31, 32, 33, 64, 100]) {
      const all = ActionSet.all(n);
      expect(all.count()).toBe(n);
      expect(all.complement().isEmpty()).toBe(true);
    }
  });

  it('agrees with Set<number> on union, intersection, difference, count and iteration', () => {
    fc.assert(
      fc.property(ids, ids, (a, b) => {
        const sa = ActionSet.of(SIZE, a);
        const sb = ActionSet.of(SIZE, b);
        const ra = new Set(a);
        const rb = new Set(b);
        expect(sa.toArray()).toEqual(sorted(ra));
        expect(sa.count()).toBe(ra.size);
        expect(sa.union(sb).toArray()).toEqual(sorted(new Set([...ra, ...rb])));
        expect(sa.intersect(sb).toArray()).toEqual(sorted([...ra].filter((x) => rb.has(x))));
        expect(sa.subtract(sb).toArray()).toEqual(sorted([...ra].filter((x) => !rb.has(x))));
        expect(sa.complement().count()).toBe(SIZE - ra.size);
        expect(sa.equals(ActionSet.of(SIZE, [...ra].reverse()))).toBe(true);
        expect(sa.isEmpty()).toBe(ra.size === 0);
        // The non-mutating forms leave their operands unchanged.
        expect(sa.toArray()).toEqual(sorted(ra));
      }),
      { numRuns: 500 },
    );
  });
});
