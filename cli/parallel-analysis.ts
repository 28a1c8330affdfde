// Analyses two snapshot files at once, in worker threads (cli/analysis-worker.ts) or one of them in
// this thread: each worker imports its file and computes the escalation input and findings
// `diffSnapshots` would compute.
// Imports core/ (via core/index.ts) and node:*; never electron.
import { Worker } from 'node:worker_threads';
import { analyzeSnapshot, escalationOf, type EscalationInput, type Finding, type Snapshot } from '../core/index';

/** What a worker is given (`workerData`): the snapshot's path, never the snapshot itself. */
export interface AnalysisRequest {
  readonly file: string;
  readonly partial: boolean;
}

/** One snapshot's escalation input and findings. */
export interface SideAnalysis {
  readonly escalation: EscalationInput;
  readonly findings: readonly Finding[];
}

/** What a worker posts back once: the analysis, or the stage that failed with its one-line message. */
export type AnalysisReply =
  | ({ readonly kind: 'ok' } & SideAnalysis)
  | { readonly kind: 'error'; readonly stage: 'load' | 'escalation' | 'findings'; readonly message: string };

/** One side's outcome: a reply, or a worker that could not start or died before replying. */
export type SideOutcome = AnalysisReply | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * The workers at work: their outcomes (none for a side left to this process), the sides left to
 * this process, and a way to stop the workers (safe to call at any time).
 */
export interface ParallelAnalysis {
  readonly result: Promise<{ readonly old: SideOutcome | undefined; readonly new: SideOutcome | undefined }>;
  readonly inProcess: readonly ('old' | 'new')[];
  readonly cancel: () => void;
}

/** Options of startParallelAnalysis. */
export interface ParallelOptions {
  readonly partial: boolean;
  /** The worker module to run instead of the built or source one (tests use it to make a worker fail). */
  readonly workerUrl?: URL;
  /**
   * Sides analysed in this process by collectAnalyses, while the workers analyse the others (this
   * thread imports both files anyway: one worker for the new side saves an import and a start-up).
   */
  readonly inProcess?: readonly ('old' | 'new')[];
}

function firstLine(e: unknown): string {
  return e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
}

/**
 * The escalation input and findings of one loaded snapshot: the same calls, in the same order and
 * with the same options, as `diffSnapshots` makes when it is not given them.
 */
export function analyseSide(snapshot: Snapshot): AnalysisReply {
  let escalation: EscalationInput;
  try {
    escalation = escalationOf(snapshot);
  } catch (e) {
    return { kind: 'error', stage: 'escalation', message: firstLine(e) };
  }
  try {
    return { kind: 'ok', escalation, findings: analyzeSnapshot(snapshot, { escalation }).findings };
  } catch (e) {
    return { kind: 'error', stage: 'findings', message: firstLine(e) };
  }
}

/** The module URL tsx registers its loader from, for workers started from source. */
function tsxApiUrl(): string {
  return import.meta.resolve('tsx/esm/api');
}

/**
 * Starts one worker. Built (out/cli/*.js), the worker is the file the build emits beside this
 * chunk. From source (tsx, Vitest), Node 20 workers do not inherit tsx's loader, so a small
 * bootstrap registers it before importing the TypeScript entry.
 */
function spawn(request: AnalysisRequest, override: URL | undefined): Worker {
  // A young generation of 96 MB (V8's default is about a third of that) halves the scavenges of
  // the analysis, which makes short-lived objects by the million: the large account's comparison
  // measured 8.9 s with it, 9.8 s without (192 MB: 11.7 s).
  const options = { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 96 } };
  if (override) return new Worker(override, options);
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./analysis-worker.js', here), options);
  const entry = new URL('./analysis-worker.ts', here).href;
  const code = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

function isReply(x: unknown): x is AnalysisReply {
  return typeof x === 'object' && x !== null && Object.hasOwn(x, 'kind') && ((x as { kind: unknown }).kind === 'ok' || (x as { kind: unknown }).kind === 'error');
}

/** Runs one worker to its single reply; never rejects. */
function runWorker(request: AnalysisRequest, override: URL | undefined, started: Worker[]): Promise<SideOutcome> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = spawn(request, override);
    } catch (e) {
      resolve({ kind: 'unavailable', reason: firstLine(e) });
      return;
    }
    started.push(worker);
    let settled = false;
    const settle = (outcome: SideOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      void worker.terminate();
    };
    worker.on('message', (m: unknown) => settle(isReply(m) ? m : { kind: 'unavailable', reason: 'the worker sent an unexpected message' }));
    worker.on('messageerror', (e) => settle({ kind: 'unavailable', reason: firstLine(e) }));
    worker.on('error', (e) => settle({ kind: 'unavailable', reason: firstLine(e) }));
    worker.on('exit', (code) => settle({ kind: 'unavailable', reason: `the worker stopped (exit code ${code}) before replying` }));
  });
}

/**
 * Starts the analysis of the snapshot files in worker threads, one per side not left to this
 * process (`inProcess`). The outcome of a side is `unavailable` when its worker could not start or
 * died: the caller then analyses that side itself.
 */
export function startParallelAnalysis(oldFile: string, newFile: string, options: ParallelOptions): ParallelAnalysis {
  const started: Worker[] = [];
  const inProcess = options.inProcess ?? [];
  const side = (which: 'old' | 'new', file: string): Promise<SideOutcome | undefined> =>
    inProcess.includes(which) ? Promise.resolve(undefined) : runWorker({ file, partial: options.partial }, options.workerUrl, started);
  const oldSide = side('old', oldFile);
  const newSide = side('new', newFile);
  return {
    inProcess,
    result: Promise.all([oldSide, newSide]).then(([o, n]) => ({ old: o, new: n })),
    cancel: () => {
      for (const w of started) void w.terminate();
    },
  };
}

/**
 * Both sides' analyses for `diffSnapshots`, analysing in this process a side whose worker was
 * unavailable (`onFallback` says why). Undefined when an analysis failed: `diffSnapshots` then
 * runs both itself, so the failure is reported exactly as without workers.
 */
export async function collectAnalyses(
  running: ParallelAnalysis,
  snapshots: { readonly old: Snapshot; readonly new: Snapshot },
  onFallback: (side: 'old' | 'new', reason: string) => void,
): Promise<{ readonly old: SideAnalysis; readonly new: SideAnalysis } | undefined> {
  // The sides left to this process are analysed first, while the workers work.
  const local: { old?: AnalysisReply; new?: AnalysisReply } = {};
  for (const side of running.inProcess) local[side] = analyseSide(snapshots[side]);
  const outcomes = await running.result;
  const settle = (side: 'old' | 'new'): SideAnalysis | undefined => {
    let outcome: SideOutcome = local[side] ?? outcomes[side] ?? analyseSide(snapshots[side]);
    if (outcome.kind === 'unavailable' || (outcome.kind === 'error' && outcome.stage === 'load')) {
      // The file was imported here already, so a worker's import failure is the worker's, not the file's.
      onFallback(side, outcome.kind === 'unavailable' ? outcome.reason : outcome.message);
      outcome = analyseSide(snapshots[side]);
    }
    return outcome.kind === 'ok' ? { escalation: outcome.escalation, findings: outcome.findings } : undefined;
  };
  const o = settle('old');
  const n = o && settle('new');
  return o && n ? { old: o, new: n } : undefined;
}
