// The report formats the app exports, their file names and types, and the library's triage
// records turned into core's triage map. Pure: no core, React or Dexie at run time (types only).
import type { Triage } from '../../../core/index';
import type { IpcRequest } from '../../../ipc/schemas';
import type { TriageRecord } from '../../db/database';
import type { ReportFormat } from '../../worker/analysis';

/** A format offered by the Export report control. */
export type ExportFormat = 'html' | 'pdf' | 'csv' | 'principals-csv' | 'json' | 'md' | 'sarif';

/** One entry of the format picker. */
export interface ExportFormatInfo {
  id: ExportFormat;
  label: string;
  /** The report the worker writes (PDF prints the HTML report). */
  source: ReportFormat;
  /** The file name's ending, after the snapshot's label. */
  suffix: string;
  /** The type `export:save` is given (PDF goes through `export:pdf`). */
  mimeType: IpcRequest<'export:save'>['mimeType'] | 'application/pdf';
}

/** Every format, in the picker's order. */
export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  { id: 'html', label: 'HTML report', source: 'html', suffix: '-audit.html', mimeType: 'text/html' },
  { id: 'pdf', label: 'PDF report', source: 'html', suffix: '-audit.pdf', mimeType: 'application/pdf' },
  {
    id: 'csv',
    label: 'CSV, one row per finding',
    source: 'csv',
    suffix: '-findings.csv',
    mimeType: 'text/csv',
  },
  {
    id: 'principals-csv',
    label: 'CSV, one row per principal',
    source: 'principals-csv',
    suffix: '-principals.csv',
    mimeType: 'text/csv',
  },
  { id: 'json', label: 'JSON', source: 'json', suffix: '-audit.json', mimeType: 'application/json' },
  { id: 'md', label: 'Markdown', source: 'md', suffix: '-audit.md', mimeType: 'text/markdown' },
  {
    id: 'sarif',
    label: 'SARIF 2.1.0',
    source: 'sarif',
    suffix: '-audit.sarif',
    mimeType: 'application/sarif+json',
  },
];

/** The entry of format `id`. */
export function formatInfo(id: ExportFormat): ExportFormatInfo {
  return EXPORT_FORMATS.find((f) => f.id === id) ?? EXPORT_FORMATS[0]!;
}

/** The file name offered for a report of the snapshot labelled `label`. */
export function reportFileName(label: string, format: ExportFormat): string {
  const safe =
    label
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 80) || 'snapshot';
  return `${safe}${formatInfo(format).suffix}`;
}

/** The library's triage states in core's words (`fixed` is core's `resolved`). */
const STATES: Readonly<Record<TriageRecord['status'], Triage['state']>> = {
  open: 'open',
  'accepted-risk': 'accepted-risk',
  'false-positive': 'false-positive',
  fixed: 'resolved',
};

/** The triage of a snapshot's findings as the report writers take it: finding id → state and justification (the note, when there is one). */
export function reportTriage(records: readonly TriageRecord[]): [string, Triage][] {
  return records.map((r) => {
    const state = Object.hasOwn(STATES, r.status) ? STATES[r.status] : 'open';
    return [r.findingId, r.note.trim() ? { state, justification: r.note } : { state }];
  });
}
