// The HTML report: one self-contained page (inline CSS, no script, no remote resource) with the
// evidence block, summary, findings by severity with evidence, remediation and triage (a card
// each with escalation paths as inline SVG, or for large reports a table row each, grouped by
// rule) and an index of principals. Pure: imports only core/model, core/analyze
// and ./evidence; every input string is escaped (IAM names and policy text are attacker-controlled).
import { SEVERITIES } from '../model/finding';
import type { Finding, FindingSeverity } from '../model/finding';
import type { Snapshot } from '../model/snapshot';
import { findRule } from '../analyze/registry';
import { triageOf, type ReportInput } from './evidence';
import { cut, htmlEscape as h, inlineCode } from './html/escape';
import { findingRowsHtml } from './html/finding-rows';
import { HTML_LIMITS, statementSource, valueHtml } from './html/parts';
import { pathSvg } from './html/path-svg';
import { reportCss } from './html/style';

export { htmlEscape } from './html/escape';
export { HTML_LIMITS } from './html/parts';

/** How findings are laid out: one card each, or one table row each grouped by rule (for large reports). */
export type HtmlFindingLayout = 'cards' | 'rows';

/** Options of `writeHtmlReport`. */
export interface HtmlReportOptions {
  /** The findings' layout (default: cards up to `HTML_LIMITS.cardFindings` findings, rows above). */
  readonly layout?: HtmlFindingLayout;
}

/** The layout a report of `findings` findings gets by default. */
export function defaultFindingLayout(findings: number): HtmlFindingLayout {
  return findings > HTML_LIMITS.cardFindings ? 'rows' : 'cards';
}

function findingHtml(
  input: ReportInput,
  f: Finding,
  anchor: string,
  rowOf: ReadonlyMap<string, string>,
): string {
  const t = triageOf(input, f);
  const out: string[] = [
    `<article class="finding ${f.severity}" id="${anchor}">`,
    `<h3><span class="sev ${f.severity}">${f.severity}</span>${inlineCode(f.title)}</h3>`,
    `<p class="meta">rule <code>${h(f.rule)}</code> · id <code>${h(f.id)}</code> · triage <span class="triage">${h(t.state)}</span></p>`,
  ];
  if (t.justification) out.push(`<p class="justification">Justification: ${h(t.justification)}</p>`);
  const rows: string[] = [];
  if (f.principal) {
    const row = rowOf.get(f.principal);
    const code = `<code>${h(f.principal)}</code>`;
    rows.push(`<tr><th>principal</th><td>${row ? `<a href="#${row}">${code}</a>` : code}</td></tr>`);
  }
  if (f.resource) rows.push(`<tr><th>resource</th><td><code>${h(f.resource)}</code></td></tr>`);
  for (const [k, v] of f.evidence.values) rows.push(`<tr><th>${h(k)}</th><td>${valueHtml(v)}</td></tr>`);
  if (rows.length > 0) out.push(`<table class="kv">${rows.join('')}</table>`);
  if (f.evidence.steps.length > 0) {
    out.push(pathSvg(f.evidence.steps, `escalation path of ${f.principal ?? f.id}`));
    // The drawing cuts long labels: the conditions are written out in full below it.
    const conds = f.evidence.steps
      .map((s, i) =>
        s.conditional
          ? `<li>step ${i + 1} (<code>${h(s.method)}</code>): ${h(s.prerequisites.join('; ') || 'conditions must hold')}</li>`
          : '',
      )
      .filter(Boolean);
    if (conds.length > 0) out.push(`<ul class="conds">${conds.join('')}</ul>`);
  }
  const statements = f.evidence.statements;
  if (statements.length > 0) {
    const shown = statements.slice(0, HTML_LIMITS.statements);
    const body = shown
      .map(
        (s) =>
          `<p class="meta">${statementSource(s)}</p><pre>${h(cut(s.text, HTML_LIMITS.statementChars))}</pre>`,
      )
      .join('');
    const more =
      statements.length > shown.length
        ? `<p class="more">${statements.length - shown.length} more statements (see the JSON report).</p>`
        : '';
    out.push(
      `<details><summary>${statements.length} policy statement${statements.length === 1 ? '' : 's'}</summary>${body}${more}</details>`,
    );
  }
  // The remediation is the rule's own text with inline code; escaped like any other string.
  out.push(`<p class="remediation"><b>Remediation:</b> ${inlineCode(f.remediation)}</p>`, '</article>');
  return out.join('');
}

