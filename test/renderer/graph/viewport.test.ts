// Viewport arithmetic: visible rectangle, bounds and fitting a view.
import { describe, expect, it } from 'vitest';
import { bounds, fitView, robustBounds, visibleRect } from '../../../renderer/graph/viewport';

describe('viewport', () => {
  it('maps the screen back to graph coordinates', () => {
    expect(visibleRect({ x: 100, y: 50, k: 2 }, 400, 300)).toEqual({ x0: -50, y0: -25, x1: 150, y1: 125 });
  });

  it('bounds points, skipping non-finite ones', () => {
    expect(bounds(Float32Array.from([1, 2, -3, 8, Number.NaN, 0]))).toEqual({ x0: -3, y0: 2, x1: 1, y1: 8 });
    expect(bounds(new Float32Array(0))).toBeNull();
  });

  it('fits a rectangle in the screen, centred, with the scale clamped', () => {
    const v = fitView({ x0: 0, y0: 0, x1: 100, y1: 100 }, 300, 200, 0);
    expect(v.k).toBe(2);
    expect(v.x + 50 * v.k).toBe(150);
    expect(v.y + 50 * v.k).toBe(100);
    expect(fitView({ x0: 0, y0: 0, x1: 1e9, y1: 1 }, 300, 200, 0, 0.5).k).toBe(0.5);
  });

  it('leaves far outliers out of the robust bounds', () => {
    const points = new Float32Array(202);
    for (let i = 0; i < 100; i++) {
      points[i * 2] = i;
      points[i * 2 + 1] = -i;
    }
    points[200] = 1e6;
    points[201] = 1e6;
    const box = robustBounds(points, 0.01);
    expect(box?.x1).toBe(99);
    expect(box?.y0).toBe(-98);
    expect(robustBounds(new Float32Array(0))).toBeNull();
  });
});
