// The flat-array many-body force of large layouts: with θ = 0 it pushes exactly as d3's
// forceManyBody does, with θ > 0 close to it, and it separates coincident nodes.
import { describe, expect, it } from 'vitest';
import { forceManyBody, forceSimulation, type SimulationNodeDatum } from 'd3';
import { flatManyBody } from '../../../renderer/graph/many-body';
import { seededRandom } from '../../../renderer/graph/layout';

interface Body extends SimulationNodeDatum {
  index: number;
  x: number;
  y: number;
}

function points(n: number): Body[] {
  const random = seededRandom(3);
  return Array.from({ length: n }, (_, i) => ({ index: i, x: random() * 1000 - 500, y: (random() * 1000 - 500) * (i % 7 === 0 ? 0.01 : 1) }));
}

/** Velocities after one tick of `force` alone (no decay). */
function push(start: readonly Body[], force: Parameters<ReturnType<typeof forceSimulation<Body>>['force']>[1]): [number, number][] {
  const bodies = start.map((b) => ({ ...b, vx: 0, vy: 0 }));
  forceSimulation<Body>(bodies).randomSource(seededRandom(1)).velocityDecay(0).force('charge', force).stop().tick(1);
  return bodies.map((b, i) => [b.x - (start[i]?.x ?? 0), b.y - (start[i]?.y ?? 0)]);
}

describe('flatManyBody', () => {
  it('pushes exactly as d3 does when θ is 0', () => {
    const start = points(400);
    const ours = push(start, flatManyBody<Body>(-40, 0));
    const d3 = push(start, forceManyBody<Body>().strength(-40).theta(0));
    ours.forEach(([x, y], i) => {
      const [ex, ey] = d3[i] ?? [0, 0];
      expect(x).toBeCloseTo(ex, 9);
      expect(y).toBeCloseTo(ey, 9);
    });
  });

  it('stays within a few percent of d3 in total when θ is 1.2', () => {
    const start = points(1500);
    const ours = push(start, flatManyBody<Body>(-40, 1.2));
    const exact = push(start, forceManyBody<Body>().strength(-40).theta(0));
    let error = 0;
    let size = 0;
    ours.forEach(([x, y], i) => {
      const [ex, ey] = exact[i] ?? [0, 0];
      error += Math.hypot(x - ex, y - ey);
      size += Math.hypot(ex, ey);
    });
    expect(error / size).toBeLessThan(0.05);
  });

  it('moves two nodes at the same place apart', () => {
    const start: Body[] = [
      { index: 0, x: 10, y: 10 },
      { index: 1, x: 10, y: 10 },
      { index: 2, x: 200, y: -50 },
    ];
    const [a, b] = push(start, flatManyBody<Body>(-40, 0.9));
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(Math.hypot((a?.[0] ?? 0) - (b?.[0] ?? 0), (a?.[1] ?? 0) - (b?.[1] ?? 0))).toBeGreaterThan(0);
    expect([...(a ?? []), ...(b ?? [])].every(Number.isFinite)).toBe(true);
  });
});