interface PrincipalRow {
  readonly arn: string;
  readonly kind: string;
  readonly admin: string;
  readonly methods: string;
  readonly conditional: boolean;
  readonly findings: number;
  readonly firstFinding?: string;
}

function principalRows(
  input: ReportInput,
  snapshot: Snapshot | undefined,
  anchors: Map<Finding, string>,
): PrincipalRow[] {
  const e = input.escalation;
  const full = new Set(e?.fullAdmins ?? []);
  const admins = new Set(e?.admins ?? []);
  const paths = new Map((e?.paths ?? []).map((p) => [p.principal, p]));
  const kinds = new Map<string, string>();
  for (const u of snapshot?.users ?? []) kinds.set(u.arn, 'user');
  for (const r of snapshot?.roles ?? []) kinds.set(r.arn, 'role');
  for (const g of snapshot?.groups ?? []) kinds.set(g.arn, 'group');
  for (const a of admins) if (!kinds.has(a)) kinds.set(a, 'other');
  for (const p of paths.keys()) if (!kinds.has(p)) kinds.set(p, 'other');
  const counts = new Map<string, { n: number; first?: string }>();
  for (const f of input.analysis.findings) {
    if (!f.principal) continue;
    if (!kinds.has(f.principal)) kinds.set(f.principal, 'other');
    const c = counts.get(f.principal) ?? { n: 0, first: anchors.get(f) };
    c.n++;
    counts.set(f.principal, c);
  }
  return [...kinds.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([arn, kind]) => {
      const p = paths.get(arn);
      const c = counts.get(arn);
      return {
        arn,
        kind,
        admin:
          e === undefined
            ? 'unknown'
            : full.has(arn)
              ? 'full'
              : admins.has(arn)
                ? 'shadow'
                : p
                  ? 'reachable'
                  : 'no',
        methods: p ? p.steps.map((s) => s.method).join(' → ') : '',
        conditional: p?.conditional ?? false,
        findings: c?.n ?? 0,
        ...(c?.first ? { firstFinding: c.first } : {}),
      };
    });
}

/** The index of principals; `links` makes each findings count a link to the principal's first finding. */
function indexHtml(rows: readonly PrincipalRow[], links: boolean): string {
  if (rows.length === 0) return '<p>No principals.</p>';
  const body = rows
    .map(
      (r, i) =>
        `<tr id="p-${i}"><td><code>${h(r.arn)}</code></td><td>${h(r.kind)}</td><td>${h(r.admin)}</td>` +
        `<td>${r.methods ? `${h(r.methods)}${r.conditional ? ' (conditional)' : ''}` : ''}</td>` +
        `<td>${r.findings > 0 && r.firstFinding && links ? `<a href="#${r.firstFinding}">${r.findings}</a>` : String(r.findings)}</td></tr>`,
    )
    .join('\n');
  return (
    '<table class="index"><colgroup><col class="p"><col class="k"><col class="a"><col class="m"><col class="f"></colgroup>' +
    '<thead><tr><th>principal</th><th>kind</th><th>admin</th><th>path to admin (methods)</th><th>findings</th></tr></thead>' +
    `<tbody>${body}</tbody></table>`
  );
}

