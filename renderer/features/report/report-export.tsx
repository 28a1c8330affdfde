// The Export report control: a format picker and a button that writes the audit report of the
// opened snapshot (evidence block, findings with their triage and justification) in a worker and
// saves it through `export:save`, or prints it through `export:pdf`. No core imports at run time.
import { useId, useRef, useState } from 'react';
import type { Services } from '../../app/context';
import { useServices } from '../../app/context';
import { download } from '../../app/web-api';
import { getSnapshot } from '../../db/library';
import type { Task } from '../../worker/client';
import { useAnalysis } from '../findings/analysis-state';
import { EXPORT_FORMATS, formatInfo, reportFileName, type ExportFormat } from './formats';
import { startReport } from './report-client';
import './report.css';

/** Where an export stands: the line under the control says it. */
type ExportState = { kind: 'idle'; message: string } | { kind: 'busy'; message: string; cancel?: () => void };

/**
 * Writes and saves one report of snapshot `snapshotId`: a worker reads the bundle, its hash, the
 * triage and the cached analysis from the library and writes the report (`onTask` receives its
 * cancel); then it is saved through `export:save`, or printed through `export:pdf`.
 * Resolves to the line to show.
 */
export async function exportReport(
  services: Services,
  snapshotId: string,
  format: ExportFormat,
  onTask: (task: Task<unknown>) => void,
  onStage: (message: string) => void,
): Promise<string> {
  const info = formatInfo(format);
  const [record, app, engineVersion] = await Promise.all([
    getSnapshot(services.db, snapshotId),
    services.api.appInfo(),
    services.engine.engineVersion(),
  ]);
  if (!record) return 'The snapshot is not in the library.';
  const task = startReport({
    dbName: services.db.name,
    snapshotId,
    format: info.source,
    toolVersion: app.version,
    engineVersion,
  });
  onTask(task);
  const built = await task.result;
  if (built.kind === 'cancelled') return 'The export was cancelled.';
  if (built.kind === 'error') return `The report could not be written: ${built.message}`;
  const suggestedName = reportFileName(record.label, format);
  if (info.mimeType === 'application/pdf') {
    onStage('Printing the PDF…');
    const r = await services.api.exportPdf({ suggestedName, html: built.text });
    if (r.kind === 'pdf') {
      download(r.name, 'application/pdf', r.base64, 'base64');
      return `Saved ${r.name}.`;
    }
    return r.kind === 'saved' ? `Saved ${r.name}.` : r.kind === 'error' ? r.message : '';
  }
  const r = await services.api.saveExport({ suggestedName, mimeType: info.mimeType, content: built.text });
  return r.kind === 'saved' ? `Saved ${r.name}.` : r.kind === 'error' ? r.message : '';
}

/** The Export report control for snapshot `snapshotId` (enabled once its analysis is done). */
export function ReportExport(props: { snapshotId: string }) {
  const services = useServices();
  const analysis = useAnalysis(services, props.snapshotId, false);
  const [format, setFormat] = useState<ExportFormat>('html');
  const [state, setState] = useState<ExportState>({ kind: 'idle', message: '' });
  const running = useRef(false);
  const selectId = useId();
  const ready = analysis.kind === 'ok';

  const run = async (): Promise<void> => {
    if (!ready || running.current) return;
    running.current = true;
    setState({ kind: 'busy', message: 'Writing the report…' });
    try {
      const message = await exportReport(
        services,
        props.snapshotId,
        format,
        (task) => setState({ kind: 'busy', message: 'Writing the report…', cancel: task.cancel }),
        (message) => setState({ kind: 'busy', message }),
      );
      setState({ kind: 'idle', message });
    } catch (e) {
      setState({ kind: 'idle', message: `The export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      running.current = false;
    }
  };

  const busy = state.kind === 'busy';
  return (
    <div className="report-export" role="group" aria-label="Export report">
      {/* Labelled by id, not by wrapping: the options' text would join the select's name. */}
      <label htmlFor={selectId}>Report format</label>
      <select
        id={selectId}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
        disabled={busy}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="primary"
        onClick={() => void run()}
        disabled={!ready || busy}
        title={ready ? undefined : 'Available when the analysis is done'}
      >
        {busy ? 'Exporting…' : 'Export report'}
      </button>
      {state.kind === 'busy' && state.cancel ? (
        <button type="button" onClick={state.cancel}>
          Cancel export
        </button>
      ) : null}
      <span className="muted report-export-status" role="status">
        {state.message}
      </span>
    </div>
  );
}
