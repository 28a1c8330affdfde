// The rows layout of the HTML report's findings, for large reports: per severity, one table per
// rule and one row per finding (title, id, evidence, path as text, first statement, triage), so
// a printed page holds several findings instead of one or two cards. A row links nowhere (nor
// does the index of principals in this layout): a link per row made 5,000 rows print 2.7 times
// slower and 1.7 times larger. Text in a row is plain (no <code> runs), which keeps the
// elements, and so the PDF's tags, few.
// Pure: imports only core/model types, core/analyze/registry, ../evidence types, ./escape and ./parts.
import type { EvidenceStep, Finding } from '../../model/finding';
import type { Triage } from '../evidence';
import { findRule } from '../../analyze/registry';
import { cut, htmlEscape as h, inlineCode } from './escape';
import { HTML_LIMITS, statementSource, valueText } from './parts';

/** Steps of a path written out in one row (as many as the cards' drawing shows). */
const ROW_STEPS = 12;

/**
 * Rows per table: a rule's rows are cut into tables this long, which Chromium paginates faster
 * than one long table (10,000 rows: 21 s as tables of 20, 31 s as tables of 1,000, on a busy machine).
 */
export const ROWS_PER_TABLE = 100;

/** What the rows need from the whole report. */
export interface FindingRowsContext {
  /** The anchor of a finding (`f-<index>`), the target of the principal index's links. */
  readonly anchorOf: (f: Finding) => string;
  /** The triage of a finding. */
  readonly triageOf: (f: Finding) => Triage;
}

/** The rules' inline-code Markdown as plain text: the backticks dropped, the text escaped. */
function plain(text: string): string {
  return h(text.replace(/`/g, ''));
}

function pathText(steps: readonly EvidenceStep[]): string {
  const shown = steps.slice(0, ROW_STEPS);
  const first = shown[0];
  if (!first) return '';
  const parts = [h(first.from)];
  for (const s of shown) {
    const perms = s.permissions.join(', ');
    const cond = s.conditional
      ? ` conditional: ${h(s.prerequisites.join('; ') || 'conditions must hold')}`
      : '';
    parts.push(
      `→ ${h(s.method)}${perms ? ` (${h(cut(perms, HTML_LIMITS.valueChars))})` : ''}${cond} → ${h(s.to)}`,
    );
  }
  const more = steps.length > shown.length ? ` (${steps.length - shown.length} more steps)` : '';
  return `<div class="path">path: ${parts.join(' ')}${more}</div>`;
}

// The id may wrap after its `/` (<wbr>), so that its hash stays whole on one line.
function rowHtml(f: Finding, ctx: FindingRowsContext, remediation: boolean): string {
  const t = ctx.triageOf(f);
  // Subject and values run on as one paragraph: a line each would double the pages.
  const values: string[] = [];
  if (f.principal) values.push(`principal: ${h(f.principal)}`);
  if (f.resource) values.push(`resource: ${h(f.resource)}`);
  for (const [k, v] of f.evidence.values) values.push(`${h(k)}: ${valueText(v)}`);
  const ev: string[] = values.length > 0 ? [`<div>${values.join(' · ')}</div>`] : [];
  if (f.evidence.steps.length > 0) ev.push(pathText(f.evidence.steps));
  const statements = f.evidence.statements;
  for (const s of statements.slice(0, HTML_LIMITS.rowStatements)) {
    ev.push(
      `<div class="src">${statementSource(s, true)}</div><div class="st">${h(cut(s.text, HTML_LIMITS.rowStatementChars))}</div>`,
    );
  }
  if (statements.length > HTML_LIMITS.rowStatements) {
    const more = statements.length - HTML_LIMITS.rowStatements;
    ev.push(`<div class="src">${more} more statement${more === 1 ? '' : 's'} (see the JSON report)</div>`);
  }
  if (remediation) ev.push(`<div>Remediation: ${plain(f.remediation)}</div>`);
  return (
    `<tr id="${ctx.anchorOf(f)}"><td>${plain(f.title)}<div class="id">${h(f.id).replace(/\//g, '/<wbr>')}</div></td>` +
    `<td>${ev.join('')}</td>` +
    `<td>${h(t.state)}${t.justification ? `<div class="just">${h(t.justification)}</div>` : ''}</td></tr>`
  );
}

/**
 * The findings of one severity as rows: one table per rule (in the order the rules first appear),
 * the rule's remediation once above its table when every finding of it shares it.
 */
export function findingRowsHtml(findings: readonly Finding[], ctx: FindingRowsContext): string {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const out: string[] = [];
  for (const [rule, fs] of byRule) {
    const title = findRule(rule)?.title;
    const remediation = fs[0]?.remediation ?? '';
    const shared = fs.every((f) => f.remediation === remediation);
    out.push(
      `<h3 class="rule"><code>${h(rule)}</code>${title ? ` ${inlineCode(title)}` : ''} (${fs.length})</h3>`,
      shared ? `<p class="remediation"><b>Remediation:</b> ${inlineCode(remediation)}</p>` : '',
    );
    for (let i = 0; i < fs.length; i += ROWS_PER_TABLE) {
      // The tables after the first continue it: no header, no gap.
      out.push(
        `<table class="rows${i > 0 ? ' more' : ''}"><colgroup><col class="t"><col class="e"><col class="s"></colgroup>` +
          (i === 0 ? '<thead><tr><th>finding</th><th>evidence</th><th>triage</th></tr></thead>' : '') +
          '<tbody>',
        ...fs.slice(i, i + ROWS_PER_TABLE).map((f) => rowHtml(f, ctx, !shared)),
        '</tbody></table>',
      );
    }
  }
  return out.join('\n');
}
