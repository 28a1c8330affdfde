// Condition operator names: the `ForAllValues:`/`ForAnyValue:` prefix, the base operator and the
// `IfExists` suffix, parsed once. Imports nothing.

/** The operator families of "IAM JSON policy elements: Condition operators". */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** The set operator that qualifies a condition operator ("Set operators for multivalued context keys"). */
export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** A condition operator name, taken apart. */
export interface ParsedOperator {
  /** The name as written in the policy. */
  readonly name: string;
  /** The base operator without prefix or suffix, e.g. `StringNotLike`. */
  readonly base: string;
  readonly family: OperatorFamily;
  /** A negated matching operator (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`…). */
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly setOperator: SetOperator | undefined;
}

interface BaseOperator {
  readonly family: OperatorFamily;
  readonly negated: boolean;
}

// "IAM JSON policy elements: Condition operators": every base operator AWS lists, by family.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map<string, BaseOperator>([
  ['StringEquals', { family: 'String', negated: false }],
  ['StringNotEquals', { family: 'String', negated: true }],
  ['StringEqualsIgnoreCase', { family: 'String', negated: false }],
  ['StringNotEqualsIgnoreCase', { family: 'String', negated: true }],
  ['StringLike', { family: 'String', negated: false }],
  ['StringNotLike', { family: 'String', negated: true }],
  ['NumericEquals', { family: 'Numeric', negated: false }],
  ['NumericNotEquals', { family: 'Numeric', negated: true }],
  ['NumericLessThan', { family: 'Numeric', negated: false }],
  ['NumericLessThanEquals', { family: 'Numeric', negated: false }],
  ['NumericGreaterThan', { family: 'Numeric', negated: false }],
  ['NumericGreaterThanEquals', { family: 'Numeric', negated: false }],
  ['DateEquals', { family: 'Date', negated: false }],
  ['DateNotEquals', { family: 'Date', negated: true }],
  ['DateLessThan', { family: 'Date', negated: false }],
  ['DateLessThanEquals', { family: 'Date', negated: false }],
  ['DateGreaterThan', { family: 'Date', negated: false }],
  ['DateGreaterThanEquals', { family: 'Date', negated: false }],
  ['Bool', { family: 'Bool', negated: false }],
  ['BinaryEquals', { family: 'Binary', negated: false }],
  ['IpAddress', { family: 'IpAddress', negated: false }],
  ['NotIpAddress', { family: 'IpAddress', negated: true }],
  ['ArnEquals', { family: 'Arn', negated: false }],
  ['ArnLike', { family: 'Arn', negated: false }],
  ['ArnNotEquals', { family: 'Arn', negated: true }],
  ['ArnNotLike', { family: 'Arn', negated: true }],
  ['Null', { family: 'Null', negated: false }],
]);

/** Every base operator name AWS defines, in AWS's spelling. */
export const BASE_OPERATOR_NAMES: readonly string[] = [...BASE_OPERATORS.keys()];

const IF_EXISTS = 'IfExists';

/**
 * Parses an operator name; undefined when AWS does not define it. Names are matched in AWS's exact
 * spelling: AWS does not document case-insensitive operator names, so the engine does not guess.
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let setOperator: SetOperator | undefined;
  // "Set operators for multivalued context keys": `ForAllValues:` and `ForAnyValue:` qualify any operator.
  if (rest.startsWith('ForAllValues:')) {
    setOperator = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    setOperator = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  // "...IfExists condition operators": `IfExists` may end any operator name except `Null`.
  if (rest.endsWith(IF_EXISTS) && rest.length > IF_EXISTS.length) {
    ifExists = true;
    rest = rest.slice(0, -IF_EXISTS.length);
  }
  const base = BASE_OPERATORS.get(rest);
  if (base === undefined) return undefined;
  if (ifExists && base.family === 'Null') return undefined;
  return { name, base: rest, family: base.family, negated: base.negated, ifExists, setOperator };
}

/** The AWS spelling of an operator that differs from `name` only in letter case, if any. */
export function suggestOperator(name: string): string | undefined {
  const lower = name.toLowerCase();
  const prefixes = ['', 'ForAllValues:', 'ForAnyValue:'];
  for (const prefix of prefixes) {
    for (const base of BASE_OPERATOR_NAMES) {
      for (const suffix of base === 'Null' ? [''] : ['', IF_EXISTS]) {
        const candidate = `${prefix}${base}${suffix}`;
        if (candidate.toLowerCase() === lower) return candidate;
      }
    }
  }
  return undefined;
}
