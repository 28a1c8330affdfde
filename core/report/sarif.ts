// The SARIF 2.1.0 report (OASIS "Static Analysis Results Interchange Format Version 2.1.0"):
// one run, the rules in tool.driver.rules, one result per finding with logical locations for
// principals and resources and partialFingerprints for the stable finding id. Pure: imports only
// core/model, core/analyze and ./evidence.
import type { FindingSeverity } from '../model/finding';
import { RULES } from '../analyze/index';
import { triageOf, valuesObject, type ReportInput } from './evidence';

/** The SARIF level of a severity: critical and high are errors, medium warnings, the rest notes. */
export function sarifLevel(s: FindingSeverity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** GitHub code scanning's numeric security severity for a severity (0.0–10.0). */
function securitySeverity(s: FindingSeverity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' }[s];
}

/** Builds the SARIF log object. */
export function buildSarifReport(input: ReportInput): Record<string, unknown> {
  const { meta, analysis } = input;
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.title
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .replace(/ (\w)/g, (_, c: string) => c.toUpperCase())
      .replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: {
      text: `${r.description}\n\nRemediation: ${r.remediation}${r.docs.map((d) => `\n${d.title}: ${d.url}`).join('')}`,
      markdown: `${r.description}\n\n**Remediation**: ${r.remediation}${r.docs.map((d) => `\n- [${d.title}](${d.url})`).join('')}`,
    },
    ...(r.docs[0] ? { helpUri: r.docs[0].url } : {}),
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: {
      severity: r.severity,
      'security-severity': securitySeverity(r.severity),
      tags: ['security', 'iam', r.id.split('.')[0] as string],
    },
  }));
  const results = analysis.findings.map((f) => {
    const t = triageOf(input, f);
    const logicalLocations = [
      ...(f.principal === undefined
        ? []
        : [{ fullyQualifiedName: f.principal, name: f.principal, kind: 'object' }]),
      ...(f.resource === undefined
        ? []
        : [{ fullyQualifiedName: f.resource, name: f.resource, kind: 'resource' }]),
    ];
    const suppressed = t.state === 'accepted-risk' || t.state === 'false-positive';
    const index = ruleIndex.get(f.rule);
    return {
      ruleId: f.rule,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: sarifLevel(f.severity),
      message: { text: f.title },
      ...(logicalLocations.length > 0 ? { locations: [{ logicalLocations }] } : {}),
      partialFingerprints: { 'ariadneFindingId/v1': f.id },
      ...(suppressed
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                ...(t.justification ? { justification: t.justification } : {}),
              },
            ],
          }
        : {}),
      properties: {
        severity: f.severity,
        'security-severity': securitySeverity(f.severity),
        findingId: f.id,
        remediation: f.remediation,
        triage: {
          state: t.state,
          ...(t.justification === undefined ? {} : { justification: t.justification }),
        },
        evidence: { statements: f.evidence.statements, steps: f.evidence.steps, values: valuesObject(f) },
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: meta.tool.name,
            version: meta.tool.version,
            semanticVersion: meta.tool.version,
            rules,
            properties: { rulesetVersion: meta.rulesetVersion },
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(analysis.notes.length > 0
              ? {
                  toolExecutionNotifications: analysis.notes.map((n) => ({
                    message: { text: n },
                    level: 'note',
                  })),
                }
              : {}),
          },
        ],
        results,
        properties: {
          account: meta.snapshot.account,
          snapshotSha256: meta.snapshot.sha256,
          collectedAt: meta.snapshot.collectedAt,
          rulesetVersion: meta.rulesetVersion,
          summary: { ...analysis.summary },
        },
      },
    ],
  };
}

/** Writes the SARIF log as text. */
export function writeSarifReport(input: ReportInput): string {
  return JSON.stringify(buildSarifReport(input), null, 2) + '\n';
}
