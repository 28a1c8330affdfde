// ARN condition operators: component-wise matching, wildcards, variables, values that are not ARNs.
import { describe, expect, it } from 'vitest';
import { compileConditionBlock } from '../../../../core/evaluate/conditions/index';
import { splitArn } from '../../../../core/evaluate/conditions/arn';
import { evaluate, matches } from './helpers';

describe('ARN condition operators', () => {
  it('splits an ARN into six components, keeping the colons of the resource', () => {
    expect(splitArn('arn:aws:sqs:us-east-1:123456789012:queue', false)).toEqual([
      'arn',
      'aws',
      'sqs',
      'us-east-1',
      '123456789012',
      'queue',
    ]);
    expect(splitArn('arn:aws:logs:r:1:log-group:x:*', false)).toEqual([
      'arn',
      'aws',
      'logs',
      'r',
      '1',
      'log-group:x:*',
    ]);
    expect(splitArn('arn:aws:s3:::bucket', false)).toEqual(['arn', 'aws', 's3', '', '', 'bucket']);
    expect(splitArn('arn:aws:iam::${aws:PrincipalAccount}:role/x', true)).toEqual([
      'arn',
      'aws',
      'iam',
      '',
      '${aws:PrincipalAccount}',
      'role/x',
    ]);
    expect(splitArn('*', false)).toBeUndefined();
  });

  it('ArnEquals and ArnLike match component by component with wildcards', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:my-topic';
    for (const op of ['ArnEquals', 'ArnLike']) {
      expect(matches(op, 'aws:SourceArn', topic, { 'aws:SourceArn': topic })).toBe(true);
      expect(matches(op, 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*', { 'aws:SourceArn': topic })).toBe(
        true,
      );
      expect(
        matches(op, 'aws:SourceArn', 'arn:aws:sns:us-east-?:123456789012:my-topic', {
          'aws:SourceArn': topic,
        }),
      ).toBe(true);
      expect(matches(op, 'aws:SourceArn', 'arn:aws:sns:*:999999999999:*', { 'aws:SourceArn': topic })).toBe(
        false,
      );
    }
  });

  it('a star in one component does not cross a colon, unlike StringLike', () => {
    const request = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    expect(matches('StringLike', 'aws:SourceArn', pattern, { 'aws:SourceArn': request })).toBe(true);
    expect(matches('ArnLike', 'aws:SourceArn', pattern, { 'aws:SourceArn': request })).toBe(false);
  });

  it('ARN matching is case-sensitive', () => {
    expect(
      matches('ArnLike', 'k', 'arn:aws:iam::123456789012:role/Admin', {
        k: 'arn:aws:iam::123456789012:role/admin',
      }),
    ).toBe(false);
  });

  it('ArnNotEquals and ArnNotLike are true when no value matches', () => {
    for (const op of ['ArnNotEquals', 'ArnNotLike']) {
      expect(
        matches(op, 'aws:PrincipalArn', 'arn:aws:iam::*:role/admin', {
          'aws:PrincipalArn': 'arn:aws:iam::1:role/dev',
        }),
      ).toBe(true);
      expect(
        matches(op, 'aws:PrincipalArn', 'arn:aws:iam::*:role/admin', {
          'aws:PrincipalArn': 'arn:aws:iam::1:role/admin',
        }),
      ).toBe(false);
    }
  });

  it('a request value that is not an ARN matches no ARN pattern', () => {
    expect(matches('ArnLike', 'k', 'arn:*:*:*:*:*', { k: 'not-an-arn' })).toBe(false);
  });

  it('a value with fewer than six components is matched against the whole ARN, with a warning', () => {
    const { condition, diagnostics } = compileConditionBlock({ ArnLike: { k: ['*'] } }, 'C');
    expect(diagnostics).toEqual([
      {
        id: 'policy.condition.value.arn',
        severity: 'warning',
        path: 'C.ArnLike.k[0]',
        message: '`*` is not an arn; `ArnLike` matches it against the whole value',
      },
    ]);
    expect(condition.evaluate({ get: () => 'arn:aws:s3:::b' }).matched).toBe(true);
  });

  it('takes policy variables, including ones with a colon in their name', () => {
    const ctx = { k: 'arn:aws:iam::123456789012:role/x', 'aws:PrincipalAccount': '123456789012' };
    expect(matches('ArnEquals', 'k', 'arn:aws:iam::${aws:PrincipalAccount}:role/*', ctx)).toBe(true);
    expect(
      evaluate({ ArnLike: { k: ['arn:aws:iam::${aws:PrincipalAccount}:role/*'] } }, { k: ctx.k }),
    ).toMatchObject({ matched: false, missingKeys: ['aws:PrincipalAccount'] });
  });

  it('a missing key fails ArnLike and satisfies ArnNotLike', () => {
    expect(evaluate({ ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:*:*'] } })).toMatchObject({
      matched: false,
      missingKeys: ['aws:SourceArn'],
    });
    expect(evaluate({ ArnNotLike: { 'aws:SourceArn': ['arn:aws:sns:*:*:*'] } })).toMatchObject({
      matched: true,
      missingKeys: ['aws:SourceArn'],
    });
  });
});
