// The Markdown report: evidence block, summary, then every finding with its evidence and
// remediation. Pure: imports only core/model, core/analyze and ./evidence.
import { SEVERITIES } from '../model/finding';
import type { EvidenceValue, Finding } from '../model/finding';
import { triageOf, type ReportInput } from './evidence';

/** Makes text safe inside a Markdown table cell or heading (pipes, line breaks, HTML). */
export function mdText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the text; `(none)` for empty text. */
export function mdCode(text: string): string {
  if (text === '') return '(none)';
  const clean = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function mdBlock(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

function valueText(v: EvidenceValue): string {
  if (Array.isArray(v)) return (v as readonly string[]).join(', ');
  return String(v);
}

function findingSection(input: ReportInput, f: Finding): string[] {
  const t = triageOf(input, f);
  const lines = [
    `### ${mdText(f.title)}`,
    '',
    `- id: ${mdCode(f.id)}`,
    `- rule: ${mdCode(f.rule)}, severity **${f.severity}**`,
    ...(f.principal ? [`- principal: ${mdCode(f.principal)}`] : []),
    ...(f.resource ? [`- resource: ${mdCode(f.resource)}`] : []),
    `- triage: **${t.state}**${t.justification ? `: ${mdText(t.justification)}` : ''}`,
  ];
  for (const [k, v] of f.evidence.values) lines.push(`- ${mdText(k)}: ${mdCode(valueText(v))}`);
  if (f.evidence.steps.length > 0) {
    lines.push('', 'Path:', '');
    f.evidence.steps.forEach((s, i) => {
      lines.push(
        `${i + 1}. ${mdCode(s.from)} → ${mdCode(s.to)} by ${mdCode(s.method)} (${s.permissions.map(mdCode).join(', ')})${s.conditional ? `, conditional: ${mdText(s.prerequisites.join('; '))}` : ''}`,
      );
    });
  }
  for (const s of f.evidence.statements) {
    lines.push(
      '',
      `Statement ${s.statementIndex}${s.sid ? ` (${mdCode(s.sid)})` : ''} of ${s.policyKind === 'trust' || s.policyKind === 'resource' ? `the ${s.policyKind} policy of` : `${s.policyKind} policy ${mdCode(s.policy)}`}${s.policyArn ? ` ${mdCode(s.policyArn)}` : ''}${s.attachedTo ? ` of ${mdCode(s.attachedTo)}` : ''}:`,
      '',
      mdBlock(s.text, 'json'),
    );
  }
  // The remediation is the rule's own text (Markdown with inline code), not input: kept as written.
  lines.push('', `Remediation: ${f.remediation.replace(/\r?\n/g, ' ')}`, '');
  return lines;
}

/** Writes the Markdown report. */
export function writeMarkdownReport(input: ReportInput): string {
  const { meta, analysis } = input;
  const lines = [
    `# IAM audit of account ${mdCode(meta.snapshot.account || '(unknown)')}`,
    '',
    '| evidence | |',
    '|---|---|',
    `| account | ${mdCode(meta.snapshot.account || '(unknown)')} |`,
    `| snapshot SHA-256 | ${mdCode(meta.snapshot.sha256)} |`,
    `| collected at | ${meta.snapshot.collectedAt ? mdCode(meta.snapshot.collectedAt) : '(not given)'} |`,
    `| tool | ${mdText(`${meta.tool.name} ${meta.tool.version}`)} |`,
    `| rule set | ${mdText(meta.rulesetVersion)} (${analysis.rulesRun.length} rules run) |`,
    '',
    '## Summary',
    '',
    '| severity | findings |',
    '|---|---|',
    ...SEVERITIES.map((s) => `| ${s} | ${analysis.summary[s]} |`),
    '',
  ];
  if (analysis.notes.length > 0) {
    lines.push('Limits of this analysis:', '', ...analysis.notes.map((n) => `- ${mdText(n)}`), '');
  }
  for (const s of SEVERITIES) {
    const fs = analysis.findings.filter((f) => f.severity === s);
    if (fs.length === 0) continue;
    lines.push(`## ${s[0]?.toUpperCase()}${s.slice(1)} (${fs.length})`, '');
    for (const f of fs) lines.push(...findingSection(input, f));
  }
  return lines.join('\n');
}
