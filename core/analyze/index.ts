// Findings: runs every rule of the registry over a snapshot and orders the findings
// deterministically. Pure: imports only core/model, core/policy and the rules; never node:*.
import {
  SEVERITIES,
  severityRank,
  type EscalationInput,
  type Finding,
  type FindingSummary,
  type Rule,
  type RuleContext,
} from '../model/finding';
import type { Snapshot } from '../model/snapshot';
import type { Diagnostic } from '../model/diagnostic';
import { analyzeEscalation } from '../graph/index';
import { RULES } from './registry';

export * from '../model/finding';
export { RULES, RULESET_VERSION, findRule } from './registry';
export {
  parseCredentialReport,
  parseCsv,
  type CredentialReportRow,
  type CredentialReportResult,
} from './credential-report';
export { stableHash } from './finding-builder';

/** Options of `analyzeSnapshot`. */
export interface AnalyzeOptions {
  /**
   * Admins and escalation paths. Default: computed with core/graph's `analyzeEscalation`; `false`
   * skips them (the escalation and admin rules are then silent, and a note says so).
   */
  readonly escalation?: EscalationInput | false;
  /** Warnings of the import, reported by `snapshot.collection.incomplete` (default: none). */
  readonly importWarnings?: readonly Diagnostic[];
  /** Run only these rule ids (default: every rule). */
  readonly rules?: readonly string[];
}

/** The result of an analysis: ordered findings, counts per severity, and notes on what could not be checked. */
export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly summary: FindingSummary;
  /** Ids of the rules that ran. */
  readonly rulesRun: readonly string[];
  /** What weakened the analysis (no collectedAt, no escalation graph, a rule that failed), one line each. */
  readonly notes: readonly string[];
}

const ESCALATION_RULES = new Set(['escalation.path.admin', 'admin.full', 'admin.shadow']);

/** Counts findings per severity. */
export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<
    (typeof SEVERITIES)[number],
    number
  >;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders findings: severity (worst first), rule id, principal, resource, id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compare(a.rule, b.rule) ||
    compare(a.principal ?? '', b.principal ?? '') ||
    compare(a.resource ?? '', b.resource ?? '') ||
    compare(a.id, b.id)
  );
}

/** Merges findings that share an id (one subject reached through several statements). */
function mergeDuplicates(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const seen = byId.get(f.id);
    if (!seen) {
      byId.set(f.id, f);
      continue;
    }
    byId.set(f.id, {
      ...seen,
      evidence: {
        statements: [...seen.evidence.statements, ...f.evidence.statements],
        steps: seen.evidence.steps,
        values: seen.evidence.values,
      },
    });
  }
  return [...byId.values()];
}

/** Parses `collectedAt` to epoch ms; undefined when absent or unreadable. */
export function collectedAtMs(snapshot: Snapshot): number | undefined {
  if (!snapshot.collectedAt) return undefined;
  const t = Date.parse(snapshot.collectedAt);
  return Number.isNaN(t) ? undefined : t;
}

/** Admins and shortest paths to admin of a snapshot, from core/graph. */
export function escalationOf(snapshot: Snapshot): EscalationInput {
  const { graph, report } = analyzeEscalation(snapshot);
  return { admins: graph.admins, fullAdmins: graph.fullAdmins, paths: report.paths };
}

/** Runs the rules over a snapshot. Never throws for a rule's failure: the note says which rule failed. */
export function analyzeSnapshot(snapshot: Snapshot, options: AnalyzeOptions = {}): AnalysisResult {
  const notes: string[] = [];
  let escalation: EscalationInput | undefined;
  if (options.escalation === undefined) {
    try {
      escalation = escalationOf(snapshot);
    } catch (e) {
      notes.push(`the escalation graph failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  } else if (options.escalation !== false) {
    escalation = options.escalation;
  }
  const ctx: RuleContext = {
    snapshot,
    collectedAtMs: collectedAtMs(snapshot),
    escalation,
    importWarnings: (options.importWarnings ?? []).filter((d) => d.severity === 'warning'),
  };
  if (ctx.collectedAtMs === undefined) {
    notes.push(
      'the snapshot has no readable `collectedAt`: the age rules (keys, passwords, roles unused for 90 days) were not checked',
    );
  }
  if (!escalation && options.escalation === false) {
    notes.push('no escalation graph was given: escalation paths, admins and shadow admins were not checked');
  }
  if (snapshot.credentialReport === undefined) {
    notes.push('the snapshot has no credential report: the credential rules were not checked');
  }
  const wanted = options.rules ? new Set(options.rules) : undefined;
  const rules: Rule[] = RULES.filter((r) => (wanted ? wanted.has(r.id) : true));
  const all: Finding[] = [];
  const rulesRun: string[] = [];
  for (const rule of rules) {
    if (!escalation && ESCALATION_RULES.has(rule.id)) continue;
    try {
      all.push(...rule.run(ctx));
      rulesRun.push(rule.id);
    } catch (e) {
      notes.push(`rule \`${rule.id}\` failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  const findings = mergeDuplicates(all).sort(compareFindings);
  return { findings, summary: summarizeFindings(findings), rulesRun, notes };
}
export { renderRulesDoc } from './rules-doc';
