import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenizeJson } from '../../renderer/features/policy/json-tokens';
import { scrollToRow, visibleRange } from '../../renderer/features/principals/virtual-rows';
import { href, parseRoute } from '../../renderer/app/router';

describe('the JSON tokenizer', () => {
  it('tells keys from string values, numbers, literals and punctuation', () => {
    const tokens = tokenizeJson('{"Effect": "Allow", "n": -1.5e3, "b": true, "z": null}').filter((t) => t.kind !== 'space');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'punct:{', 'key:"Effect"', 'punct::', 'string:"Allow"', 'punct:,', 'key:"n"', 'punct::', 'number:-1.5e3', 'punct:,',
      'key:"b"', 'punct::', 'literal:true', 'punct:,', 'key:"z"', 'punct::', 'literal:null', 'punct:}',
    ]);
  });

  it('keeps escaped quotes inside a string', () => {
    const tokens = tokenizeJson('["a\\"b", "c"]');
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['"a\\"b"', '"c"']);
  });

  it('never loses or adds a character, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expect(tokenizeJson(text).map((t) => t.text).join('')).toBe(text);
      }),
    );
  });
});

describe('windowing', () => {
  it('renders only the visible rows and a few either side', () => {
    expect(visibleRange(0, 340, 34, 10_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(34 * 5000, 340, 34, 10_000, 5)).toEqual({ start: 4995, end: 5016 });
    expect(visibleRange(34 * 9999, 340, 34, 10_000, 5).end).toBe(10_000);
  });

  it('scrolls just enough to show a row', () => {
    expect(scrollToRow(0, 100, 340, 34)).toBe(0);
    expect(scrollToRow(5, 0, 340, 34)).toBe(0);
    expect(scrollToRow(20, 0, 340, 34)).toBe(21 * 34 - 340);
  });
});

describe('routes', () => {
  it('round-trips a principal route with an ARN full of slashes', () => {
    const route = { kind: 'snapshot' as const, id: 'abc', view: 'principal' as const, arn: 'arn:aws:iam::1:role/aws-service-role/x.amazonaws.com/R' };
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('falls back to the library for an unknown or malformed hash', () => {
    expect(parseRoute('#/nowhere')).toEqual({ kind: 'library' });
    expect(parseRoute('#/s/%E0%A4%A/overview')).toEqual({ kind: 'library' });
    expect(parseRoute('')).toEqual({ kind: 'library' });
  });
});
