// Date condition operators: DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals)
// over W3C ISO 8601 dates and epoch seconds. Imports only core/model and set.ts.
import type { Diagnostic } from '../../model/diagnostic';
import { matchAny, plainMatch, valueError, valuePath, type CompiledValues } from './set';

// "Condition operators > Date condition operators": values use one of the W3C implementations of
// the ISO 8601 date formats (https://www.w3.org/TR/NOTE-datetime) or epoch (UNIX) time:
// YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD.
// A bare YYYY is read as epoch seconds (see EPOCH), and a missing TZD as UTC.
const ISO =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?$/;
// Epoch seconds, optionally with a fraction. An all-digit value is always epoch time: W3C's
// year-only form would be ambiguous with it, and aws:EpochTime values are all digits.
const EPOCH = /^\d+(?:\.\d+)?$/;

/** Parses a date as AWS accepts it, to milliseconds since the epoch; undefined when invalid. */
export function parseDate(text: string): number | undefined {
  if (EPOCH.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const tzd = m[8];
  if (tzd !== undefined && tzd !== 'Z') {
    const oh = Number(tzd.slice(1, 3));
    const om = Number(tzd.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (tzd.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  return utc + fraction * 1000 - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Compare = (request: number, policy: number) => boolean;

const COMPARISONS: ReadonlyMap<string, Compare> = new Map<string, Compare>([
  ['DateEquals', (r, p) => r === p],
  // The negated form's comparison is equality; set.ts negates it (NOR across values).
  ['DateNotEquals', (r, p) => r === p],
  // "Matching before a specific date and time" / "at or before" / "after" / "at or after".
  ['DateLessThan', (r, p) => r < p],
  ['DateLessThanEquals', (r, p) => r <= p],
  ['DateGreaterThan', (r, p) => r > p],
  ['DateGreaterThanEquals', (r, p) => r >= p],
]);

/** Compiles the values of a Date* operator; a value that is not a date is an error. */
export function compileDateValues(base: string, values: readonly string[], keyPath: string): CompiledValues {
  const compare = COMPARISONS.get(base) ?? (() => false);
  const diagnostics: Diagnostic[] = [];
  const dates: number[] = [];
  values.forEach((value, i) => {
    const d = parseDate(value);
    if (d === undefined) {
      // "Wildcards are not permitted"; "You can not use a policy variable with the Date condition operator."
      diagnostics.push(
        valueError(
          'policy.condition.value.date',
          valuePath(keyPath, i),
          `\`${value}\` is not an iso 8601 date or epoch time for \`${base}\``,
        ),
      );
    } else {
      dates.push(d);
    }
  });
  return {
    diagnostics,
    matcher: {
      match(requestValue) {
        const r = parseDate(requestValue);
        if (r === undefined) return plainMatch(false);
        return matchAny(dates, (p) => plainMatch(compare(r, p)));
      },
    },
  };
}
