// String condition operators: exact, case-insensitive and wildcard matching, missing keys, policy variables.
import { describe, expect, it } from 'vitest';
import { evaluate, matches } from './helpers';

describe('String condition operators', () => {
  it('StringEquals matches the exact value, case-sensitively', () => {
    expect(
      matches('StringEquals', 'aws:PrincipalTag/team', 'blue', { 'aws:PrincipalTag/team': 'blue' }),
    ).toBe(true);
    expect(
      matches('StringEquals', 'aws:PrincipalTag/team', 'blue', { 'aws:PrincipalTag/team': 'Blue' }),
    ).toBe(false);
  });

  it('StringEquals treats a star as an ordinary character', () => {
    expect(matches('StringEquals', 'k', 'a*', { k: 'abc' })).toBe(false);
    expect(matches('StringEquals', 'k', 'a*', { k: 'a*' })).toBe(true);
  });

  it('StringNotEquals is true when no policy value equals the request value', () => {
    expect(matches('StringNotEquals', 'k', ['a', 'b'], { k: 'c' })).toBe(true);
    expect(matches('StringNotEquals', 'k', ['a', 'b'], { k: 'b' })).toBe(false);
  });

  it('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase ignore case', () => {
    expect(matches('StringEqualsIgnoreCase', 'k', 'BLUE', { k: 'blue' })).toBe(true);
    expect(matches('StringNotEqualsIgnoreCase', 'k', 'BLUE', { k: 'Blue' })).toBe(false);
    expect(matches('StringNotEqualsIgnoreCase', 'k', 'BLUE', { k: 'red' })).toBe(true);
  });

  it('StringLike matches the star and question-mark wildcards, case-sensitively', () => {
    expect(matches('StringLike', 'k', 'home/*', { k: 'home/alice/x' })).toBe(true);
    expect(matches('StringLike', 'k', 'a?c', { k: 'abc' })).toBe(true);
    expect(matches('StringLike', 'k', 'a?c', { k: 'abbc' })).toBe(false);
    expect(matches('StringLike', 'k', 'Home/*', { k: 'home/x' })).toBe(false);
  });

  it('StringLike without a wildcard needs the whole value', () => {
    expect(matches('StringLike', 'k', 'home', { k: 'home/x' })).toBe(false);
  });

  it('StringNotLike is true when no pattern matches', () => {
    expect(matches('StringNotLike', 'k', ['t1.*', 't2.*'], { k: 'm5.large' })).toBe(true);
    expect(matches('StringNotLike', 'k', ['t1.*', 't2.*'], { k: 't2.micro' })).toBe(false);
  });

  it('a missing key fails a positive operator and satisfies a negated one, reporting the key', () => {
    const positive = evaluate({ StringEquals: { 'aws:PrincipalTag/team': ['blue'] } });
    expect(positive).toMatchObject({ matched: false, missingKeys: ['aws:PrincipalTag/team'] });
    expect(positive.trace[0]).toMatchObject({
      operator: 'StringEquals',
      key: 'aws:PrincipalTag/team',
      missing: true,
      matched: false,
    });
    const negated = evaluate({ StringNotLike: { 'aws:PrincipalTag/team': ['blue'] } });
    expect(negated).toMatchObject({ matched: true, missingKeys: ['aws:PrincipalTag/team'] });
  });

  it('condition key names are case-insensitive', () => {
    expect(
      matches('StringEquals', 'AWS:PRINCIPALTAG/TEAM', 'blue', { 'aws:PrincipalTag/team': 'blue' }),
    ).toBe(true);
  });

  it('StringEquals substitutes policy variables from the context', () => {
    expect(
      matches('StringEquals', 's3:prefix', 'home/${aws:username}/', {
        's3:prefix': 'home/alice/',
        'aws:username': 'alice',
      }),
    ).toBe(true);
    expect(
      matches('StringEquals', 's3:prefix', 'home/${aws:username}/', {
        's3:prefix': 'home/bob/',
        'aws:username': 'alice',
      }),
    ).toBe(false);
  });

  it('a value whose variable is missing matches nothing and the variable is reported', () => {
    const r = evaluate(
      { StringEquals: { 's3:prefix': ['home/${aws:username}/'] } },
      { 's3:prefix': 'home/alice/' },
    );
    expect(r).toMatchObject({ matched: false, missingKeys: ['aws:username'] });
    const like = evaluate(
      { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } },
      { 's3:prefix': 'home/alice/x' },
    );
    expect(like).toMatchObject({ matched: false, missingKeys: ['aws:username'] });
  });

  it('a missing variable is not reported when another value matched', () => {
    const r = evaluate({ StringLike: { 's3:prefix': ['', 'home/${aws:username}/*'] } }, { 's3:prefix': '' });
    expect(r).toMatchObject({ matched: true, missingKeys: [] });
  });

  it('a variable default is used when the key is missing', () => {
    expect(matches('StringEquals', 'k', "${aws:PrincipalTag/team, 'none'}", { k: 'none' })).toBe(true);
  });

  it('StringLike matches a variable value literally, even when it holds a wildcard', () => {
    expect(matches('StringLike', 'k', '${aws:username}', { k: 'alice', 'aws:username': '*' })).toBe(false);
    expect(matches('StringLike', 'k', '${aws:username}', { k: '*', 'aws:username': '*' })).toBe(true);
  });

  it('policy variables are literal text when the option turns them off', async () => {
    const { compileConditionBlock } = await import('../../../../core/evaluate/conditions/index');
    const { contextOf } = await import('./helpers');
    const { condition } = compileConditionBlock({ StringEquals: { k: ['${aws:username}'] } }, 'C', {
      policyVariables: false,
    });
    expect(condition.evaluate(contextOf({ k: '${aws:username}', 'aws:username': 'x' })).matched).toBe(true);
  });
});
