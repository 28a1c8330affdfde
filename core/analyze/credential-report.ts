// Parses the IAM credential report (the CSV AWS returns from GetCredentialReport) into rows keyed
// by column name. Pure: imports nothing.
//
// AWS "Generate credential reports for your AWS account", section "Understanding the report
// format" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html):
// one row per user plus `<root_account>`; dates in ISO 8601; `N/A` when not applicable,
// `no_information` when a password or key was never used, `not_supported` for root fields.

/** One row of the credential report: column name → cell text. */
export interface CredentialReportRow {
  readonly user: string;
  readonly arn: string;
  /** Every cell by column name (header as given, lower-cased). */
  readonly cells: ReadonlyMap<string, string>;
}

/** The parsed report, or why it could not be parsed. */
export type CredentialReportResult =
  | { readonly kind: 'ok'; readonly rows: readonly CredentialReportRow[] }
  | { readonly kind: 'error'; readonly message: string };

/** Largest number of rows read (IAM allows 5,000 users per account; a margin for hostile input). */
const MAX_ROWS = 100_000;

/** Splits CSV text into records of fields (RFC 4180: quoted fields, `""` escapes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
      if (rows.length > MAX_ROWS) break;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Parses the credential report CSV; the header must name `user` and `arn`. */
export function parseCredentialReport(text: string): CredentialReportResult {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return { kind: 'error', message: 'credentialReport: empty' };
  const columns = header.map((h) => h.trim().toLowerCase());
  if (!columns.includes('user') || !columns.includes('arn')) {
    return { kind: 'error', message: 'credentialReport: the header names no `user` and `arn` columns' };
  }
  const rows: CredentialReportRow[] = [];
  for (const record of records.slice(1)) {
    const cells = new Map<string, string>();
    columns.forEach((c, i) => {
      if (!cells.has(c)) cells.set(c, (record[i] ?? '').trim());
    });
    rows.push({ user: cells.get('user') ?? '', arn: cells.get('arn') ?? '', cells });
  }
  return { kind: 'ok', rows };
}

/** True when the cell is `true` (case-insensitive). */
export function cellTrue(row: CredentialReportRow, column: string): boolean {
  return (row.cells.get(column) ?? '').toLowerCase() === 'true';
}

/** The cell as epoch milliseconds, or undefined for `N/A`, `no_information`, `not_supported`, empty or unreadable. */
export function cellDate(row: CredentialReportRow, column: string): number | undefined {
  const v = row.cells.get(column) ?? '';
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** The root account's row name in the report. */
export const ROOT_ROW = '<root_account>';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (both epoch ms). */
export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}

const parsedReports = new WeakMap<object, CredentialReportResult>();

/** The snapshot's credential report, parsed once per snapshot; undefined when the snapshot has none. */
export function reportOf(snapshot: {
  readonly credentialReport?: string;
}): CredentialReportResult | undefined {
  if (snapshot.credentialReport === undefined) return undefined;
  let r = parsedReports.get(snapshot);
  if (!r) {
    r = parseCredentialReport(snapshot.credentialReport);
    parsedReports.set(snapshot, r);
  }
  return r;
}

/** The user rows (root excluded) of the snapshot's credential report; empty when absent or unreadable. */
export function userRows(snapshot: { readonly credentialReport?: string }): readonly CredentialReportRow[] {
  const r = reportOf(snapshot);
  return r?.kind === 'ok' ? r.rows.filter((row) => row.user !== ROOT_ROW) : [];
}

/** The root row of the snapshot's credential report, if any. */
export function rootRow(snapshot: { readonly credentialReport?: string }): CredentialReportRow | undefined {
  const r = reportOf(snapshot);
  return r?.kind === 'ok' ? r.rows.find((row) => row.user === ROOT_ROW) : undefined;
}

/** The 90-day threshold of the credential rules (CIS AWS Foundations: unused credentials, key rotation). */
export const STALE_DAYS = 90;

/** AWS's page on the credential report, cited by every rule that reads it. */
export const CREDENTIAL_REPORT_DOC = {
  title: 'Generate credential reports for your AWS account',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
} as const;

/** AWS's best practice on removing unused credentials and policies, cited by the staleness rules. */
export const REMOVE_UNUSED_DOC = {
  title:
    'Security best practices in IAM: Regularly review and remove unused users, roles, permissions, policies, and credentials',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
} as const;