function rulesHtml(input: ReportInput): string {
  const used = new Map<string, number>();
  for (const f of input.analysis.findings) used.set(f.rule, (used.get(f.rule) ?? 0) + 1);
  const rows = [...used.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, n]) => {
      const r = findRule(id);
      // AWS documentation links are plain links: nothing is loaded from them.
      const docs = (r?.docs ?? [])
        .map((d) => `<a href="${h(d.url)}" rel="noreferrer">${h(d.title)}</a>`)
        .join('<br>');
      return `<tr><td><code>${h(id)}</code></td><td>${r ? inlineCode(r.description) : ''}</td><td>${n}</td><td>${docs}</td></tr>`;
    });
  return (
    '<table class="rules"><colgroup><col class="r"><col class="c"><col class="n"><col class="d"></colgroup><thead><tr><th>rule</th><th>checks</th><th>findings</th><th>AWS documentation</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

const TITLE: Readonly<Record<FindingSeverity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/**
 * Writes the HTML report; with the snapshot, the principal index also lists principals without
 * findings. Large reports get the rows layout (see `HtmlReportOptions.layout`): a card per
 * finding prints one or two findings a page, and Chromium needs gigabytes and minutes to print
 * 10,000 of them (13,686 cards: 6,794 pages, 216 MB, 10 min, an 8 GB renderer).
 */
export function writeHtmlReport(
  input: ReportInput,
  snapshot?: Snapshot,
  options: HtmlReportOptions = {},
): string {
  const { meta, analysis } = input;
  const layout = options.layout ?? defaultFindingLayout(analysis.findings.length);
  const account = meta.snapshot.account || '(unknown)';
  const anchors = new Map<Finding, string>();
  analysis.findings.forEach((f, i) => anchors.set(f, `f-${i}`));
  const bySeverity = new Map<FindingSeverity, Finding[]>(SEVERITIES.map((s) => [s, []]));
  for (const f of analysis.findings) bySeverity.get(f.severity)?.push(f);
  const triaged = analysis.findings.filter((f) => triageOf(input, f).state !== 'open').length;
  const paths = analysis.findings.filter((f) => f.evidence.steps.length > 0).length;

  const principals = principalRows(input, snapshot, anchors);
  const rowOf = new Map(principals.map((r, i) => [r.arn, `p-${i}`]));
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // No script, no remote anything: the policy says so to the browser too.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>IAM audit of account ${h(account)}</title>`,
    `<style>${reportCss(`IAM audit · account ${account} · snapshot SHA-256 ${meta.snapshot.sha256}`, layout === 'rows')}</style>`,
    '</head><body>',
    `<section class="first"><h1>IAM audit of account <code>${h(account)}</code></h1>`,
    '<table class="evidence"><tbody>',
    `<tr><th>account</th><td><code>${h(account)}</code></td></tr>`,
    `<tr><th>snapshot SHA-256</th><td><code>${h(meta.snapshot.sha256)}</code></td></tr>`,
    `<tr><th>collected at</th><td>${meta.snapshot.collectedAt ? `<code>${h(meta.snapshot.collectedAt)}</code>` : '(not given)'}</td></tr>`,
    `<tr><th>tool</th><td>${h(`${meta.tool.name} ${meta.tool.version}`)}</td></tr>`,
    `<tr><th>rule set</th><td>${h(meta.rulesetVersion)} (${analysis.rulesRun.length} rules run)</td></tr>`,
    `<tr><th>triage</th><td>${triaged} of ${analysis.findings.length} findings triaged</td></tr>`,
    '</tbody></table>',
    '<h2 id="summary">Summary</h2><div class="summary">',
    ...SEVERITIES.map(
      (s) =>
        `<div class="count"><span class="sev ${s}">${s}</span><b>${analysis.summary[s]}</b>` +
        `${analysis.summary[s] > 0 ? `<a href="#sev-${s}">findings</a>` : 'findings'}</div>`,
    ),
    '</div>',
    `<p>${analysis.findings.length} findings, ${paths} with an escalation path. ` +
      '<a href="#principals">Index of principals</a> · <a href="#rules">Rules</a></p>',
  ];
  if (analysis.notes.length > 0) {
    out.push(
      '<p>Limits of this analysis:</p><ul class="notes">',
      ...analysis.notes.map((n) => `<li>${inlineCode(n)}</li>`),
      '</ul>',
    );
  }
  if (layout === 'rows') {
    out.push(
      `<p class="layout">${analysis.findings.length} findings: each is one row of its rule’s table, with its evidence, ` +
        `path, first policy statement and triage (the JSON report quotes every statement).</p>`,
    );
  }
  out.push('</section>');
  const rowsContext = {
    anchorOf: (f: Finding) => anchors.get(f) ?? '',
    triageOf: (f: Finding) => triageOf(input, f),
  };
  for (const s of SEVERITIES) {
    const fs = bySeverity.get(s) ?? [];
    if (fs.length === 0) continue;
    out.push(`<section><h2 id="sev-${s}">${TITLE[s]} (${fs.length})</h2>`);
    if (layout === 'rows') out.push(findingRowsHtml(fs, rowsContext));
    else for (const f of fs) out.push(findingHtml(input, f, anchors.get(f) ?? '', rowOf));
    out.push('</section>');
  }
  out.push(
    '<section><h2 id="principals">Index of principals</h2>',
    // Rows link nowhere: Chromium prints thousands of in-document links in time that grows
    // faster than their number (10,000 of them made the print of 10,000 findings 2.5 times slower).
    indexHtml(principals, layout === 'cards'),
    '</section>',
    '<section><h2 id="rules">Rules</h2>',
    rulesHtml(input),
    '</section>',
    '</body></html>\n',
  );
  return out.join('\n');
}
