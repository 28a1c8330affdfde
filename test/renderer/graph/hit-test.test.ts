// Hit testing with the quadtree: the node under a point, in graph coordinates.
import { describe, expect, it } from 'vitest';
import { buildHitIndex, hitTest } from '../../../renderer/graph/hit-test';
import { seededRandom } from '../../../renderer/graph/layout';

describe('hitTest', () => {
  const positions = Float32Array.from([0, 0, 100, 0, 105, 0, 50, 50]);
  const radii = Float32Array.from([5, 5, 20, 3]);
  const index = buildHitIndex(positions, radii);

  it('returns the node whose shape contains the point', () => {
    expect(hitTest(index, 1, 1)).toBe(0);
    expect(hitTest(index, 50, 52)).toBe(3);
  });

  it('returns -1 away from every node, and honours the slack', () => {
    expect(hitTest(index, 30, 30)).toBe(-1);
    expect(hitTest(index, 7, 0)).toBe(-1);
    expect(hitTest(index, 7, 0, 3)).toBe(0);
  });

  it('prefers the node whose edge is nearest when shapes overlap', () => {
    expect(hitTest(index, 100, 0)).toBe(2);
    expect(hitTest(index, 120, 0)).toBe(2);
  });

  it('skips nodes left out of the index', () => {
    const some = buildHitIndex(positions, radii, (i) => i !== 0);
    expect(hitTest(some, 1, 1)).toBe(-1);
  });

  it('agrees with a brute-force search on 10,000 random nodes', () => {
    const random = seededRandom(3);
    const n = 10_000;
    const pos = Float32Array.from({ length: n * 2 }, () => random() * 2000);
    const rad = Float32Array.from({ length: n }, () => 2 + random() * 6);
    const big = buildHitIndex(pos, rad);
    for (let q = 0; q < 200; q++) {
      const x = random() * 2000;
      const y = random() * 2000;
      let best = -1;
      let gap = Infinity;
      for (let i = 0; i < n; i++) {
        const g = Math.hypot((pos[i * 2] ?? 0) - x, (pos[i * 2 + 1] ?? 0) - y) - (rad[i] ?? 0);
        if (g <= 0 && g < gap) {
          gap = g;
          best = i;
        }
      }
      expect(hitTest(big, x, y)).toBe(best);
    }
  });
});
