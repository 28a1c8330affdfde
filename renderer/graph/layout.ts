// Force layout of a scene with d3-force on a tick budget, deterministic for a seed (seeded PRNG
// for d3's randomSource and for the initial positions). Runs in the layout worker or, as a
// fallback, on the main thread. Imports no React, no DOM and nothing from the app.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type Force, type SimulationNodeDatum } from 'd3';
import { flatManyBody } from './many-body';

/** What the layout needs: typed arrays only, so they can be transferred to a worker. */
export interface LayoutInput {
  readonly nodeCount: number;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Group code per node (-1 for none): nodes of a group start near each other. */
  readonly groups: Int32Array;
  /** Radius per node in graph units (for collision). */
  readonly radii: Float32Array;
  /** Known positions (x, y per node; NaN when unknown) to start from, e.g. after a filter change. */
  readonly initial?: Float32Array;
}

/** The budget and seed of a layout run. */
export interface LayoutOptions {
  readonly seed: number;
  /** Largest number of ticks (the cooling schedule is fitted to it). */
  readonly maxTicks: number;
  /** Largest wall-clock time in milliseconds (Infinity in deterministic tests). */
  readonly maxMs: number;
}

/** Progress of a layout run. */
export interface LayoutProgress {
  readonly ticks: number;
  readonly maxTicks: number;
  readonly alpha: number;
}

/** Result of a layout run: x, y per node. */
export interface LayoutResult {
  readonly positions: Float32Array;
  readonly ticks: number;
  readonly ms: number;
  readonly stoppedBy: 'ticks' | 'time' | 'settled';
}

/** A default budget: fewer ticks for larger graphs, never more than 3.5 seconds. */
export function defaultLayoutOptions(nodeCount: number, seed = 1): LayoutOptions {
  const maxTicks = nodeCount > 5000 ? 120 : nodeCount > 1000 ? 200 : 300;
  return { seed, maxTicks, maxMs: 3500 };
}

/** A seeded PRNG (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often (in ticks; even, as the many-body force of large graphs runs every other tick) a timed layout refits its cooling. */
const REFIT_EVERY = 4;
/** The first tick a timed layout refits its cooling at. */
const REFIT_FROM = 10;
/** Share of the time budget a timed layout plans to use (the rest absorbs slower late ticks). */
const TIME_USE = 0.9;

interface Body extends SimulationNodeDatum {
  index: number;
  x: number;
  y: number;
}

/**
 * Runs `inner` on every `every`-th tick only and, on the ticks between, re-applies its last
 * velocity change scaled by the cooling (repulsion changes slowly from one tick to the next).
 */
export function everyOtherTick<N extends SimulationNodeDatum>(inner: Force<N, never>, every: number): Force<N, never> {
  let nodes: N[] = [];
  let dvx = new Float32Array(0);
  let dvy = new Float32Array(0);
  let lastAlpha = 1;
  let tick = 0;
  const force = (alpha: number): void => {
    if (every <= 1 || tick++ % every === 0) {
      for (let i = 0; i < nodes.length; i++) {
        const d = nodes[i] as N;
        dvx[i] = d.vx ?? 0;
        dvy[i] = d.vy ?? 0;
      }
      inner(alpha);
      for (let i = 0; i < nodes.length; i++) {
        const d = nodes[i] as N;
        dvx[i] = (d.vx ?? 0) - (dvx[i] ?? 0);
        dvy[i] = (d.vy ?? 0) - (dvy[i] ?? 0);
      }
      lastAlpha = alpha;
      return;
    }
    const scale = lastAlpha > 0 ? alpha / lastAlpha : 0;
    for (let i = 0; i < nodes.length; i++) {
      const d = nodes[i] as N;
      d.vx = (d.vx ?? 0) + (dvx[i] ?? 0) * scale;
      d.vy = (d.vy ?? 0) + (dvy[i] ?? 0) * scale;
    }
  };
  force.initialize = (list: N[], random: () => number): void => {
    nodes = list;
    dvx = new Float32Array(list.length);
    dvy = new Float32Array(list.length);
    tick = 0;
    inner.initialize?.(list, random);
  };
  return force;
}

/** Initial positions: each group's centre at a seeded point of a disc, its nodes around it. */
export function initialPositions(input: LayoutInput, seed: number): Float32Array {
  const n = input.nodeCount;
  const random = seededRandom(seed ^ 0x9e3779b9);
  const spread = 12 * Math.sqrt(n + 1);
  const centres = new Map<number, [number, number]>();
  const pos = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const known = input.initial;
    const kx = known ? known[i * 2] : undefined;
    const ky = known ? known[i * 2 + 1] : undefined;
    if (kx !== undefined && ky !== undefined && Number.isFinite(kx) && Number.isFinite(ky)) {
      pos[i * 2] = kx;
      pos[i * 2 + 1] = ky;
      continue;
    }
    const g = input.groups[i] ?? -1;
    let cx = 0;
    let cy = 0;
    let r = spread;
    if (g >= 0) {
      let c = centres.get(g);
      if (!c) {
        const a = random() * 2 * Math.PI;
        const d = spread * Math.sqrt(random());
        c = [d * Math.cos(a), d * Math.sin(a)];
        centres.set(g, c);
      }
      [cx, cy] = c;
      r = spread / 6;
    }
    const a = random() * 2 * Math.PI;
    const d = r * Math.sqrt(random());
    pos[i * 2] = cx + d * Math.cos(a);
    pos[i * 2 + 1] = cy + d * Math.sin(a);
  }
  return pos;
}

