// Numeric condition operators: NumericEquals, NumericNotEquals, NumericLessThan(Equals),
// NumericGreaterThan(Equals) over integers and decimals. Imports only core/model and set.ts.
import type { Diagnostic } from '../../model/diagnostic';
import { matchAny, plainMatch, valueError, valuePath, type CompiledValues } from './set';

// "Condition operators > Numeric condition operators": compare a key to an integer or decimal
// value. An optional sign, digits, an optional fraction; no exponent, no hexadecimal, no spaces.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses an integer or decimal as AWS writes them; undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

type Compare = (request: number, policy: number) => boolean;

const COMPARISONS: ReadonlyMap<string, Compare> = new Map<string, Compare>([
  ['NumericEquals', (r, p) => r === p],
  // The negated form's comparison is equality; set.ts negates it (NOR across values).
  ['NumericNotEquals', (r, p) => r === p],
  ['NumericLessThan', (r, p) => r < p],
  ['NumericLessThanEquals', (r, p) => r <= p],
  ['NumericGreaterThan', (r, p) => r > p],
  ['NumericGreaterThanEquals', (r, p) => r >= p],
]);

/** Compiles the values of a Numeric* operator; a value that is not a number is an error. */
export function compileNumericValues(
  base: string,
  values: readonly string[],
  keyPath: string,
): CompiledValues {
  const compare = COMPARISONS.get(base) ?? (() => false);
  const diagnostics: Diagnostic[] = [];
  const numbers: number[] = [];
  values.forEach((value, i) => {
    const n = parseNumber(value);
    if (n === undefined) {
      // "You can not use a policy variable with the Numeric condition operator."
      diagnostics.push(
        valueError(
          'policy.condition.value.number',
          valuePath(keyPath, i),
          `\`${value}\` is not a number for \`${base}\``,
        ),
      );
    } else {
      numbers.push(n);
    }
  });
  return {
    diagnostics,
    matcher: {
      match(requestValue) {
        // A request value that is not a number matches no policy value.
        const r = parseNumber(requestValue);
        if (r === undefined) return plainMatch(false);
        return matchAny(numbers, (p) => plainMatch(compare(r, p)));
      },
    },
  };
}
