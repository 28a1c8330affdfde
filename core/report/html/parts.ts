// Pieces of the HTML report shared by its two finding layouts (cards and rows): the size caps,
// evidence values and where a quoted statement comes from. Pure: imports only core/model types and ./escape.
import type { EvidenceStatement, EvidenceValue } from '../../model/finding';
import { cut, htmlEscape as h } from './escape';

/** Caps that keep a 10,000-finding report quick to open and to print. */
export const HTML_LIMITS = Object.freeze({
  /** Statements quoted per finding (cards). */
  statements: 3,
  /** Characters of one quoted statement (cards). */
  statementChars: 3000,
  /** Items of one list value. */
  listItems: 25,
  /** Characters of one evidence value. */
  valueChars: 600,
  /**
   * Above this many findings, findings are rows of tables per rule instead of a card each: 2,000
   * cards print to 931 pages (32 MB, 21 s), 10,000 rows to 970 pages (2.8 MB, 14 s).
   */
  cardFindings: 2000,
  /** Statements quoted per finding (rows). */
  rowStatements: 1,
  /** Characters of one quoted statement (rows). */
  rowStatementChars: 800,
});

/** An evidence value as HTML: a list as comma-separated code, capped; null as `(null)`. */
export function valueHtml(v: EvidenceValue): string {
  if (Array.isArray(v)) {
    const list = v as readonly string[];
    const shown = list
      .slice(0, HTML_LIMITS.listItems)
      .map((x) => `<code>${h(cut(x, HTML_LIMITS.valueChars))}</code>`);
    const more =
      list.length > HTML_LIMITS.listItems ? ` and ${list.length - HTML_LIMITS.listItems} more` : '';
    return shown.length > 0 ? shown.join(', ') + more : '(none)';
  }
  if (v === null) return '(null)';
  return `<code>${h(cut(String(v), HTML_LIMITS.valueChars))}</code>`;
}

/** An evidence value as plain escaped text (the rows layout): a list comma-separated, capped. */
export function valueText(v: EvidenceValue): string {
  if (Array.isArray(v)) {
    const list = v as readonly string[];
    const shown = list.slice(0, HTML_LIMITS.listItems).map((x) => h(cut(x, HTML_LIMITS.valueChars)));
    const more =
      list.length > HTML_LIMITS.listItems ? ` and ${list.length - HTML_LIMITS.listItems} more` : '';
    return shown.length > 0 ? shown.join(', ') + more : '(none)';
  }
  if (v === null) return '(null)';
  return h(cut(String(v), HTML_LIMITS.valueChars));
}

/** Where a quoted statement comes from: its index, Sid, policy and holder; names in <code> unless `plain`. */
export function statementSource(s: EvidenceStatement, plain = false): string {
  const c = (text: string): string => (plain ? h(text) : `<code>${h(text)}</code>`);
  const where =
    s.policyKind === 'trust' || s.policyKind === 'resource'
      ? `the ${s.policyKind} policy`
      : `${s.policyKind} policy ${c(s.policy)}`;
  return (
    `statement ${s.statementIndex}${s.sid ? ` (${c(s.sid)})` : ''} of ${where}` +
    `${s.policyArn ? ` ${c(s.policyArn)}` : ''}${s.attachedTo ? ` of ${c(s.attachedTo)}` : ''}`
  );
}
