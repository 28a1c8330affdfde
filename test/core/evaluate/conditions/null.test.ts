// The Null condition operator: key absence and presence, invalid values, NullIfExists.
import { describe, expect, it } from 'vitest';
import { compileConditionBlock } from '../../../../core/evaluate/conditions/index';
import { errorsOf, evaluate } from './helpers';

describe('Null condition operator', () => {
  it('true means the key is absent', () => {
    expect(evaluate({ Null: { 'aws:TokenIssueTime': ['true'] } })).toMatchObject({
      matched: true,
      missingKeys: ['aws:TokenIssueTime'],
    });
    expect(
      evaluate(
        { Null: { 'aws:TokenIssueTime': ['true'] } },
        { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' },
      ),
    ).toMatchObject({ matched: false, missingKeys: [] });
  });

  it('false means the key is present, whatever its value', () => {
    expect(
      evaluate({ Null: { 'aws:TokenIssueTime': ['false'] } }, { 'aws:TokenIssueTime': '' }).matched,
    ).toBe(true);
    expect(evaluate({ Null: { 'aws:TokenIssueTime': ['false'] } })).toMatchObject({
      matched: false,
      missingKeys: ['aws:TokenIssueTime'],
    });
  });

  it('an empty list is a present key', () => {
    expect(evaluate({ Null: { 'aws:TagKeys': ['false'] } }, { 'aws:TagKeys': [] }).matched).toBe(true);
  });

  it('both values together always match', () => {
    expect(evaluate({ Null: { k: ['true', 'false'] } }).matched).toBe(true);
    expect(evaluate({ Null: { k: ['true', 'false'] } }, { k: 'x' }).matched).toBe(true);
  });

  it('a value that is neither true nor false is an error', () => {
    expect(errorsOf({ Null: { k: ['maybe'] } })).toEqual([
      {
        id: 'policy.condition.value.null',
        path: 'Condition.Null.k[0]',
        message: '`maybe` is not `true` or `false` for `Null`',
      },
    ]);
  });

  it('NullIfExists is not an operator', () => {
    expect(errorsOf({ NullIfExists: { k: ['true'] } })[0]).toMatchObject({
      id: 'policy.condition.operator.unknown',
    });
  });

  it('a set operator on Null is a warning and has no effect', () => {
    const { condition, diagnostics } = compileConditionBlock({ 'ForAnyValue:Null': { k: ['true'] } }, 'C');
    expect(diagnostics.map((d) => [d.id, d.severity])).toEqual([
      ['policy.condition.operator.set-null', 'warning'],
    ]);
    expect(condition.evaluate({ get: () => undefined }).matched).toBe(true);
  });
});
