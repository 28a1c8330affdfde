// The analysis of an opened snapshot, as plain data the UI caches and shows: findings, counts,
// admins, escalation paths and the escalation graph's nodes and edges (for the account graph),
// and the documentation of every rule. Runs in a worker (its own, so a long analysis neither blocks
// nor, when cancelled, loses the engine worker's open snapshots); imports core through core/index.ts.
import {
  analyzeEscalation,
  analyzeSnapshot,
  ENGINE_VERSION,
  parseSnapshotText,
  RULES,
  type EscalationPath,
  type Finding,
  type FindingSummary,
  type GraphNodeKind,
  type Snapshot,
} from '../../core/index';
import type { Progress } from './types';

/** One rule's documentation, as the Findings view shows it. */
export interface RuleDoc {
  id: string;
  title: string;
  severity: Finding['severity'];
  description: string;
  remediation: string;
  docs: { title: string; url: string }[];
}

/** Everything the analysis found in one snapshot (plain data: cached in the library as is). */
export interface AnalysisData {
  engineVersion: string;
  findings: Finding[];
  summary: FindingSummary;
  notes: string[];
  admins: string[];
  fullAdmins: string[];
  paths: EscalationPath[];
  /** The escalation graph, for the account graph. */
  escalation: {
    nodes: { id: string; kind: GraphNodeKind }[];
    edges: { from: string; to: string; method: string }[];
  };
  rules: RuleDoc[];
  /** Milliseconds the analysis took. */
  ms: number;
}

/** The rules' documentation. */
export function ruleDocs(): RuleDoc[] {
  return RULES.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    description: r.description,
    remediation: r.remediation,
    docs: r.docs.map((d) => ({ title: d.title, url: d.url })),
  }));
}

/** Runs the escalation graph and the rules over `snapshot`, reporting the stage. */
export function analyze(snapshot: Snapshot, onProgress?: (p: Progress) => void): AnalysisData {
  const started = Date.now();
  onProgress?.({ stage: 'building the escalation graph', done: 0, total: 2 });
  const notes: string[] = [];
  let escalation: ReturnType<typeof analyzeEscalation> | undefined;
  try {
    escalation = analyzeEscalation(snapshot);
  } catch (e) {
    notes.push(
      `the escalation graph failed: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`,
    );
  }
  onProgress?.({ stage: 'running the rules', done: 1, total: 2 });
  const input = escalation
    ? {
        admins: escalation.graph.admins,
        fullAdmins: escalation.graph.fullAdmins,
        paths: escalation.report.paths,
      }
    : false;
  const result = analyzeSnapshot(snapshot, { escalation: input });
  onProgress?.({ stage: 'done', done: 2, total: 2 });
  return {
    engineVersion: ENGINE_VERSION,
    findings: [...result.findings],
    summary: result.summary,
    notes: [...notes, ...result.notes],
    admins: [...(escalation?.graph.admins ?? [])],
    fullAdmins: [...(escalation?.graph.fullAdmins ?? [])],
    paths: [...(escalation?.report.paths ?? [])],
    escalation: {
      nodes: escalation ? [...escalation.graph.nodes.values()].map((n) => ({ id: n.id, kind: n.kind })) : [],
      edges: escalation
        ? escalation.graph.edges.map((e) => ({ from: e.from, to: e.to, method: e.method }))
        : [],
    },
    rules: ruleDocs(),
    ms: Date.now() - started,
  };
}

/** The outcome of analysing a stored bundle. */
export type AnalysisOutcome = { kind: 'ok'; data: AnalysisData } | { kind: 'error'; message: string };

/** Parses a stored bundle and analyses it (the analysis worker's one task). */
export function analyzeBundle(bundle: string, onProgress?: (p: Progress) => void): AnalysisOutcome {
  onProgress?.({ stage: 'reading the snapshot', done: 0, total: 2 });
  const parsed = parseSnapshotText('stored snapshot', bundle);
  if (parsed.kind !== 'ok') return { kind: 'error', message: 'the stored snapshot is unreadable' };
  try {
    return { kind: 'ok', data: analyze(parsed.snapshot, onProgress) };
  } catch (e) {
    return {
      kind: 'error',
      message: e instanceof Error ? (e.message.split('\n')[0] ?? 'the analysis failed') : String(e),
    };
  }
}