/** Lays out the graph; stops after `maxTicks`, after `maxMs`, or when the simulation settles. */
export function runLayout(input: LayoutInput, options: LayoutOptions, onProgress?: (p: LayoutProgress) => void): LayoutResult {
  const started = performance.now();
  const n = input.nodeCount;
  const start = initialPositions(input, options.seed);
  const bodies: Body[] = new Array<Body>(n);
  for (let i = 0; i < n; i++) bodies[i] = { index: i, x: start[i * 2] ?? 0, y: start[i * 2 + 1] ?? 0 };
  const links: { source: number; target: number }[] = [];
  for (let e = 0; e < input.edgeSource.length; e++) {
    const s = input.edgeSource[e];
    const t = input.edgeTarget[e];
    if (s === undefined || t === undefined || s === t || s < 0 || t < 0 || s >= n || t >= n) continue;
    links.push({ source: s, target: t });
  }
  const maxTicks = Math.max(1, Math.floor(options.maxTicks));
  const alphaMin = 0.002;
  const large = n > 3000;
  const simulation = forceSimulation<Body>(bodies)
    .randomSource(seededRandom(options.seed))
    .alphaMin(alphaMin)
    .alphaDecay(1 - Math.pow(alphaMin, 1 / maxTicks))
    .velocityDecay(0.4)
    .force(
      'link',
      forceLink<Body, { source: number | Body; target: number | Body }>(links)
        .id((d) => d.index)
        // Far enough apart that shapes and labels do not overlap: radii of both ends plus a gap.
        .distance((l) => 24 + (input.radii[(l.source as Body).index] ?? 4) + (input.radii[(l.target as Body).index] ?? 4))
        .iterations(1),
    )
    // Large graphs use the flat-array Barnes–Hut (same force, several times faster than d3's).
    .force('charge', large ? everyOtherTick(flatManyBody<Body>(-40, 1.2), 2) : (forceManyBody<Body>().strength(-40).theta(0.9) as Force<Body, never>))
    .force('x', forceX<Body>(0).strength(0.04))
    .force('y', forceY<Body>(0).strength(0.04))
    .stop();
  // Collisions only in the last third on large graphs (the costliest force, needed only at the end).
  const collide = forceCollide<Body>((d) => (input.radii[d.index] ?? 4) + 1.5).iterations(1);
  let collideFrom = large ? Math.floor(maxTicks * 0.66) : 0;
  // On a time budget, the cooling is refitted to the ticks that fit in it (see below).
  const timed = Number.isFinite(options.maxMs);
  let coolBy = maxTicks;
  let checkedAt = started;
  let ticks = 0;
  let stoppedBy: LayoutResult['stoppedBy'] = 'ticks';
  while (ticks < maxTicks) {
    if ((ticks >= collideFrom || (large && performance.now() - started > options.maxMs * 0.7)) && !simulation.force('collide')) simulation.force('collide', collide);
    simulation.tick();
    ticks++;
    if (simulation.alpha() < alphaMin) {
      stoppedBy = 'settled';
      break;
    }
    // Every few ticks after the first (slow while the code warms up), project how many ticks fit
    // in the time left at the recent tick cost and refit the cooling to end then: a run then ends
    // cooled, with the collisions applied, instead of being cut off hot (nodes still flying).
    if (timed && ticks % REFIT_EVERY === 0) {
      const now = performance.now();
      const perTick = (now - checkedAt) / REFIT_EVERY;
      checkedAt = now;
      if (ticks >= REFIT_FROM) {
        const fit = ticks + Math.floor((options.maxMs * TIME_USE - (now - started)) / Math.max(perTick, 1e-3));
        const next = Math.max(ticks + 2, Math.min(maxTicks, fit));
        if (next !== coolBy) {
          coolBy = next;
          simulation.alphaDecay(1 - Math.pow(alphaMin / simulation.alpha(), 1 / (coolBy - ticks)));
          if (large) collideFrom = Math.floor(coolBy * 0.66);
        }
      }
    }
    if (performance.now() - started > options.maxMs) {
      stoppedBy = 'time';
      break;
    }
    if (onProgress && ticks % 10 === 0) onProgress({ ticks, maxTicks, alpha: simulation.alpha() });
  }
  const positions = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const b = bodies[i];
    positions[i * 2] = b ? b.x : 0;
    positions[i * 2 + 1] = b ? b.y : 0;
  }
  return { positions, ticks, ms: performance.now() - started, stoppedBy };
}
