// The analysis's progress line (with Cancel) and its cancelled/error line (with Run again),
// shared by the Overview, Findings and Graph views. No core imports.
import { useServices } from '../../app/context';
import { analysisLine, startAnalysis, type AnalysisState } from './analysis-state';

/** Shows where the analysis stands unless it is done. */
export function AnalysisStatus(props: { snapshotId: string; state: AnalysisState }) {
  const services = useServices();
  const s = props.state;
  if (s.kind === 'idle' || s.kind === 'ok') return null;
  if (s.kind === 'running') {
    const pct = s.progress.total ? Math.round(((s.progress.done ?? 0) / s.progress.total) * 100) : undefined;
    return (
      <div className="status working" role="status" data-testid="analysis-status">
        <span>{analysisLine(s)}</span>
        <progress max={100} value={pct} aria-label="Analysis progress" />
        <button type="button" className="small" onClick={s.cancel}>
          Cancel analysis
        </button>
      </div>
    );
  }
  return (
    <div
      className={`status${s.kind === 'error' ? ' error-line' : ''}`}
      role={s.kind === 'error' ? 'alert' : 'status'}
      data-testid="analysis-status"
    >
      <span>{analysisLine(s)}</span>
      <button type="button" className="small" onClick={() => startAnalysis(services, props.snapshotId)}>
        Run the analysis
      </button>
    </div>
  );
}
