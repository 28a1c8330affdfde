// String condition operators: StringEquals, StringNotEquals, …IgnoreCase, StringLike, StringNotLike,
// with policy variables. Imports only core/model, core/policy and set.ts.
import type { RequestContext } from '../../model/context';
import { compilePattern, type CompiledPattern } from '../../policy/pattern';
import { hasPolicyVariables, substituteVariables } from '../../policy/variables';
import { matchAny, plainMatch, type CompiledValues, type ValueMatch, type ValueOptions } from './set';

type StringValue =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'template'; readonly template: string }
  | { readonly kind: 'pattern'; readonly pattern: CompiledPattern };

/** Compiles the values of a String* operator (`base` without negation decides the comparison). */
export function compileStringValues(
  base: string,
  values: readonly string[],
  options: ValueOptions,
): CompiledValues {
  // "Condition operators > String condition operators": StringLike/StringNotLike take `*` and `?`
  // wildcards anywhere in the value and match case-sensitively; the Equals forms match exactly
  // (a `*` is then an ordinary character).
  const like = base === 'StringLike' || base === 'StringNotLike';
  // StringEqualsIgnoreCase/StringNotEqualsIgnoreCase: exact matching, ignoring case.
  const ignoreCase = base === 'StringEqualsIgnoreCase' || base === 'StringNotEqualsIgnoreCase';
  const compiled: StringValue[] = values.map((value): StringValue => {
    if (like) {
      // "You can use a policy variable with the String condition operator."
      return {
        kind: 'pattern',
        pattern: compilePattern(value, { caseInsensitive: false, variables: options.policyVariables }),
      };
    }
    if (options.policyVariables && hasPolicyVariables(value)) return { kind: 'template', template: value };
    return { kind: 'literal', text: ignoreCase ? foldCase(value) : value };
  });
  return {
    diagnostics: [],
    matcher: {
      match(requestValue: string, context: RequestContext): ValueMatch {
        const request = ignoreCase ? foldCase(requestValue) : requestValue;
        return matchAny(compiled, (v) => matchString(v, request, context, ignoreCase));
      },
    },
  };
}

function matchString(
  value: StringValue,
  request: string,
  context: RequestContext,
  ignoreCase: boolean,
): ValueMatch {
  switch (value.kind) {
    case 'literal':
      return plainMatch(value.text === request);
    case 'pattern':
      return value.pattern.match(request, context);
    case 'template': {
      // "Policy variables": a variable the request does not carry (and has no default) leaves the
      // value unresolved, so it matches nothing.
      const s = substituteVariables(value.template, context);
      if (s.text === undefined) return { matched: false, missingVariables: s.missingVariables };
      const text = ignoreCase ? foldCase(s.text) : s.text;
      return { matched: text === request, missingVariables: s.missingVariables };
    }
  }
}

/** Case folding for the IgnoreCase operators (locale-independent). */
function foldCase(text: string): string {
  return text.toLowerCase();
}
