// The analysis runner's messages: an analysis result cut into slices small enough that receiving
// one (a structured clone) never holds the UI thread long, sent one at a time (each acknowledged),
// and put back together on arrival.
// Pure data helpers; imports types only (no core code, no DOM).
import type { AnalysisData } from '../../worker/analysis';
import type { FindingKey } from '../../worker/triage-carry';
import type { Progress } from '../../worker/types';
import type { CarriedTriage } from './triage-effective';

/** The long arrays of an analysis result, sent in slices. */
export type SlicePart = 'findings' | 'paths' | 'nodes' | 'edges';

/** Items per slice: about half a megabyte of structured clone each on the large generated account. */
export const SLICE_SIZES: Readonly<Record<SlicePart, number>> = { findings: 200, paths: 400, nodes: 4000, edges: 4000 };

/** What the runner worker is asked for: snapshot `id` of library database `dbName`, cached under `engineVersion`. */
export interface RunnerRequest {
  dbName: string;
  id: string;
  engineVersion: string;
}

/**
 * The runner's other task: the triage carried to snapshot `id` from earlier snapshots of its
 * account (triage-carry.ts), for its findings' keys (not whole findings: those stay on the UI thread).
 */
export interface CarryRequest {
  kind: 'carry';
  dbName: string;
  id: string;
  engineVersion: string;
  findings: FindingKey[];
}

/** The UI thread's answer to a slice: received, send the next (one slice in flight, so frames can
 * be drawn between slices instead of after a queue of them). */
export interface RunnerAck {
  kind: 'ack';
}

/** A message of the runner worker to the UI thread. */
export type RunnerMessage =
  | { kind: 'progress'; progress: Progress }
  /** The result without its long arrays; slices follow, then `end`. */
  | { kind: 'head'; cached: boolean; data: AnalysisData }
  | { kind: 'slice'; part: SlicePart; items: unknown[] }
  | { kind: 'end' }
  /** After `end`: the fresh result is in the library's cache (or could not be stored). */
  | { kind: 'stored'; error?: string }
  /** The answer to a `CarryRequest`. */
  | { kind: 'carried'; carried: CarriedTriage[] }
  | { kind: 'error'; message: string };

/** True when `value` has the shape of an analysis result (a cache entry may be from anything). */
export function isAnalysis(value: unknown): value is AnalysisData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as AnalysisData).findings) &&
    Array.isArray((value as AnalysisData).paths) &&
    typeof (value as AnalysisData).escalation === 'object' &&
    (value as AnalysisData).escalation !== null &&
    Array.isArray((value as AnalysisData).escalation.nodes) &&
    Array.isArray((value as AnalysisData).escalation.edges)
  );
}

function arrayOf(data: AnalysisData, part: SlicePart): unknown[] {
  if (part === 'findings') return data.findings;
  if (part === 'paths') return data.paths;
  return part === 'nodes' ? data.escalation.nodes : data.escalation.edges;
}

/** The messages carrying `data`: its head, then every slice of its long arrays, then `end`. */
export function* sliceAnalysis(data: AnalysisData, cached: boolean): Generator<RunnerMessage> {
  yield { kind: 'head', cached, data: { ...data, findings: [], paths: [], escalation: { nodes: [], edges: [] } } };
  for (const part of Object.keys(SLICE_SIZES) as SlicePart[]) {
    const all = arrayOf(data, part);
    const size = SLICE_SIZES[part];
    for (let i = 0; i < all.length; i += size) yield { kind: 'slice', part, items: all.slice(i, i + size) };
  }
  yield { kind: 'end' };
}

/** Appends a slice's items to the result being put together (in place). */
export function addSlice(data: AnalysisData, part: SlicePart, items: readonly unknown[]): void {
  const target = arrayOf(data, part);
  for (const item of items) target.push(item);
}
