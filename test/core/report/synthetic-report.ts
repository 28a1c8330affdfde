// A synthetic report input of any number of findings, shaped like a large account's: a third
// escalation paths (two steps, every other one conditional), a third wildcard actions with a
// quoted statement, a third SAML trust with two statements; every severity; a few triaged.
import { summarizeFindings } from '../../../core/analyze/index';
import { SEVERITIES, type Finding } from '../../../core/model/finding';
import type { ReportInput, Triage } from '../../../core/report/index';

const A = 'arn:aws:iam::111111111111';

/** The word every synthetic finding's title carries, unique per finding (`FX000042`: no hyphen a line could break at). */
export function syntheticMark(i: number): string {
  return `FX${String(i).padStart(6, '0')}`;
}

/** `n` synthetic findings, finding `i` with id `syn/<i>` and a title holding `syntheticMark(i)`. */
export function syntheticFindings(n: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const p = `${A}:role/team-${i % 400}/service-${i}`;
    const statement = {
      policy: `policy-${i}`,
      policyKind: 'inline' as const,
      attachedTo: p,
      statementIndex: 0,
      sid: 'Wide',
      text: JSON.stringify({ Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'iam:Get*'], Resource: '*' }),
    };
    out.push({
      id: `syn/${i}`,
      rule:
        kind === 0
          ? 'escalation.path.admin'
          : kind === 1
            ? 'hygiene.action.service-wildcard'
            : 'trust.saml.federation',
      severity: SEVERITIES[i % SEVERITIES.length] ?? 'info',
      title: `role \`service-${i}\` ${syntheticMark(i)}`,
      principal: p,
      evidence: {
        statements:
          kind === 0 ? [] : kind === 1 ? [statement] : [statement, { ...statement, statementIndex: 1 }],
        steps:
          kind === 0
            ? [
                {
                  from: p,
                  to: `${A}:role/ops-${i}`,
                  method: 'sts.assume-role',
                  permissions: ['sts:AssumeRole'],
                  conditional: false,
                  prerequisites: [],
                },
                {
                  from: `${A}:role/ops-${i}`,
                  to: `${A}:role/admin`,
                  method: 'iam.pass-role',
                  permissions: ['iam:PassRole', 'lambda:CreateFunction'],
                  conditional: i % 2 === 0,
                  prerequisites: i % 2 === 0 ? ['an existing Lambda function'] : [],
                },
              ]
            : [],
        values: [
          ['services', ['s3', 'ec2']],
          ['allResources', true],
        ],
      },
      remediation: 'List the actions the holder needs.',
    });
  }
  return out;
}

/** A report input over `syntheticFindings(n)`; every 97th finding is accepted with a justification. */
export function syntheticReport(n: number): ReportInput {
  const findings = syntheticFindings(n);
  const triage = new Map<string, Triage>(
    findings
      .filter((_, i) => i % 97 === 0)
      .map((f) => [f.id, { state: 'accepted-risk', justification: `ticket SEC-${f.id.slice(4)}` }]),
  );
  return {
    meta: {
      tool: { name: 'ariadne', version: '9.9.9' },
      snapshot: { account: '111111111111', sha256: 'b'.repeat(64), collectedAt: '2026-11-29T00:00:00Z' },
      rulesetVersion: '1.2.3',
    },
    analysis: { findings, summary: summarizeFindings(findings), rulesRun: ['syn'], notes: [] },
    triage,
  };
}
