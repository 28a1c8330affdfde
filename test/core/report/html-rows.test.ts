// The HTML report's rows layout for large reports: which reports get it, and that every finding
// keeps its id, evidence, path, statement, remediation and triage as one escaped table row.
import { describe, expect, it } from 'vitest';
import { defaultFindingLayout } from '../../../core/report/html';
import { HTML_LIMITS, htmlEscape, writeHtmlReport } from './helpers';
import { syntheticMark, syntheticReport } from './synthetic-report';

const input = syntheticReport(12);
const rows = writeHtmlReport(input, undefined, { layout: 'rows' });
const cards = writeHtmlReport(input);

/** The `<tr>` of the finding with anchor `f-<i>`. */
function row(html: string, i: number): string {
  return new RegExp(`<tr id="f-${i}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
}

describe('the HTML report’s rows layout', () => {
  it('is the default above the card limit, and cards at or below it', () => {
    expect(defaultFindingLayout(HTML_LIMITS.cardFindings)).toBe('cards');
    expect(defaultFindingLayout(HTML_LIMITS.cardFindings + 1)).toBe('rows');
    expect(cards).toContain('<article class="finding ');
    expect(cards).not.toContain('<table class="rows">');
    // A cards report is as it was: not even the rows' CSS.
    expect(cards).not.toContain('table.rows');
    expect(rows).toContain('table.rows{');
    const big = writeHtmlReport(syntheticReport(HTML_LIMITS.cardFindings + 1));
    expect(big).not.toContain('<article class="finding ');
    expect(big.match(/<tr id="f-\d+">/g)).toHaveLength(HTML_LIMITS.cardFindings + 1);
  });

  it('gives every finding one row with its anchor, title and id, and no card', () => {
    expect(rows).not.toContain('<article');
    expect(rows.match(/<tr id="f-\d+">/g)).toHaveLength(12);
    for (let i = 0; i < 12; i++) {
      const r = row(rows, i);
      expect(r).toContain(syntheticMark(i));
      expect(r).toContain(`<div class="id">syn/<wbr>${i}</div>`);
    }
  });

  it('keeps the evidence block and summary first', () => {
    expect(rows.indexOf('<table class="evidence">')).toBeLessThan(rows.indexOf('<table class="rows">'));
    expect(rows.indexOf('id="summary"')).toBeLessThan(rows.indexOf('<table class="rows">'));
    expect(rows).toContain('12 findings: each is one row of its rule’s table');
  });

  it('writes the triage state and the escaped justification in the row', () => {
    expect(row(rows, 0)).toContain('<td>accepted-risk<div class="just">ticket SEC-0</div></td>');
    expect(row(rows, 1)).toMatch(/<td>open<\/td><\/tr>$/);
  });

  it('writes an escalation path out as text, with its methods, permissions and conditions, and draws no SVG', () => {
    const r = row(rows, 0);
    expect(rows).not.toContain('<svg');
    expect(r).toContain(
      'path: arn:aws:iam::111111111111:role/team-0/service-0 → sts.assume-role (sts:AssumeRole) → ' +
        'arn:aws:iam::111111111111:role/ops-0 → iam.pass-role (iam:PassRole, lambda:CreateFunction) ' +
        'conditional: an existing Lambda function → arn:aws:iam::111111111111:role/admin',
    );
  });

  it('quotes the first statement and counts the others', () => {
    const one = row(rows, 1);
    expect(one).toContain(
      'statement 0 (Wide) of inline policy policy-1 of arn:aws:iam::111111111111:role/team-1/service-1',
    );
    expect(one).toContain('<div class="st">{&quot;Effect&quot;:&quot;Allow&quot;');
    expect(one).not.toContain('more statement');
    expect(row(rows, 2)).toContain('1 more statement (see the JSON report)');
  });

  it('writes a rule’s shared remediation once above its table, and a differing one in each row', () => {
    expect(rows.match(/List the actions the holder needs\./g)?.length).toBe(
      (rows.match(/<table class="rows">/g) ?? []).length,
    );
    // Findings 3 and 18 share severity and rule: one table.
    const thirty = syntheticReport(30);
    const findings = thirty.analysis.findings.map((f, i) =>
      i === 3 ? { ...f, remediation: 'Remove `iam:PassRole` <now>.' } : f,
    );
    const mixed = writeHtmlReport({ ...thirty, analysis: { ...thirty.analysis, findings } }, undefined, {
      layout: 'rows',
    });
    expect(row(mixed, 3)).toContain('Remediation: Remove iam:PassRole &lt;now&gt;.');
    expect(row(mixed, 18)).toContain('Remediation: List the actions the holder needs.');
    expect(row(mixed, 0)).not.toContain('Remediation');
  });

  it('turns a hostile title, principal, value and statement into inert text', () => {
    const evil = '<script>alert(1)</script>';
    const [first] = input.analysis.findings;
    if (!first) throw new Error('no finding');
    const hostile = {
      ...first,
      title: `role ${evil}`,
      principal: `arn:aws:iam::111111111111:role/${evil}`,
      evidence: {
        ...first.evidence,
        values: [['x', evil]] as const,
        statements: [{ policy: evil, policyKind: 'inline' as const, statementIndex: 0, text: evil }],
      },
    };
    const html = writeHtmlReport(
      { ...input, analysis: { ...input.analysis, findings: [hostile] } },
      undefined,
      {
        layout: 'rows',
      },
    );
    expect(html).not.toContain(evil);
    expect(html).toContain(htmlEscape(evil));
  });

  it('links no row to the index nor the index to rows (in-document links make Chromium’s print slow)', () => {
    expect(rows).not.toMatch(/href="#(f|p)-/);
    expect(cards).toMatch(/href="#f-\d+"/);
    expect(rows).toContain('<a href="#sev-critical">');
  });

  it('is smaller than the cards for the same findings', () => {
    const big = syntheticReport(1000);
    const asRows = writeHtmlReport(big, undefined, { layout: 'rows' });
    const asCards = writeHtmlReport(big, undefined, { layout: 'cards' });
    expect(asRows.length).toBeLessThan(asCards.length * 0.8);
  });
});
