// Worker-thread entry (started by cli/parallel-analysis.ts): imports one snapshot file with the
// CLI's importer, computes its escalation input and findings, and posts them back as plain data.
// Imports core/ only through cli modules that go through core/index.ts; never electron.
import { parentPort, workerData } from 'node:worker_threads';
import { analyseSide, type AnalysisReply, type AnalysisRequest } from './parallel-analysis';
import { loadSnapshot } from './snapshot-loader';

function isRequest(x: unknown): x is AnalysisRequest {
  return (
    typeof x === 'object' &&
    x !== null &&
    Object.hasOwn(x, 'file') &&
    typeof (x as { file: unknown }).file === 'string' &&
    Object.hasOwn(x, 'partial') &&
    typeof (x as { partial: unknown }).partial === 'boolean'
  );
}

/** Imports the request's file and analyses it; a file that cannot be used is a `load` error. */
export async function analyseFile(request: AnalysisRequest): Promise<AnalysisReply> {
  let snapshot;
  try {
    snapshot = (await loadSnapshot([request.file], { partial: request.partial })).snapshot;
  } catch (e) {
    return { kind: 'error', stage: 'load', message: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) };
  }
  return analyseSide(snapshot);
}

if (parentPort && isRequest(workerData)) {
  parentPort.postMessage(await analyseFile(workerData));
}
