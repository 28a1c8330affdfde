// Property tests: a negated operator is the negation of its positive form; IfExists equals the base form on a present key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './helpers';

// Operator pairs (positive, negated) with value generators that produce both valid and matching values.
const small = fc.constantFrom('a', 'b', 'A', 'ab', 'a*', 'x?', '', 'ba');
const numbers = fc.constantFrom('0', '1', '1.0', '-2', '10', '2.5', 'ten');
const dates = fc.constantFrom(
  '2020-01-01T00:00:00Z',
  '2020-01-01',
  '1577836800',
  '2021-06-01T12:00:00+02:00',
  'never',
);
const ips = fc.constantFrom(
  '10.0.0.1',
  '10.0.0.0/8',
  '192.168.1.1',
  '2001:db8::1',
  '2001:db8::/32',
  '::ffff:10.0.0.1',
  'x',
);
const arns = fc.constantFrom(
  'arn:aws:s3:::b',
  'arn:aws:s3:::*',
  'arn:aws:iam::1:role/a',
  'arn:aws:iam::*:role/?',
  'arn:aws:iam::1:user/a',
  'nope',
);

const PAIRS: readonly {
  positive: string;
  negated: string;
  values: fc.Arbitrary<string>;
  policy?: fc.Arbitrary<string>;
}[] = [
  { positive: 'StringEquals', negated: 'StringNotEquals', values: small },
  { positive: 'StringEqualsIgnoreCase', negated: 'StringNotEqualsIgnoreCase', values: small },
  { positive: 'StringLike', negated: 'StringNotLike', values: small },
  {
    positive: 'NumericEquals',
    negated: 'NumericNotEquals',
    values: numbers,
    policy: fc.constantFrom('0', '1', '-2', '10', '2.5'),
  },
  {
    positive: 'DateEquals',
    negated: 'DateNotEquals',
    values: dates,
    policy: fc.constantFrom('2020-01-01T00:00:00Z', '1577836800', '2021-06-01T10:00:00Z'),
  },
  {
    positive: 'IpAddress',
    negated: 'NotIpAddress',
    values: ips,
    policy: fc.constantFrom('10.0.0.0/8', '192.168.1.1', '2001:db8::/32', '::ffff:10.0.0.0/104'),
  },
  {
    positive: 'ArnLike',
    negated: 'ArnNotLike',
    values: arns,
    policy: fc.constantFrom(
      'arn:aws:s3:::b',
      'arn:aws:s3:::*',
      'arn:aws:iam::1:role/a',
      'arn:aws:iam::*:role/?',
    ),
  },
  {
    positive: 'ArnEquals',
    negated: 'ArnNotEquals',
    values: arns,
    policy: fc.constantFrom('arn:aws:s3:::b', 'arn:aws:iam::*:role/?'),
  },
];

describe('condition operator properties', () => {
  it('negation holds for random strings and wildcard patterns', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', 'A', '*', '?', ':', '$', '{', '}'),
      maxLength: 8,
    });
    for (const [positive, negated] of [
      ['StringEquals', 'StringNotEquals'],
      ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
      ['StringLike', 'StringNotLike'],
    ] as const) {
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), text, (policy, request) => {
          const pos = evaluate({ [positive]: { k: policy } }, { k: request }).matched;
          expect(evaluate({ [negated]: { k: policy } }, { k: request }).matched).toBe(!pos);
          expect(evaluate({ [`${positive}IfExists`]: { k: policy } }, { k: request }).matched).toBe(pos);
        }),
        { numRuns: 300, seed: 5 },
      );
    }
  });

  it('the negated form is the negation of the positive form when the key holds one value', () => {
    for (const pair of PAIRS) {
      fc.assert(
        fc.property(
          fc.array(pair.policy ?? pair.values, { minLength: 1, maxLength: 3 }),
          pair.values,
          (policy, request) => {
            const pos = evaluate({ [pair.positive]: { k: policy } }, { k: request }).matched;
            const neg = evaluate({ [pair.negated]: { k: policy } }, { k: request }).matched;
            expect(neg).toBe(!pos);
          },
        ),
        { numRuns: 150, seed: 7 },
      );
    }
  });

  it('an IfExists form equals its base form when the key is present', () => {
    const ops = PAIRS.flatMap((p) => [
      { op: p.positive, values: p.values, policy: p.policy },
      { op: p.negated, values: p.values, policy: p.policy },
    ]);
    for (const { op, values, policy } of ops) {
      for (const prefix of ['', 'ForAllValues:', 'ForAnyValue:']) {
        fc.assert(
          fc.property(
            fc.array(policy ?? values, { minLength: 1, maxLength: 3 }),
            fc.oneof(values, fc.array(values, { maxLength: 3 })),
            (p, request) => {
              const base = evaluate({ [`${prefix}${op}`]: { k: p } }, { k: request }).matched;
              const ifExists = evaluate({ [`${prefix}${op}IfExists`]: { k: p } }, { k: request }).matched;
              expect(ifExists).toBe(base);
            },
          ),
          { numRuns: 60, seed: 11 },
        );
      }
    }
  });

  it('ForAllValues and ForAnyValue agree on a set of one value with the plain operator', () => {
    for (const pair of PAIRS) {
      for (const op of [pair.positive, pair.negated]) {
        fc.assert(
          fc.property(
            fc.array(pair.policy ?? pair.values, { minLength: 1, maxLength: 3 }),
            pair.values,
            (p, request) => {
              const plain = evaluate({ [op]: { k: p } }, { k: request }).matched;
              expect(evaluate({ [`ForAllValues:${op}`]: { k: p } }, { k: [request] }).matched).toBe(plain);
              expect(evaluate({ [`ForAnyValue:${op}`]: { k: p } }, { k: [request] }).matched).toBe(plain);
            },
          ),
          { numRuns: 60, seed: 13 },
        );
      }
    }
  });
});
