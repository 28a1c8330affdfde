// The context editor's logic: rows of key/value become a request context (a key on several rows is
// multi-valued), with a message per row for what is wrong. Pure; imports nothing.

/** One row of the context editor. */
export interface ContextRow {
  id: number;
  key: string;
  value: string;
}

/** The type of value a well-known key takes, for validation. */
export type KeyType = 'bool' | 'ip' | 'date' | 'number' | 'string' | 'arn';

/** A well-known condition key offered as a suggestion. */
export interface KnownKey {
  key: string;
  type: KeyType;
  /** True when AWS sends several values for it (aws:TagKeys). */
  multi: boolean;
  example: string;
  /** True for a key prefix the user completes (`aws:PrincipalTag/` + tag key). */
  prefix?: boolean;
}

/**
 * Common global condition keys (AWS "AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 */
export const KNOWN_KEYS: readonly KnownKey[] = [
  { key: 'aws:MultiFactorAuthPresent', type: 'bool', multi: false, example: 'true' },
  { key: 'aws:MultiFactorAuthAge', type: 'number', multi: false, example: '300' },
  { key: 'aws:SourceIp', type: 'ip', multi: false, example: '198.51.100.7' },
  { key: 'aws:CurrentTime', type: 'date', multi: false, example: '2026-11-29T06:00:00Z' },
  { key: 'aws:EpochTime', type: 'number', multi: false, example: '1795932000' },
  { key: 'aws:RequestedRegion', type: 'string', multi: false, example: 'eu-west-1' },
  { key: 'aws:SecureTransport', type: 'bool', multi: false, example: 'true' },
  { key: 'aws:ViaAWSService', type: 'bool', multi: false, example: 'false' },
  { key: 'aws:CalledVia', type: 'string', multi: true, example: 'cloudformation.amazonaws.com' },
  { key: 'aws:SourceVpc', type: 'string', multi: false, example: 'vpc-0123456789abcdef0' },
  { key: 'aws:SourceVpce', type: 'string', multi: false, example: 'vpce-0123456789abcdef0' },
  { key: 'aws:SourceAccount', type: 'string', multi: false, example: '111122223333' },
  { key: 'aws:SourceArn', type: 'arn', multi: false, example: 'arn:aws:s3:::example-bucket' },
  { key: 'aws:PrincipalOrgID', type: 'string', multi: false, example: 'o-exampleorgid' },
  { key: 'aws:PrincipalTag/', type: 'string', multi: false, example: 'team', prefix: true },
  { key: 'aws:ResourceTag/', type: 'string', multi: false, example: 'team', prefix: true },
  { key: 'aws:RequestTag/', type: 'string', multi: false, example: 'team', prefix: true },
  { key: 'aws:TagKeys', type: 'string', multi: true, example: 'team' },
  { key: 'aws:username', type: 'string', multi: false, example: 'alice' },
  { key: 'sts:ExternalId', type: 'string', multi: false, example: 'example-external-id' },
];

/** The well-known key `key` is, or is an instance of (a `aws:PrincipalTag/x` is the prefix's). */
export function knownKey(key: string): KnownKey | undefined {
  const folded = key.toLowerCase();
  return KNOWN_KEYS.find((k) => (k.prefix ? folded.startsWith(k.key.toLowerCase()) && folded.length > k.key.length : folded === k.key.toLowerCase()));
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;
const IPV6 = /^[0-9a-f:]+(\/\d{1,3})?$/i;

function validIp(v: string): boolean {
  const m = IPV4.exec(v);
  if (m) return [m[1], m[2], m[3], m[4]].every((o) => Number(o) <= 255) && (m[6] === undefined || Number(m[6]) <= 32);
  return v.includes(':') && IPV6.test(v);
}

/** What is wrong with a value of type `type`, or undefined. */
export function valueProblem(type: KeyType, value: string): string | undefined {
  switch (type) {
    case 'bool':
      return /^(true|false)$/i.test(value) ? undefined : 'expected `true` or `false`';
    case 'ip':
      return validIp(value) ? undefined : 'expected an IP address or CIDR range (`198.51.100.7`, `203.0.113.0/24`)';
    case 'date':
      return /^\d+$/.test(value) || (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) ? undefined : 'expected an ISO 8601 time (`2026-11-29T06:00:00Z`) or epoch seconds';
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'expected a number';
    case 'arn':
      return value.startsWith('arn:') ? undefined : 'expected an ARN (`arn:aws:…`)';
    case 'string':
      return undefined;
  }
}

/** A message for one field of one row. */
export interface RowProblem {
  id: number;
  field: 'key' | 'value';
  message: string;
}

/** The context the rows give and what is wrong with them; blank rows are ignored. */
export function buildContext(rows: readonly ContextRow[]): { context: Record<string, string | string[]>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  // Keys are case-insensitive in AWS: rows with the same key in any case are one multi-valued key.
  const groups = new Map<string, { key: string; values: string[]; ids: number[] }>();
  for (const row of rows) {
    const key = row.key.trim();
    const value = row.value.trim();
    if (!key && !value) continue;
    if (!key) {
      problems.push({ id: row.id, field: 'key', message: 'enter a condition key' });
      continue;
    }
    if (/\s/.test(key) || !/^[A-Za-z0-9-]+:[^:]/.test(key)) {
      problems.push({ id: row.id, field: 'key', message: `\`${key}\`: expected \`service:Key\` (e.g. \`aws:SourceIp\`)` });
      continue;
    }
    const known = knownKey(key);
    const bare = KNOWN_KEYS.find((k) => k.prefix && k.key.toLowerCase() === key.toLowerCase());
    if (bare) {
      problems.push({ id: row.id, field: 'key', message: `\`${key}\`: add the tag key after the slash (e.g. \`${bare.key}${bare.example}\`)` });
      continue;
    }
    if (known && value) {
      const p = valueProblem(known.type, value);
      if (p) {
        problems.push({ id: row.id, field: 'value', message: `${known.prefix ? key : known.key}: ${p}` });
        continue;
      }
    }
    const folded = key.toLowerCase();
    const g = groups.get(folded) ?? { key, values: [], ids: [] };
    g.values.push(value);
    g.ids.push(row.id);
    groups.set(folded, g);
  }
  for (const g of groups.values()) {
    const known = knownKey(g.key);
    if (known && !known.multi && !known.prefix && g.values.length > 1) {
      for (const id of g.ids.slice(1)) problems.push({ id, field: 'key', message: `${known.key} takes one value; remove the extra rows` });
    }
  }
  const context = Object.fromEntries([...groups.values()].map((g) => [g.key, g.values.length === 1 ? g.values[0]! : g.values] as const));
  return { context, problems };
}
