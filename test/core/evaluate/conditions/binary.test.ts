// The BinaryEquals condition operator: base-64 decoding and byte-for-byte comparison.
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../../core/evaluate/conditions/binary';
import { errorsOf, evaluate, matches } from './helpers';

describe('BinaryEquals condition operator', () => {
  it('decodes standard base 64 with and without padding', () => {
    expect(
      [...(decodeBase64('QmluYXJ5VmFsdWVJbkJhc2U2NA==') ?? [])].map((b) => String.fromCharCode(b)).join(''),
    ).toBe('BinaryValueInBase64');
    expect([...(decodeBase64('YWI') ?? [])]).toEqual([97, 98]);
    expect([...(decodeBase64('YWI=') ?? [])]).toEqual([97, 98]);
    expect(decodeBase64('')?.length).toBe(0);
  });

  it('refuses text that is not base 64', () => {
    for (const bad of ['a', 'YW*=', 'YWJ=', 'Y=WI', '====']) expect(decodeBase64(bad)).toBeUndefined();
  });

  it('compares bytes, not spellings', () => {
    expect(matches('BinaryEquals', 'k', 'YWI=', { k: 'YWI' })).toBe(true);
    expect(matches('BinaryEquals', 'k', 'YWI=', { k: 'YWM=' })).toBe(false);
    expect(matches('BinaryEquals', 'k', ['YWM=', 'YWI='], { k: 'YWI=' })).toBe(true);
  });

  it('a missing key fails BinaryEquals and satisfies BinaryEqualsIfExists', () => {
    expect(evaluate({ BinaryEquals: { k: ['YWI='] } }).matched).toBe(false);
    expect(evaluate({ BinaryEqualsIfExists: { k: ['YWI='] } }).matched).toBe(true);
  });

  it('a policy value that is not base 64 is an error', () => {
    expect(errorsOf({ BinaryEquals: { k: ['not base64!'] } })[0]).toMatchObject({
      id: 'policy.condition.value.base64',
      path: 'Condition.BinaryEquals.k[0]',
    });
  });
});
