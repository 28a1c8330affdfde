// Runs a comparison for the view: the structure and effective access first (in the comparison's own
// worker), then findings and escalation paths once both snapshots' analyses are ready (cached in the
// library, or run by the shared analysis state as the Findings view does). The last comparison is
// kept, so Back from a linked view is instant. No core imports.
import { startTransition, useEffect, useRef, useState } from 'react';
import type { Services } from '../../app/context';
import type { AnalysisData } from '../../worker/analysis';
import type { CompareAnalysis, Comparison, Progress } from '../../worker/types';
import { useAnalysis, type AnalysisState } from '../findings/analysis-state';
import { startCompareSession, type CompareSession } from './compare-client';
import { mergeFindings } from './compare-model';

/** Where the structural comparison stands. */
export type CompareState =
  | { kind: 'running'; progress: Progress }
  | { kind: 'ok'; comparison: Comparison }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

/** Where the findings part stands. */
export type FindingsPart =
  | { kind: 'waiting'; old: AnalysisState; new: AnalysisState }
  | { kind: 'comparing' }
  | { kind: 'compared' }
  /** `old`/`new`: the analyses, when one of them failed or was cancelled (so the view offers to run it again). */
  | { kind: 'unavailable'; reason: string; old?: AnalysisState; new?: AnalysisState };

/** One comparison kept in memory: the structural result and, once run, the findings part merged in. */
interface Kept {
  key: string;
  base: Comparison;
  merged?: Comparison;
}

let kept: Kept | undefined;

function forAnalysis(d: AnalysisData): CompareAnalysis {
  return { findings: d.findings, admins: d.admins, fullAdmins: d.fullAdmins, paths: d.paths };
}

/** Why findings cannot be compared given the two analyses, or undefined while they may still come. */
export function findingsUnavailable(oldState: AnalysisState, newState: AnalysisState): string | undefined {
  const why = (which: string, s: AnalysisState): string | undefined =>
    s.kind === 'error'
      ? `the analysis of the ${which} snapshot failed: ${s.message}`
      : s.kind === 'cancelled'
        ? `the analysis of the ${which} snapshot was cancelled`
        : undefined;
  return why('older', oldState) ?? why('newer', newState);
}

/** The comparison of stored snapshots `oldId` and `newId`, and its findings part. */
export function useComparison(
  services: Services,
  oldId: string,
  newId: string,
): { state: CompareState; findings: FindingsPart } {
  const key = `${oldId}\u0000${newId}`;
  // Results are shown in a transition: React renders a large comparison in slices, not in one long task.
  const [state, setState] = useState<CompareState>({
    kind: 'running',
    progress: { stage: 'showing the comparison' },
  });
  const [findingsRun, setFindingsRun] = useState<'idle' | 'running' | 'done' | { error: string }>(() =>
    kept?.key === key && kept.merged ? 'done' : 'idle',
  );
  const session = useRef<{ key: string; session: Promise<CompareSession | string> } | undefined>(undefined);
  const oldAnalysis = useAnalysis(services, oldId);
  const newAnalysis = useAnalysis(services, newId);

  // One worker per mounted view and pair, opened on first need and ended when leaving.
  const sessionFor = (): Promise<CompareSession | string> => {
    if (session.current?.key === key) return session.current.session;
    const p = (async (): Promise<CompareSession | string> => {
      const s = startCompareSession();
      const opened = await s.open(services.db.name, oldId, newId);
      if (opened.kind === 'error') {
        s.dispose();
        return opened.message;
      }
      return s;
    })();
    session.current = { key, session: p };
    return p;
  };

  useEffect(
    () => () => {
      const s = session.current;
      session.current = undefined;
      void s?.session.then((x) => typeof x !== 'string' && x.dispose());
    },
    [key],
  );

  useEffect(() => {
    if (kept?.key === key) {
      const k = kept;
      startTransition(() => {
        setState({ kind: 'ok', comparison: k.merged ?? k.base });
        setFindingsRun(k.merged ? 'done' : 'idle');
      });
      return;
    }
    let live = true;
    setFindingsRun('idle');
    setState({ kind: 'running', progress: { stage: 'opening both snapshots', done: 0, total: 2 } });
    void (async () => {
      const s = await sessionFor();
      if (!live) return;
      if (typeof s === 'string') return setState({ kind: 'error', message: s });
      setState({
        kind: 'running',
        progress: { stage: 'comparing structure and effective access', done: 1, total: 2 },
      });
      const r = await s.compare({ access: true });
      if (!live) return;
      if (r.kind === 'refused') return setState({ kind: 'refused', message: r.message });
      if (r.kind === 'error') return setState({ kind: 'error', message: r.message });
      kept = { key, base: r.comparison };
      startTransition(() => setState({ kind: 'ok', comparison: r.comparison }));
    })().catch(
      (e: unknown) =>
        live &&
        setState({ kind: 'error', message: e instanceof Error ? e.message : 'the comparison failed' }),
    );
    return () => {
      live = false;
    };
    // `sessionFor` reads only `key`'s parts and the services.
  }, [services, key]);

  const baseReady = state.kind === 'ok';
  const analysesReady = oldAnalysis.kind === 'ok' && newAnalysis.kind === 'ok';
  useEffect(() => {
    if (!baseReady || !analysesReady || findingsRun !== 'idle' || kept?.key !== key || kept.merged) return;
    if (oldAnalysis.kind !== 'ok' || newAnalysis.kind !== 'ok') return;
    let live = true;
    setFindingsRun('running');
    void (async () => {
      const s = await sessionFor();
      if (!live) return;
      if (typeof s === 'string') return setFindingsRun({ error: s });
      // The worker reads both analyses from the library's cache; sending them from here would
      // clone every finding and path on the UI thread (the fallback when they are not cached).
      const cached = await s.compareCachedFindings(services.db.name);
      if (!live) return;
      const r =
        cached.kind === 'uncached'
          ? await s.compare({
              access: false,
              analyses: { old: forAnalysis(oldAnalysis.data), new: forAnalysis(newAnalysis.data) },
            })
          : cached;
      if (!live) return;
      if (r.kind !== 'ok') return setFindingsRun({ error: r.message });
      if (kept?.key !== key) return;
      const merged = mergeFindings(kept.base, r.comparison);
      kept.merged = merged;
      startTransition(() => {
        setState({ kind: 'ok', comparison: merged });
        setFindingsRun('done');
      });
    })().catch(
      (e: unknown) =>
        live &&
        setFindingsRun({ error: e instanceof Error ? e.message : 'the comparison of findings failed' }),
    );
    return () => {
      live = false;
      setFindingsRun((f) => (f === 'running' ? 'idle' : f));
    };
    // `sessionFor` reads only `key`'s parts and the services.
  }, [baseReady, analysesReady, key, oldAnalysis, newAnalysis]);

  let findings: FindingsPart;
  if (findingsRun === 'done') findings = { kind: 'compared' };
  else if (typeof findingsRun === 'object')
    findings = { kind: 'unavailable', reason: `the comparison of findings failed: ${findingsRun.error}` };
  else {
    const reason = findingsUnavailable(oldAnalysis, newAnalysis);
    if (reason) findings = { kind: 'unavailable', reason, old: oldAnalysis, new: newAnalysis };
    else if (findingsRun === 'running') findings = { kind: 'comparing' };
    else findings = { kind: 'waiting', old: oldAnalysis, new: newAnalysis };
  }
  return { state, findings };
}
