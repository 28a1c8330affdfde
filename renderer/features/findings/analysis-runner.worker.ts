// The analysis runner worker: reads a snapshot's analysis from the library's cache, or runs it
// (renderer/worker/analysis.ts) and stores it in the cache from here, and sends it to the UI thread
// in slices (analysis-slices.ts). The UI thread never clones the whole result at once, neither to
// receive it nor to store it. Its other task: the triage a snapshot carries from earlier snapshots
// of its account (triage-carry.ts). One request per worker: cancelling terminates it.
import { openDatabase } from '../../db/database';
import { cacheAnalysis, cachedAnalysis, getBundle, getSnapshot } from '../../db/library';
import { analyzeBundle, type AnalysisData } from '../../worker/analysis';
import {
  isAnalysis,
  sliceAnalysis,
  type CarryRequest,
  type RunnerAck,
  type RunnerMessage,
  type RunnerRequest,
} from './analysis-slices';
import { carriedTriage } from './triage-carry';

const post = (m: RunnerMessage): void => self.postMessage(m);

let acked: (() => void) | null = null;

/** Sends `data` slice by slice, each after the UI thread acknowledged the one before. */
async function send(data: AnalysisData, cached: boolean): Promise<void> {
  for (const m of sliceAnalysis(data, cached)) {
    const wait = m.kind === 'slice' ? new Promise<void>((ok) => (acked = ok)) : undefined;
    post(m);
    await wait;
  }
}

async function run(request: RunnerRequest): Promise<void> {
  const db = openDatabase(request.dbName);
  try {
    const record = await getSnapshot(db, request.id);
    if (!record) return post({ kind: 'error', message: 'the snapshot is not in the library' });
    const hit = await cachedAnalysis(db, record.hash, request.engineVersion);
    if (hit && isAnalysis(hit.result)) {
      return await send(hit.result, true);
    }
    post({ kind: 'progress', progress: { stage: 'reading the snapshot' } });
    const bundle = await getBundle(db, request.id);
    if (bundle === undefined) return post({ kind: 'error', message: 'the snapshot data is missing from the library' });
    const outcome = analyzeBundle(bundle, (progress) => post({ kind: 'progress', progress }));
    if (outcome.kind === 'error') return post({ kind: 'error', message: outcome.message });
    await send(outcome.data, false);
    const stored = await cacheAnalysis(db, record.hash, request.engineVersion, outcome.data);
    post(stored.kind === 'error' ? { kind: 'stored', error: stored.message } : { kind: 'stored' });
  } finally {
    db.close();
  }
}

async function carry(request: CarryRequest): Promise<void> {
  const db = openDatabase(request.dbName);
  try {
    post({ kind: 'carried', carried: await carriedTriage(db, request.id, request.engineVersion, request.findings) });
  } finally {
    db.close();
  }
}

self.onmessage = (e: MessageEvent<RunnerRequest | RunnerAck | CarryRequest>): void => {
  const m = e.data;
  if ('kind' in m && m.kind === 'ack') {
    acked?.();
    acked = null;
    return;
  }
  const task = 'kind' in m ? carry(m) : run(m);
  task.catch((err: unknown) =>
    post({ kind: 'error', message: err instanceof Error ? (err.message.split('\n')[0] ?? 'the analysis failed') : String(err) }),
  );
};
