// ForAllValues/ForAnyValue, AND/OR across operators, keys and values, IfExists, missing-key reporting.
import { describe, expect, it } from 'vitest';
import { evaluate, matches } from './helpers';

describe('set operators for multivalued context keys', () => {
  const allowed = ['PostDateTime', 'Message', 'Tags'];

  it('ForAllValues is true when every request value matches a policy value', () => {
    expect(
      matches('ForAllValues:StringLike', 'dynamodb:Attributes', allowed, {
        'dynamodb:Attributes': ['PostDateTime', 'Message'],
      }),
    ).toBe(true);
    expect(
      matches('ForAllValues:StringLike', 'dynamodb:Attributes', allowed, {
        'dynamodb:Attributes': ['PostDateTime', 'UserName'],
      }),
    ).toBe(false);
  });

  it('ForAllValues is true for an empty set and for a missing key', () => {
    expect(matches('ForAllValues:StringEquals', 'aws:TagKeys', allowed, { 'aws:TagKeys': [] })).toBe(true);
    expect(evaluate({ 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } })).toMatchObject({
      matched: true,
      missingKeys: ['aws:TagKeys'],
    });
  });

  it('ForAnyValue is true when at least one request value matches', () => {
    expect(
      matches('ForAnyValue:StringLike', 'k', ['ID', 'PostDateTime'], {
        k: ['UserName', 'Message', 'PostDateTime'],
      }),
    ).toBe(true);
    expect(matches('ForAnyValue:StringLike', 'k', ['ID', 'PostDateTime'], { k: ['UserName'] })).toBe(false);
  });

  it('ForAnyValue is false for an empty set and for a missing key', () => {
    expect(matches('ForAnyValue:StringEquals', 'aws:TagKeys', allowed, { 'aws:TagKeys': [] })).toBe(false);
    expect(evaluate({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': allowed } })).toMatchObject({
      matched: false,
      missingKeys: ['aws:TagKeys'],
    });
  });

  it('ForAllValues with a negated operator: no request value may match any policy value', () => {
    expect(matches('ForAllValues:StringNotEquals', 'k', ['a', 'b'], { k: ['c', 'd'] })).toBe(true);
    expect(matches('ForAllValues:StringNotEquals', 'k', ['a', 'b'], { k: ['c', 'a'] })).toBe(false);
  });

  it('ForAnyValue with a negated operator: some request value matches no policy value', () => {
    expect(matches('ForAnyValue:StringNotEquals', 'k', ['a', 'b'], { k: ['a', 'c'] })).toBe(true);
    expect(matches('ForAnyValue:StringNotEquals', 'k', ['a', 'b'], { k: ['a', 'b'] })).toBe(false);
  });

  it('a single-valued request value is a set of one', () => {
    expect(matches('ForAllValues:StringEquals', 'k', 'a', { k: 'a' })).toBe(true);
    expect(matches('ForAnyValue:StringEquals', 'k', 'a', { k: 'b' })).toBe(false);
  });

  it('without a set operator, a positive operator matches when any request value matches and a negated one when none does', () => {
    expect(matches('StringEquals', 'k', 'a', { k: ['b', 'a'] })).toBe(true);
    expect(matches('StringNotEquals', 'k', 'a', { k: ['b', 'a'] })).toBe(false);
    expect(matches('StringNotEquals', 'k', 'a', { k: ['b', 'c'] })).toBe(true);
    expect(matches('StringEquals', 'k', 'a', { k: [] })).toBe(false);
    expect(matches('StringNotEquals', 'k', 'a', { k: [] })).toBe(true);
  });

  it('IfExists wins over ForAnyValue on a missing key', () => {
    expect(matches('ForAnyValue:StringEqualsIfExists', 'k', 'a')).toBe(true);
    expect(matches('ForAnyValue:StringEqualsIfExists', 'k', 'a', { k: [] })).toBe(false);
  });

  it('set operators apply to every family', () => {
    expect(matches('ForAllValues:NumericLessThan', 'k', '10', { k: ['1', '2', '9'] })).toBe(true);
    expect(matches('ForAllValues:IpAddress', 'k', '10.0.0.0/8', { k: ['10.1.1.1', '11.1.1.1'] })).toBe(false);
    expect(
      matches('ForAnyValue:ArnLike', 'k', 'arn:aws:iam::*:role/a', {
        k: ['arn:aws:iam::1:role/b', 'arn:aws:iam::1:role/a'],
      }),
    ).toBe(true);
  });
});

