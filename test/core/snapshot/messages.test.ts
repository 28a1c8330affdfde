import { describe, expect, it } from 'vitest';
import {
  describeJsonParseError,
  findJsonErrorOffset,
  formatImportDiagnostic,
  lineColumn,
} from '../../../core/snapshot/messages';

describe('JSON syntax error messages', () => {
  it.each([
    ['{"a":1}', -1],
    ['[1, 2, {"b": [true, false, null]}, "x\\u00e9"]', -1],
    ['  "just a string"  ', -1],
    ['{"a":}', 5],
    ['[1,2', 4],
    ['{"a":1}}', 7],
    ['{"a" 1}', 5],
    ['{a:1}', 1],
    ['[01]', 2],
    ['"bad \\x escape"', 5],
    ['["tab\there"]', 5],
    ['', 0],
  ])('finds the first error in %j at %i', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of [
      '{}',
      '[]',
      '0',
      '-1.5e3',
      '{"x":[{"y":{}}]}',
      '[1,]',
      '{"a":1,}',
      'tru',
      'nul',
      '1.',
      '.5',
    ]) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonErrorOffset(text) === -1).toBe(valid);
    }
  });

  it('copes with very deep nesting without recursion', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(findJsonErrorOffset(deep)).toBe(-1);
    expect(findJsonErrorOffset(deep.slice(0, -1))).toBe(399_999);
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(lineColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });

  it('describes an error with line, column and the character found', () => {
    expect(describeJsonParseError('{\n  "a": tru\n}')).toBe(
      'not valid JSON at line 2, column 8: unexpected character `t`',
    );
    expect(describeJsonParseError('{"a": [1, 2')).toBe(
      'not valid JSON at line 1, column 12: unexpected end of input',
    );
    expect(describeJsonParseError('\u0001')).toBe(
      'not valid JSON at line 1, column 1: unexpected character U+0001',
    );
  });

  it('formats an import diagnostic with its input first', () => {
    expect(
      formatImportDiagnostic({
        id: 'x',
        severity: 'error',
        path: 'RoleDetailList[3]',
        message: 'bad',
        input: 'a.json',
      }),
    ).toBe('a.json: RoleDetailList[3]: bad');
    expect(formatImportDiagnostic({ id: 'x', severity: 'error', path: '', message: 'bad' })).toBe('bad');
  });
});
