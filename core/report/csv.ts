// CSV reports: one row per finding, and one row per principal with its admin status and path to
// admin. RFC 4180 quoting; cells that a spreadsheet would run as a formula are defused. Pure:
// imports only core/model, core/analyze and ./evidence.
//
// RFC 4180 "Common Format and MIME Type for Comma-Separated Values (CSV) Files", section 2:
// fields with commas, double quotes or line breaks are enclosed in double quotes, and a double
// quote inside is doubled; records end with CRLF. OWASP "CSV Injection": a cell starting with
// `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so it is read as text.
import type { Snapshot } from '../model/snapshot';
import { triageOf, type ReportInput } from './evidence';

/** Defuses a cell a spreadsheet would evaluate as a formula. */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Quotes one cell as RFC 4180 says (after defusing formulas). */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = defuseFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins rows into CSV text with CRLF line ends. */
export function csvText(
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function metaCells(input: ReportInput): string[] {
  const m = input.meta;
  return [
    m.snapshot.account,
    m.snapshot.sha256,
    m.snapshot.collectedAt ?? '',
    `${m.tool.name} ${m.tool.version}`,
    m.rulesetVersion,
  ];
}

const META_HEADER = ['account', 'snapshot_sha256', 'collected_at', 'tool', 'ruleset_version'];

/** One row per finding, with the evidence block's fields on every row. */
export function writeFindingsCsv(input: ReportInput): string {
  const header = [
    'id',
    'rule',
    'severity',
    'title',
    'principal',
    'resource',
    'statements',
    'steps',
    'values',
    'remediation',
    'triage_state',
    'triage_justification',
    ...META_HEADER,
  ];
  const meta = metaCells(input);
  const rows = input.analysis.findings.map((f) => {
    const t = triageOf(input, f);
    return [
      f.id,
      f.rule,
      f.severity,
      f.title,
      f.principal ?? '',
      f.resource ?? '',
      f.evidence.statements
        .map(
          (s) =>
            `${s.policy}${s.attachedTo ? ` (${s.attachedTo})` : ''}${s.policyArn ? ` [${s.policyArn}]` : ''} #${s.statementIndex}: ${s.text}`,
        )
        .join('\n'),
      f.evidence.steps
        .map((s) => `${s.from} -> ${s.to} (${s.method}${s.conditional ? ', conditional' : ''})`)
        .join('\n'),
      f.evidence.values
        .map(([k, v]) => `${k}=${Array.isArray(v) ? (v as readonly string[]).join(';') : String(v)}`)
        .join('\n'),
      f.remediation,
      t.state,
      t.justification ?? '',
      ...meta,
    ];
  });
  return csvText([header, ...rows]);
}

/** One row per user and role (and any other principal on a path): admin status, path to admin and its methods. */
export function writePrincipalsCsv(input: ReportInput, snapshot: Snapshot): string {
  const header = [
    'principal',
    'kind',
    'admin',
    'path_length',
    'conditional',
    'path',
    'methods',
    'permissions',
    ...META_HEADER,
  ];
  const e = input.escalation;
  const full = new Set(e?.fullAdmins ?? []);
  const admins = new Set(e?.admins ?? []);
  const paths = new Map((e?.paths ?? []).map((p) => [p.principal, p]));
  const principals = new Map<string, string>();
  for (const u of snapshot.users) principals.set(u.arn, 'user');
  for (const r of snapshot.roles) principals.set(r.arn, 'role');
  for (const p of paths.keys())
    if (!principals.has(p))
      principals.set(
        p,
        p.includes(':saml-provider/') || p.includes(':oidc-provider/') ? 'provider' : 'other',
      );
  const meta = metaCells(input);
  const rows = [...principals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([arn, kind]) => {
      const p = paths.get(arn);
      const status =
        e === undefined
          ? 'unknown'
          : full.has(arn)
            ? 'full'
            : admins.has(arn)
              ? 'shadow'
              : p
                ? 'reachable'
                : 'no';
      return [
        arn,
        kind,
        status,
        p ? p.steps.length : 0,
        p ? p.conditional : '',
        p ? p.steps.map((s) => `${s.from} -> ${s.to}`).join('\n') : '',
        p ? p.steps.map((s) => s.method).join(' | ') : '',
        p ? [...new Set(p.steps.flatMap((s) => s.permissions))].join(' ') : '',
        ...meta,
      ];
    });
  return csvText([header, ...rows]);
}
