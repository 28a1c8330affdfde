// Policy variables: parsing and substitution, with the examples of AWS's "IAM policy elements:
// Variables and tags" page.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasPolicyVariables, parseTemplate, substituteVariables } from '../../../core/policy/variables';
import { ctx } from './context';

describe('parseTemplate', () => {
  it('splits text and variables', () => {
    expect(parseTemplate('home/${aws:username}/*')).toEqual([
      { kind: 'text', text: 'home/' },
      { kind: 'variable', key: 'aws:username', defaultValue: undefined },
      { kind: 'text', text: '/*' },
    ]);
  });

  it('reads a default in single quotes, ignoring whitespace around it', () => {
    expect(parseTemplate("${aws:PrincipalTag/team, 'company-wide'}")).toEqual([
      { kind: 'variable', key: 'aws:PrincipalTag/team', defaultValue: 'company-wide' },
    ]);
    expect(parseTemplate("${ aws:username ,  'a b' }")).toEqual([{ kind: 'variable', key: 'aws:username', defaultValue: 'a b' }]);
  });

  it('keeps a closing brace that is inside a quoted default', () => {
    expect(parseTemplate("${k, 'a}b'}")).toEqual([{ kind: 'variable', key: 'k', defaultValue: 'a}b' }]);
  });

  it('reads ${*}, ${?} and ${$} as escaped characters', () => {
    expect(parseTemplate('${*}${?}${$}')).toEqual([
      { kind: 'escaped', text: '*' },
      { kind: 'escaped', text: '?' },
      { kind: 'escaped', text: '$' },
    ]);
  });

  it('keeps malformed variables as literal text', () => {
    for (const t of ['${', '${aws:username', '${}', '${ }', '${a b}', "${a, 'x}", '${a, x}', '${${a}', '$ {a}', "${a 'x'}"]) {
      const parts = parseTemplate(t);
      expect(parts.map((p) => (p.kind === 'variable' ? `<${p.key}>` : p.text)).join(''), t).toBe(
        t === '${${a}' ? '${<a>' : t,
      );
    }
  });

  it('never fails and never loses text on random input', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[${}a:, '*?]{0,30}$/), (t) => {
        const parts = parseTemplate(t);
        // Text parts are verbatim, so the template without its variables keeps every other character.
        const textLength = parts.reduce((n, p) => n + (p.kind === 'text' ? p.text.length : 0), 0);
        expect(textLength).toBeLessThanOrEqual(t.length);
        if (!hasPolicyVariables(t)) expect(parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('substituteVariables', () => {
  it('replaces a variable with its value from the context', () => {
    expect(substituteVariables('${aws:username}', ctx({ 'aws:username': 'alice' }))).toEqual({ text: 'alice', missingVariables: [] });
  });

  it('looks keys up as the context does (case-insensitively)', () => {
    expect(substituteVariables('team-${aws:principaltag/TEAM}', ctx({ 'aws:PrincipalTag/team': 'yellow' })).text).toBe('team-yellow');
  });

  it('gives no text and reports the key when the context lacks it and there is no default', () => {
    expect(substituteVariables('x-${aws:username}', ctx({}))).toEqual({ text: undefined, missingVariables: ['aws:username'] });
  });

  it('uses the default when the key is missing and reports the key', () => {
    expect(substituteVariables("${aws:PrincipalTag/team, 'company-wide'}", ctx({}))).toEqual({
      text: 'company-wide',
      missingVariables: ['aws:PrincipalTag/team'],
    });
  });

  it('uses the value, not the default, when the key is present', () => {
    expect(substituteVariables("${aws:PrincipalTag/team, 'company-wide'}", ctx({ 'aws:PrincipalTag/team': 'yellow' })).text).toBe('yellow');
  });

  it('uses an empty value as a value', () => {
    expect(substituteVariables("a${k, 'd'}b", ctx({ k: '' })).text).toBe('ab');
  });

  it('treats a multivalued key as having no value', () => {
    expect(substituteVariables('${aws:TagKeys}', ctx({ 'aws:TagKeys': ['a', 'b'] }))).toEqual({ text: undefined, missingVariables: ['aws:TagKeys'] });
  });

  it('turns ${*}, ${?} and ${$} into the characters', () => {
    expect(substituteVariables('a${*}b${?}c${$}', ctx({})).text).toBe('a*b?c$');
  });

  it('substitutes once: a value that looks like a variable stays as it is', () => {
    expect(substituteVariables('${aws:username}', ctx({ 'aws:username': '${aws:userid}' })).text).toBe('${aws:userid}');
  });

  it('reports each missing key once', () => {
    expect(substituteVariables('${a}${a}${b}', ctx({})).missingVariables).toEqual(['a', 'b']);
  });
});

describe('hasPolicyVariables', () => {
  it('is true for variables and escapes, false for plain and malformed text', () => {
    expect(hasPolicyVariables('${aws:username}')).toBe(true);
    expect(hasPolicyVariables('${*}')).toBe(true);
    expect(hasPolicyVariables('plain*')).toBe(false);
    expect(hasPolicyVariables('${unterminated')).toBe(false);
  });
});
