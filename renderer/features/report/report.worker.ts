// The report worker: one report per worker, read from the library and written here
// (report-library.ts), the text posted back once. Cancelling terminates it.
import { openDatabase } from '../../db/database';
import type { ReportOutcome } from '../../worker/analysis';
import { reportFromLibrary, type LibraryReportRequest } from './report-library';

const post = (m: ReportOutcome): void => self.postMessage(m);

self.onmessage = (e: MessageEvent<LibraryReportRequest>): void => {
  const { dbName, ...request } = e.data;
  const db = openDatabase(dbName);
  reportFromLibrary(db, request)
    .then(post, (err: unknown) =>
      post({
        kind: 'error',
        message: `report: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}`,
      }),
    )
    .finally(() => db.close());
};
