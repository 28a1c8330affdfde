// The Bool condition operator: true/false, missing keys, policy variables, invalid values.
import { describe, expect, it } from 'vitest';
import { errorsOf, evaluate, matches } from './helpers';

describe('Bool condition operator', () => {
  it('matches true and false', () => {
    expect(matches('Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': 'false' })).toBe(true);
    expect(matches('Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': 'true' })).toBe(false);
    expect(
      matches('Bool', 'aws:MultiFactorAuthPresent', 'true', { 'aws:MultiFactorAuthPresent': 'true' }),
    ).toBe(true);
  });

  it('reads booleans in any letter case', () => {
    expect(matches('Bool', 'k', 'True', { k: 'TRUE' })).toBe(true);
  });

  it('a request value that is not a boolean matches nothing', () => {
    expect(matches('Bool', 'k', 'true', { k: 'yes' })).toBe(false);
  });

  it('a missing key fails Bool and satisfies BoolIfExists', () => {
    expect(evaluate({ Bool: { 'aws:MultiFactorAuthPresent': ['false'] } }).matched).toBe(false);
    expect(evaluate({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } }).matched).toBe(true);
  });

  it('takes policy variables', () => {
    expect(
      matches('Bool', 'k', '${aws:PrincipalTag/flag}', { k: 'true', 'aws:PrincipalTag/flag': 'true' }),
    ).toBe(true);
    expect(evaluate({ Bool: { k: ['${aws:PrincipalTag/flag}'] } }, { k: 'true' })).toMatchObject({
      matched: false,
      missingKeys: ['aws:PrincipalTag/flag'],
    });
  });

  it('a policy value that is not a boolean is an error', () => {
    expect(errorsOf({ Bool: { k: ['yes'] } })).toEqual([
      {
        id: 'policy.condition.value.bool',
        path: 'Condition.Bool.k[0]',
        message: '`yes` is not `true` or `false` for `Bool`',
      },
    ]);
  });
});