describe('several operators, keys and values', () => {
  it('operators and keys are ANDed, values ORed', () => {
    const block = {
      StringEquals: { 'aws:PrincipalTag/department': ['finance', 'hr'], 'aws:PrincipalTag/role': ['audit'] },
      ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::222222222222:user/*'] },
    };
    const ctx = {
      'aws:PrincipalTag/department': 'hr',
      'aws:PrincipalTag/role': 'audit',
      'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/bob',
    };
    expect(evaluate(block, ctx).matched).toBe(true);
    expect(evaluate(block, { ...ctx, 'aws:PrincipalTag/role': 'dev' }).matched).toBe(false);
    expect(
      evaluate(block, { ...ctx, 'aws:PrincipalArn': 'arn:aws:iam::333333333333:user/bob' }).matched,
    ).toBe(false);
  });

  it('traces one entry per operator and key', () => {
    const r = evaluate(
      { StringEquals: { a: ['1'], b: ['2'] }, NumericLessThan: { c: ['3'] } },
      { a: '1', c: '5' },
    );
    expect(r.trace).toEqual([
      {
        operator: 'StringEquals',
        key: 'a',
        policyValues: ['1'],
        requestValue: '1',
        matched: true,
        missing: false,
      },
      {
        operator: 'StringEquals',
        key: 'b',
        policyValues: ['2'],
        requestValue: undefined,
        matched: false,
        missing: true,
      },
      {
        operator: 'NumericLessThan',
        key: 'c',
        policyValues: ['3'],
        requestValue: '5',
        matched: false,
        missing: false,
      },
    ]);
  });

  it('missing keys are not reported when a present value already decided the failure', () => {
    expect(evaluate({ StringEquals: { a: ['1'], b: ['2'] } }, { a: 'x' })).toMatchObject({
      matched: false,
      missingKeys: [],
    });
  });

  it('missing keys are reported when they alone decided the failure', () => {
    expect(evaluate({ StringEquals: { a: ['1'], b: ['2'] } }, { a: '1' })).toMatchObject({
      matched: false,
      missingKeys: ['b'],
    });
    expect(evaluate({ StringEquals: { a: ['1'], b: ['2'] } })).toMatchObject({
      matched: false,
      missingKeys: ['a', 'b'],
    });
  });

  it('missing keys whose absence made the block match are reported', () => {
    expect(
      evaluate(
        { StringNotEquals: { a: ['1'] }, StringEqualsIfExists: { b: ['2'] }, StringEquals: { c: ['3'] } },
        { c: '3' },
      ),
    ).toMatchObject({ matched: true, missingKeys: ['a', 'b'] });
  });

  it('a key missing under two spellings is reported once', () => {
    expect(
      evaluate({
        StringNotEquals: { 'aws:PrincipalTag/Team': ['1'] },
        StringNotLike: { 'aws:principaltag/team': ['2'] },
      }).missingKeys,
    ).toEqual(['aws:PrincipalTag/Team']);
  });

  it('an empty Condition block matches', () => {
    expect(evaluate({})).toEqual({ matched: true, missingKeys: [], trace: [] });
  });
});

describe('IfExists forms', () => {
  it('a missing key makes every IfExists form true', () => {
    for (const op of [
      'StringEqualsIfExists',
      'StringNotLikeIfExists',
      'NumericLessThanIfExists',
      'DateGreaterThanIfExists',
      'BoolIfExists',
      'BinaryEqualsIfExists',
      'IpAddressIfExists',
      'NotIpAddressIfExists',
      'ArnLikeIfExists',
      'ArnNotEqualsIfExists',
    ]) {
      const value = op.startsWith('Numeric')
        ? '1'
        : op.startsWith('Date')
          ? '2020-01-01'
          : op.startsWith('Bool')
            ? 'true'
            : op.startsWith('Binary')
              ? 'YQ=='
              : op.includes('Ip')
                ? '10.0.0.0/8'
                : op.startsWith('Arn')
                  ? 'arn:aws:s3:::b'
                  : 'v';
      expect(evaluate({ [op]: { k: [value] } }), op).toMatchObject({ matched: true, missingKeys: ['k'] });
    }
  });

  it('a present key is evaluated as the base operator', () => {
    expect(
      matches('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*'], {
        'ec2:InstanceType': 't2.micro',
      }),
    ).toBe(true);
    expect(
      matches('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*'], {
        'ec2:InstanceType': 'm5.large',
      }),
    ).toBe(false);
  });
});

describe('empty data sets', () => {
  it('under a set operator an empty string is an empty set', () => {
    expect(matches('ForAllValues:StringEquals', 'k', 'a', { k: '' })).toBe(true);
    expect(matches('ForAnyValue:StringLike', 'k', '*', { k: '' })).toBe(false);
  });

  it('without a set operator an empty string is an ordinary value', () => {
    expect(matches('StringLike', 'k', '*', { k: '' })).toBe(true);
    expect(matches('StringEquals', 'k', '', { k: '' })).toBe(true);
  });
});
