// Condition operator names: known and unknown spellings, prefixes and suffixes, diagnostics.
import { describe, expect, it } from 'vitest';
import { isKnownConditionOperator } from '../../../../core/evaluate/conditions/index';
import { parseOperator } from '../../../../core/evaluate/conditions/operator';
import { errorsOf } from './helpers';

describe('condition operator names', () => {
  it('knows every base operator, with set prefixes and the IfExists suffix', () => {
    for (const op of [
      'StringEquals',
      'StringNotEqualsIgnoreCase',
      'StringLikeIfExists',
      'ForAllValues:StringLike',
      'ForAnyValue:ArnNotLikeIfExists',
      'NumericGreaterThanEqualsIfExists',
      'DateNotEquals',
      'Bool',
      'BoolIfExists',
      'BinaryEquals',
      'IpAddress',
      'NotIpAddressIfExists',
      'ArnEquals',
      'Null',
    ]) {
      expect(isKnownConditionOperator(op), op).toBe(true);
    }
  });

  it('refuses unknown names, wrong letter case, NullIfExists and doubled affixes', () => {
    for (const op of [
      'StringEqual',
      'stringequals',
      'NullIfExists',
      'IfExists',
      'ForAllValues:',
      'ForAllValues:ForAnyValue:StringEquals',
      'StringEqualsIfExistsIfExists',
      'BinaryNotEquals',
      'ForAllValues:stringLike',
      'forallvalues:StringLike',
      '',
    ]) {
      expect(isKnownConditionOperator(op), op).toBe(false);
    }
  });

  it('takes a name apart', () => {
    expect(parseOperator('ForAnyValue:StringNotLikeIfExists')).toEqual({
      name: 'ForAnyValue:StringNotLikeIfExists',
      base: 'StringNotLike',
      family: 'String',
      negated: true,
      ifExists: true,
      setOperator: 'ForAnyValue',
    });
  });

  it('an unknown operator is an error at its path, suggesting the right spelling', () => {
    expect(errorsOf({ stringEquals: { k: ['v'] } })).toEqual([
      {
        id: 'policy.condition.operator.unknown',
        path: 'Condition.stringEquals',
        message: 'unknown condition operator `stringEquals` (operators are case-sensitive: `StringEquals`)',
      },
    ]);
    expect(errorsOf({ StringMatches: { k: ['v'] } })[0]?.message).toBe(
      'unknown condition operator `StringMatches`',
    );
  });

  it('a key with no values is an error', () => {
    expect(errorsOf({ StringEquals: { k: [] } })[0]).toMatchObject({
      id: 'policy.condition.value.empty',
      path: 'Condition.StringEquals.k',
    });
  });
});
