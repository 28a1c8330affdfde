// The analysis of an opened snapshot, as plain data the UI caches and shows: findings, counts,
// admins, escalation paths and the escalation graph's nodes and edges (for the account graph),
// and the documentation of every rule. Runs in a worker (its own, so a long analysis neither blocks
// nor, when cancelled, loses the engine worker's open snapshots); imports core through core/index.ts.
// Also assembles the audit reports from an analysis, off the UI thread, with core/report's writers.
import {
  analyzeEscalation,
  analyzeSnapshot,
  ENGINE_VERSION,
  parseSnapshotText,
  RULES,
  RULESET_VERSION,
  writeFindingsCsv,
  writeHtmlReport,
  writeJsonReport,
  writeMarkdownReport,
  writePrincipalsCsv,
  writeSarifReport,
  type Diagnostic,
  type EscalationInput,
  type EscalationPath,
  type Finding,
  type FindingSummary,
  type GraphNodeKind,
  type ReportInput,
  type Snapshot,
  type Triage,
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
  /** Ids of the rules that ran (absent in analyses cached before reports came to the app). */
  rulesRun?: string[];
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

/** How the note about a failed escalation graph starts (the report then has no escalation input). */
const ESCALATION_FAILED = 'the escalation graph failed: ';

/**
 * Runs the escalation graph and the rules over `snapshot`, reporting the stage; `importWarnings`
 * feed `snapshot.collection.incomplete` as in `ariadne audit`.
 */
export function analyze(snapshot: Snapshot, onProgress?: (p: Progress) => void, importWarnings: readonly Diagnostic[] = []): AnalysisData {
  const started = Date.now();
  onProgress?.({ stage: 'building the escalation graph', done: 0, total: 2 });
  const notes: string[] = [];
  let escalation: ReturnType<typeof analyzeEscalation> | undefined;
  try {
    escalation = analyzeEscalation(snapshot);
  } catch (e) {
    notes.push(`${ESCALATION_FAILED}${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
  }
  onProgress?.({ stage: 'running the rules', done: 1, total: 2 });
  const input = escalation
    ? {
        admins: escalation.graph.admins,
        fullAdmins: escalation.graph.fullAdmins,
        paths: escalation.report.paths,
      }
    : false;
  const result = analyzeSnapshot(snapshot, { escalation: input, importWarnings });
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
    rulesRun: [...result.rulesRun],
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
    const warnings = parsed.diagnostics.filter((d) => d.severity === 'warning');
    return { kind: 'ok', data: analyze(parsed.snapshot, onProgress, warnings) };
  } catch (e) {
    return {
      kind: 'error',
      message: e instanceof Error ? (e.message.split('\n')[0] ?? 'the analysis failed') : String(e),
    };
  }
}

/** The text reports the app writes (PDF is the HTML report, printed by main). */
export type ReportFormat = 'html' | 'json' | 'sarif' | 'csv' | 'principals-csv' | 'md';

/** What `buildReport` needs: the stored bundle, its analysis, the triage and the evidence values. */
export interface ReportRequest {
  format: ReportFormat;
  /** The stored bundle (its SHA-256 is `sha256`). */
  bundle: string;
  /** SHA-256 (hex) of the stored bundle: the library record's hash. */
  sha256: string;
  /** The analysis the views show (the library's cache); absent, the analysis runs here first. */
  analysis?: AnalysisData;
  /** Finding id → triage, from the library's triage records. */
  triage: [string, Triage][];
  /** The application's version (`appInfo().version`), the report's tool version. */
  toolVersion: string;
}

/** The outcome of building a report. */
export type ReportOutcome = { kind: 'ok'; text: string; findings: number } | { kind: 'error'; message: string };

/**
 * Writes one report with core/report's writers, from the same inputs `ariadne audit` uses: the
 * evidence block (account, snapshot SHA-256, collected-at, tool and rule-set versions), the
 * findings with their triage and justification, admins and paths. Without an analysis, or with
 * one cached before it recorded the rules that ran, the analysis is redone here (the rule set line
 * is never guessed).
 */
export function buildReport(request: ReportRequest): ReportOutcome {
  const parsed = parseSnapshotText('stored snapshot', request.bundle);
  if (parsed.kind !== 'ok') return { kind: 'error', message: 'report: the stored snapshot is unreadable' };
  const snapshot = parsed.snapshot;
  try {
    const data = request.analysis?.rulesRun
      ? request.analysis
      : analyze(
          snapshot,
          undefined,
          parsed.diagnostics.filter((d) => d.severity === 'warning'),
        );
    const escalation: EscalationInput | undefined = data.notes.some((n) => n.startsWith(ESCALATION_FAILED))
      ? undefined
      : { admins: data.admins, fullAdmins: data.fullAdmins, paths: data.paths };
    const input: ReportInput = {
      meta: {
        tool: { name: 'ariadne', version: request.toolVersion },
        snapshot: { account: snapshot.account.id, sha256: request.sha256, collectedAt: snapshot.collectedAt ?? null },
        rulesetVersion: RULESET_VERSION,
      },
      analysis: { findings: data.findings, summary: data.summary, rulesRun: data.rulesRun ?? [], notes: data.notes },
      triage: new Map(request.triage),
      ...(escalation ? { escalation } : {}),
    };
    const text =
      request.format === 'html'
        ? writeHtmlReport(input, snapshot)
        : request.format === 'sarif'
          ? writeSarifReport(input)
          : request.format === 'csv'
            ? writeFindingsCsv(input)
            : request.format === 'principals-csv'
              ? writePrincipalsCsv(input, snapshot)
              : request.format === 'md'
                ? writeMarkdownReport(input)
                : writeJsonReport(input);
    return { kind: 'ok', text, findings: data.findings.length };
  } catch (e) {
    return { kind: 'error', message: `report: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}` };
  }
}
