// Wildcard patterns: unit cases, and property tests against a reference matcher.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePattern } from '../../../core/policy/pattern';
import { ctx } from './context';

/** Reference: memoised recursive glob match (`*` any run, `?` one character). */
function reference(pattern: string, text: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (text.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === pattern.length) r = j === text.length;
    else if (pattern[i] === '*') r = go(i + 1, j) || (j < text.length && go(i, j + 1));
    else r = j < text.length && (pattern[i] === '?' || pattern[i] === text[j]) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

const plain = { caseInsensitive: false, variables: false } as const;
const folded = { caseInsensitive: true, variables: false } as const;
const withVars = { caseInsensitive: false, variables: true } as const;

describe('compilePattern', () => {
  it('matches a star against any run including the empty one', () => {
    const p = compilePattern('iam:Put*', plain);
    expect(p.match('iam:Put').matched).toBe(true);
    expect(p.match('iam:PutUserPolicy').matched).toBe(true);
    expect(p.match('iam:GetUser').matched).toBe(false);
  });

  it('matches a question mark against exactly one character', () => {
    const p = compilePattern('s3:?etObject', plain);
    expect(p.match('s3:GetObject').matched).toBe(true);
    expect(p.match('s3:etObject').matched).toBe(false);
    expect(p.match('s3:GGetObject').matched).toBe(false);
  });

  it('treats a lone star as matching everything, the empty string too', () => {
    const p = compilePattern('*', plain);
    expect(p.match('').matched).toBe(true);
    expect(p.match('anything:at/all').matched).toBe(true);
  });

  it('matches the empty pattern only against the empty string', () => {
    const p = compilePattern('', plain);
    expect(p.match('').matched).toBe(true);
    expect(p.match('a').matched).toBe(false);
  });

  it('reports literal patterns', () => {
    expect(compilePattern('s3:GetObject', plain).literal).toBe(true);
    expect(compilePattern('s3:Get*', plain).literal).toBe(false);
    expect(compilePattern('a${aws:username}', withVars).literal).toBe(false);
  });

  it('matches case-insensitively when asked, for literal and wildcard patterns', () => {
    expect(compilePattern('IAM:createuser', folded).match('iam:CreateUser').matched).toBe(true);
    expect(compilePattern('iam:create*', folded).match('IAM:CreateUser').matched).toBe(true);
    expect(compilePattern('iam:create*', plain).match('IAM:CreateUser').matched).toBe(false);
  });

  it('handles middle segments that must not overlap the last one', () => {
    expect(compilePattern('a*ab', plain).match('ab').matched).toBe(false);
    expect(compilePattern('*ab*ab', plain).match('xab').matched).toBe(false);
    expect(compilePattern('*ab*ab', plain).match('abab').matched).toBe(true);
  });

  it('does not match a long string of a against *a*a*a*a*a*a*a*b', () => {
    const text = 'a'.repeat(100_000);
    expect(compilePattern('*a*a*a*a*a*a*a*b', plain).match(text).matched).toBe(false);
    expect(compilePattern('*a*a*a*a*a*a*a*b*', plain).match(text).matched).toBe(false);
    expect(compilePattern('*a*a*a*a*a*a*a*', plain).match(text).matched).toBe(true);
  });
});

describe('policy variables in patterns', () => {
  it('substitute the value from the context', () => {
    const p = compilePattern('home/${aws:username}/*', withVars);
    expect(p.match('home/alice/notes.txt', ctx({ 'aws:username': 'alice' }))).toEqual({ matched: true, missingVariables: [] });
    expect(p.match('home/bob/notes.txt', ctx({ 'aws:username': 'alice' })).matched).toBe(false);
  });

  it('match the value literally: a star in a value is not a wildcard', () => {
    const p = compilePattern('home/${aws:username}', withVars);
    expect(p.match('home/a*', ctx({ 'aws:username': 'a*' })).matched).toBe(true);
    expect(p.match('home/abc', ctx({ 'aws:username': 'a*' })).matched).toBe(false);
    expect(p.match('home/ab', ctx({ 'aws:username': 'a?' })).matched).toBe(false);
  });

  it('do not match and report the key when the context lacks it', () => {
    const p = compilePattern('home/${aws:username}/*', withVars);
    expect(p.match('home//x', ctx({}))).toEqual({ matched: false, missingVariables: ['aws:username'] });
    expect(p.match('home//x')).toEqual({ matched: false, missingVariables: ['aws:username'] });
  });

  it('use the default when the key is missing, and still report it', () => {
    const p = compilePattern("bucket-${aws:PrincipalTag/team, 'company-wide'}", withVars);
    expect(p.match('bucket-company-wide', ctx({}))).toEqual({ matched: true, missingVariables: ['aws:PrincipalTag/team'] });
    expect(p.match('bucket-yellow', ctx({ 'aws:PrincipalTag/team': 'yellow' })).matched).toBe(true);
  });

  it('treat a multivalued key as having no value', () => {
    const p = compilePattern('x/${aws:TagKeys}', withVars);
    expect(p.match('x/a', ctx({ 'aws:TagKeys': ['a'] }))).toEqual({ matched: false, missingVariables: ['aws:TagKeys'] });
  });

  it('turn ${*}, ${?} and ${$} into literal characters', () => {
    const p = compilePattern('a${*}b${?}c${$}', withVars);
    expect(p.match('a*b?c$').matched).toBe(true);
    expect(p.match('axxbyc$').matched).toBe(false);
    expect(p.literal).toBe(true);
  });

  it('are plain text when the policy version has no variables', () => {
    const p = compilePattern('home/${aws:username}', plain);
    expect(p.match('home/${aws:username}').matched).toBe(true);
    expect(p.match('home/alice', ctx({ 'aws:username': 'alice' })).matched).toBe(false);
  });

  it('compare the value case-insensitively in a case-insensitive pattern', () => {
    const p = compilePattern('${aws:username}*', { caseInsensitive: true, variables: true });
    expect(p.match('ALICE-1', ctx({ 'aws:username': 'alice' })).matched).toBe(true);
  });
});

describe('properties', () => {
  const patternArb = fc.stringMatching(/^[ab*?]{0,10}$/);
  const textArb = fc.stringMatching(/^[abAB]{0,14}$/);

  it('agree with a reference matcher on random patterns and strings', () => {
    fc.assert(
      fc.property(patternArb, textArb, (pattern, text) => {
        expect(compilePattern(pattern, plain).match(text).matched).toBe(reference(pattern, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agree with the reference on lower-cased input in case-insensitive mode', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[abAB*?]{0,10}$/), textArb, (pattern, text) => {
        const expected = reference(pattern.toLowerCase(), text.toLowerCase());
        expect(compilePattern(pattern, folded).match(text).matched).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('match variable values literally, as if the value were escaped', () => {
    fc.assert(
      fc.property(patternArb, fc.stringMatching(/^[ab*?]{0,4}$/), patternArb, textArb, (before, value, after, text) => {
        const p = compilePattern(`${before}\${aws:username}${after}`, withVars);
        const got = p.match(text, ctx({ 'aws:username': value })).matched;
        // Reference: the value's wildcard characters only match themselves; try every split of text.
        let expected = false;
        for (let i = 0; i <= text.length && !expected; i++) {
          for (let j = i; j <= text.length && !expected; j++) {
            if (text.slice(i, j) === value && reference(before, text.slice(0, i)) && reference(after, text.slice(j))) expected = true;
          }
        }
        expect(got).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('hostile input', () => {
  it('keeps `?` as one code unit when lower-casing would change the length', () => {
    const p = compilePattern('?x', folded);
    expect(p.match('İX').matched).toBe(true);
    expect(compilePattern('İ*', folded).match('İabc').matched).toBe(true);
  });

  it('parses a long run of unterminated variables as text', () => {
    const pattern = '${'.repeat(50_000) + '*';
    const p = compilePattern(pattern, withVars);
    expect(p.match('${'.repeat(50_000) + 'tail').matched).toBe(true);
    expect(p.match('x').matched).toBe(false);
  });

  it('matches many stars against a long text quickly enough to finish', () => {
    const p = compilePattern('*?'.repeat(1000) + 'b', plain);
    expect(p.match('a'.repeat(200_000)).matched).toBe(false);
    expect(p.match('a'.repeat(200_000) + 'b').matched).toBe(true);
  });
});
