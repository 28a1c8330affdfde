// Date condition operators: W3C ISO 8601 forms and epoch seconds, compared as instants.
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../../core/evaluate/conditions/date';
import { errorsOf, matches } from './helpers';

describe('Date condition operators', () => {
  it('parses the W3C ISO 8601 forms and epoch seconds to the same instant', () => {
    const t = Date.UTC(2020, 0, 1, 0, 0, 0);
    expect(parseDate('2020-01-01T00:00:00Z')).toBe(t);
    expect(parseDate('2020-01-01T00:00Z')).toBe(t);
    expect(parseDate('2020-01-01')).toBe(t);
    expect(parseDate('2020-01')).toBe(t);
    expect(parseDate('2020-01-01T01:00:00+01:00')).toBe(t);
    expect(parseDate('2019-12-31T19:00:00-05:00')).toBe(t);
    expect(parseDate('2020-01-01T00:00:00.000Z')).toBe(t);
    expect(parseDate('2020-01-01T00:00:00')).toBe(t);
    expect(parseDate(String(t / 1000))).toBe(t);
  });

  it('refuses impossible and malformed dates', () => {
    for (const bad of [
      '2021-02-29',
      '2020-13-01',
      '2020-01-01T24:00:00Z',
      '2020-1-1',
      'yesterday',
      '2020-01-01T00:00:00+25:00',
      '2020-01-01 00:00:00Z',
      '',
    ]) {
      expect(parseDate(bad)).toBeUndefined();
    }
    expect(parseDate('2020-02-29')).toBe(Date.UTC(2020, 1, 29));
  });

  it('compares instants whatever format each side uses', () => {
    expect(
      matches('DateGreaterThan', 'aws:CurrentTime', '2020-01-01T00:00:00Z', {
        'aws:CurrentTime': '2020-06-01T12:00:00Z',
      }),
    ).toBe(true);
    expect(
      matches('DateLessThan', 'aws:EpochTime', '2020-01-01T00:00:00Z', { 'aws:EpochTime': '1577836799' }),
    ).toBe(true);
    expect(
      matches('DateLessThan', 'aws:EpochTime', '2020-01-01T00:00:00Z', { 'aws:EpochTime': '1577836800' }),
    ).toBe(false);
    expect(
      matches('DateLessThanEquals', 'aws:EpochTime', '2020-01-01T00:00:00Z', {
        'aws:EpochTime': '1577836800',
      }),
    ).toBe(true);
    expect(matches('DateEquals', 'k', '2020-01-01T01:00:00+01:00', { k: '2020-01-01T00:00:00Z' })).toBe(true);
    expect(matches('DateNotEquals', 'k', '2020-01-01T00:00:00Z', { k: '2020-01-01T00:00:01Z' })).toBe(true);
    expect(matches('DateGreaterThanEquals', 'k', '2020-01-01', { k: '2020-01-01T00:00:00Z' })).toBe(true);
  });

  it('a request value that is not a date matches nothing', () => {
    expect(matches('DateGreaterThan', 'k', '2020-01-01', { k: 'soon' })).toBe(false);
  });

  it('a policy value that is not a date, or a wildcard, is an error', () => {
    expect(errorsOf({ DateGreaterThan: { 'aws:CurrentTime': ['2020-*'] } })).toEqual([
      {
        id: 'policy.condition.value.date',
        path: 'Condition.DateGreaterThan.aws:CurrentTime[0]',
        message: '`2020-*` is not an iso 8601 date or epoch time for `DateGreaterThan`',
      },
    ]);
  });
});
