// Runs one report in a worker of its own (report.worker.ts), so a 10,000-finding report never
// blocks the UI and the UI thread never clones the analysis; cancelling terminates that worker.
import type { ReportOutcome } from '../../worker/analysis';
import type { Task } from '../../worker/client';
import type { LibraryReportRequest } from './report-library';

/** Builds a report off the UI thread; resolves to its text, an error or `cancelled`. */
export function startReport(request: LibraryReportRequest): Task<ReportOutcome | { kind: 'cancelled' }> {
  const worker = new Worker(new URL('./report.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ariadne-report',
  });
  let settle!: (v: ReportOutcome | { kind: 'cancelled' }) => void;
  const result = new Promise<ReportOutcome | { kind: 'cancelled' }>((ok) => (settle = ok));
  const finish = (v: ReportOutcome | { kind: 'cancelled' }): void => {
    worker.terminate();
    settle(v);
  };
  worker.onmessage = (e: MessageEvent<ReportOutcome>) => finish(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    finish({ kind: 'error', message: `report: ${e.message || 'the report worker failed'}` });
  };
  worker.postMessage(request);
  return { result, cancel: () => finish({ kind: 'cancelled' }) };
}
