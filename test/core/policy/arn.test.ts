// ARN parsing and segment-wise ARN pattern matching (AWS "IAM JSON policy elements: Resource").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileResourcePattern, isValidArnPattern, parseArn } from '../../../core/policy/arn';
import { ctx } from './context';

const noVars = { variables: false } as const;
const vars = { variables: true } as const;
const m = (pattern: string, text: string, options: { variables: boolean } = noVars): boolean =>
  compileResourcePattern(pattern, options).match(text).matched;

describe('parseArn', () => {
  it('splits the six parts, keeping colons in the resource', () => {
    expect(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:/a/b:*')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'log-group:/a/b:*',
    });
  });

  it('accepts empty region and account', () => {
    expect(parseArn('arn:aws:s3:::bucket/key')?.resource).toBe('bucket/key');
  });

  it('rejects text that is not an ARN', () => {
    expect(parseArn('*')).toBeUndefined();
    expect(parseArn('arn:aws:s3::bucket')).toBeUndefined();
    expect(parseArn('urn:aws:s3:::b')).toBeUndefined();
    expect(parseArn('arn::s3:::b')).toBeUndefined();
  });
});

describe('compileResourcePattern', () => {
  it('matches everything with a lone star, ARN or not', () => {
    expect(m('*', 'arn:aws:s3:::b')).toBe(true);
    expect(m('*', 'not-an-arn')).toBe(true);
  });

  it('lets a resource-segment star cross slashes and colons', () => {
    expect(m('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c')).toBe(true);
    expect(m('arn:aws:logs:*:*:log-group:*', 'arn:aws:logs:us-east-1:1:log-group:/x:log-stream:y')).toBe(true);
  });

  it('keeps a wildcard in the region or account segment inside its segment', () => {
    expect(m('arn:aws:ec2:us-*-1:*:instance/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1')).toBe(true);
    expect(m('arn:aws:ec2:us-*-1:*:instance/*', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1')).toBe(false);
    expect(m('arn:aws:iam::12345678901?:user/*', 'arn:aws:iam::123456789012:user/bob')).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(m('arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/bob')).toBe(false);
  });

  it('lets the star ending a short pattern expand across colons', () => {
    expect(m('arn:aws:s3:*', 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(m('arn:*', 'arn:aws:iam::1:role/r')).toBe(true);
    expect(m('arn:aws:s3:*', 'arn:aws:iam::1:role/r')).toBe(false);
  });

  it('does not match a short pattern that does not end in a star', () => {
    expect(m('arn:aws:s3', 'arn:aws:s3:::bucket')).toBe(false);
  });

  it('resolves variables whose names contain colons without shifting segments', () => {
    const p = compileResourcePattern('arn:aws:s3:::bucket/${aws:username}/*', vars);
    expect(p.match('arn:aws:s3:::bucket/alice/x', ctx({ 'aws:username': 'alice' })).matched).toBe(true);
    expect(p.match('arn:aws:s3:::bucket/bob/x', ctx({ 'aws:username': 'alice' })).matched).toBe(false);
    const q = compileResourcePattern('arn:aws:iam::${aws:PrincipalAccount}:role/*', vars);
    expect(q.match('arn:aws:iam::123456789012:role/r', ctx({ 'aws:PrincipalAccount': '123456789012' })).matched).toBe(true);
  });

  it('reports a missing variable and does not match', () => {
    expect(compileResourcePattern('arn:aws:s3:::b/${aws:username}', vars).match('arn:aws:s3:::b/x', ctx({}))).toEqual({
      matched: false,
      missingVariables: ['aws:username'],
    });
  });

  it('matches a variable value literally', () => {
    const p = compileResourcePattern('arn:aws:s3:::b/${aws:username}', vars);
    expect(p.match('arn:aws:s3:::b/xyz', ctx({ 'aws:username': '*' })).matched).toBe(false);
    expect(p.match('arn:aws:s3:::b/*', ctx({ 'aws:username': '*' })).matched).toBe(true);
  });

  it('agrees with segment-by-segment matching on random six-part ARNs', () => {
    const seg = fc.stringMatching(/^[ab]{0,3}$/);
    const pseg = fc.stringMatching(/^[ab*?]{0,3}$/);
    fc.assert(
      fc.property(fc.array(pseg, { minLength: 5, maxLength: 5 }), fc.array(seg, { minLength: 5, maxLength: 5 }), (ps, ts) => {
        const pattern = `arn:${ps.join(':')}`;
        const text = `arn:${ts.join(':')}`;
        const glob = (p: string, t: string): boolean => {
          // Tiny reference glob without colon semantics.
          const go = (i: number, j: number): boolean =>
            i === p.length ? j === t.length : p[i] === '*' ? go(i + 1, j) || (j < t.length && go(i, j + 1)) : j < t.length && (p[i] === '?' || p[i] === t[j]) && go(i + 1, j + 1);
          return go(0, 0);
        };
        const expected = ps.every((p, i) => glob(p, ts[i] as string));
        expect(m(pattern, text)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('isValidArnPattern', () => {
  it('accepts a star and ARNs with wildcards', () => {
    for (const p of ['*', 'arn:aws:s3:::b/*', 'arn:aws:iam::*:role/*', 'arn:*:s3:::b', 'arn:aws:s3:*']) expect(isValidArnPattern(p), p).toBe(true);
  });

  it('rejects text that is not an ARN', () => {
    for (const p of ['bucket', 'arn:aws:s3', 'urn:aws:s3:::b', 'arn::s3:::b', 'arn:aws::::x', '']) expect(isValidArnPattern(p), p).toBe(false);
  });
});
