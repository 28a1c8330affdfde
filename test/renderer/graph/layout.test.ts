// The force layout: deterministic for a seed with a fixed tick count, on a budget, and the
// every-other-tick wrapper of the many-body force.
import { describe, expect, it } from 'vitest';
import { buildScene } from '../../../renderer/graph/scene';
import { initialPositions, runLayout, seededRandom, type LayoutInput } from '../../../renderer/graph/layout';
import { smallGraph } from '../../bench/graph-view/synthetic';

function smallInput(): LayoutInput {
  const scene = buildScene(smallGraph().graph);
  return { nodeCount: scene.ids.length, edgeSource: scene.edgeSource, edgeTarget: scene.edgeTarget, groups: scene.groups, radii: new Float32Array(scene.ids.length).fill(5) };
}

const fixed = { seed: 42, maxTicks: 120, maxMs: Infinity };

describe('runLayout', () => {
  it('gives identical positions for the same seed and tick count', () => {
    const a = runLayout(smallInput(), fixed);
    const b = runLayout(smallInput(), fixed);
    expect(a.ticks).toBe(120);
    expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
  });

  it('places the small graph at the same rounded coordinates every run', () => {
    const { positions } = runLayout(smallInput(), fixed);
    const first = Array.from(positions.slice(0, 8), (v) => Math.round(v));
    expect(first).toMatchInlineSnapshot(`
      [
        20,
        -29,
        22,
        -65,
        -27,
        -116,
        -85,
        -9,
      ]
    `);
  });

  it('gives other positions for another seed', () => {
    const a = runLayout(smallInput(), fixed);
    const b = runLayout(smallInput(), { ...fixed, seed: 43 });
    expect(Array.from(a.positions)).not.toEqual(Array.from(b.positions));
  });

  it('stops after the tick budget', () => {
    const r = runLayout(smallInput(), { seed: 1, maxTicks: 7, maxMs: Infinity });
    expect(r.ticks).toBe(7);
    expect(r.stoppedBy).toBe('ticks');
  });

  it('stops on the time budget when it is spent', () => {
    const r = runLayout(smallInput(), { seed: 1, maxTicks: 10_000, maxMs: 0 });
    expect(r.ticks).toBe(1);
    expect(r.stoppedBy).toBe('time');
  });

  it('returns finite positions, two per node, with connected nodes nearer than unconnected ones on average', () => {
    const input = smallInput();
    const { positions } = runLayout(input, fixed);
    expect(positions.length).toBe(input.nodeCount * 2);
    expect(Array.from(positions).every(Number.isFinite)).toBe(true);
    const dist = (i: number, j: number) => Math.hypot((positions[i * 2] ?? 0) - (positions[j * 2] ?? 0), (positions[i * 2 + 1] ?? 0) - (positions[j * 2 + 1] ?? 0));
    let linked = 0;
    for (let e = 0; e < input.edgeSource.length; e++) linked += dist(input.edgeSource[e] ?? 0, input.edgeTarget[e] ?? 0);
    linked /= input.edgeSource.length;
    let all = 0;
    let pairs = 0;
    for (let i = 0; i < input.nodeCount; i++) for (let j = i + 1; j < input.nodeCount; j++, pairs++) all += dist(i, j);
    expect(linked).toBeLessThan(all / pairs);
  });

  it('starts from known positions when they are given', () => {
    const input = smallInput();
    const initial = new Float32Array(input.nodeCount * 2).fill(Number.NaN);
    initial[0] = 1234;
    initial[1] = -99;
    const start = initialPositions({ ...input, initial }, 5);
    expect(start[0]).toBe(1234);
    expect(start[1]).toBe(-99);
    expect(Number.isFinite(start[2])).toBe(true);
  });

  it('ignores edges that point outside the node range', () => {
    const input = { ...smallInput(), edgeSource: Int32Array.from([0, -1, 9999]), edgeTarget: Int32Array.from([1, 2, 0]) };
    const r = runLayout(input, { seed: 1, maxTicks: 5, maxMs: Infinity });
    expect(Array.from(r.positions).every(Number.isFinite)).toBe(true);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
