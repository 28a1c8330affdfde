// Numeric condition operators: integer and decimal comparisons, strict parsing, invalid policy values.
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../../core/evaluate/conditions/numeric';
import { errorsOf, evaluate, matches } from './helpers';

describe('Numeric condition operators', () => {
  it('compares integers and decimals', () => {
    expect(matches('NumericEquals', 'k', '10', { k: '10' })).toBe(true);
    expect(matches('NumericEquals', 'k', '10', { k: '10.0' })).toBe(true);
    expect(matches('NumericLessThan', 'k', '10', { k: '9.5' })).toBe(true);
    expect(matches('NumericLessThan', 'k', '10', { k: '10' })).toBe(false);
    expect(matches('NumericLessThanEquals', 'k', '10', { k: '10' })).toBe(true);
    expect(matches('NumericGreaterThan', 'k', '-1', { k: '0' })).toBe(true);
    expect(matches('NumericGreaterThanEquals', 'k', '0.5', { k: '.5' })).toBe(true);
    expect(matches('NumericNotEquals', 'k', ['1', '2'], { k: '3' })).toBe(true);
    expect(matches('NumericNotEquals', 'k', ['1', '2'], { k: '2' })).toBe(false);
  });

  it('a request value that is not a number matches nothing', () => {
    expect(matches('NumericEquals', 'k', '10', { k: 'ten' })).toBe(false);
  });

  it('parses numbers strictly', () => {
    expect(parseNumber('1e3')).toBeUndefined();
    expect(parseNumber(' 1')).toBeUndefined();
    expect(parseNumber('0x10')).toBeUndefined();
    expect(parseNumber('+3.')).toBe(3);
    expect(parseNumber('-0.25')).toBe(-0.25);
  });

  it('a policy value that is not a number is an error at its JSON path', () => {
    expect(errorsOf({ NumericLessThan: { 's3:max-keys': ['10', 'ten'] } })).toEqual([
      {
        id: 'policy.condition.value.number',
        path: 'Condition.NumericLessThan.s3:max-keys[1]',
        message: '`ten` is not a number for `NumericLessThan`',
      },
    ]);
    expect(errorsOf({ NumericEquals: { k: ['${aws:username}'] } })).toHaveLength(1);
  });

  it('a missing key fails NumericLessThan and satisfies NumericNotEquals', () => {
    expect(evaluate({ NumericLessThan: { 's3:max-keys': ['10'] } }).matched).toBe(false);
    expect(evaluate({ NumericNotEquals: { 's3:max-keys': ['10'] } }).matched).toBe(true);
  });
});
