// The JSON report of `ariadne audit --format json` (SPEC.md shape, plus rule-set version, triage
// and notes). Pure: imports only core/model, core/analyze and ./evidence.
import { triageOf, valuesObject, type ReportInput } from './evidence';

/** Builds the JSON report object. */
export function buildJsonReport(input: ReportInput): Record<string, unknown> {
  const { meta, analysis } = input;
  return {
    tool: { name: meta.tool.name, version: meta.tool.version },
    snapshot: {
      account: meta.snapshot.account,
      sha256: meta.snapshot.sha256,
      collectedAt: meta.snapshot.collectedAt,
    },
    ruleset: { version: meta.rulesetVersion, rules: analysis.rulesRun },
    summary: { ...analysis.summary },
    findings: analysis.findings.map((f) => {
      const t = triageOf(input, f);
      return {
        id: f.id,
        rule: f.rule,
        severity: f.severity,
        title: f.title,
        ...(f.principal === undefined ? {} : { principal: f.principal }),
        ...(f.resource === undefined ? {} : { resource: f.resource }),
        evidence: { statements: f.evidence.statements, steps: f.evidence.steps, values: valuesObject(f) },
        remediation: f.remediation,
        triage: {
          state: t.state,
          ...(t.justification === undefined ? {} : { justification: t.justification }),
        },
      };
    }),
    notes: analysis.notes,
  };
}

/** Writes the JSON report as text (indented, ending with a newline). */
export function writeJsonReport(input: ReportInput): string {
  return JSON.stringify(buildJsonReport(input), null, 2) + '\n';
}
