// The Bool condition operator: "true"/"false", with policy variables. Imports only core/model,
// core/policy and set.ts.
import type { Diagnostic } from '../../model/diagnostic';
import { hasPolicyVariables, substituteVariables } from '../../policy/variables';
import { matchAny, plainMatch, valueError, valuePath, type CompiledValues, type ValueOptions } from './set';

type BoolValue =
  | { readonly kind: 'literal'; readonly value: boolean }
  | { readonly kind: 'template'; readonly template: string };

/** Parses `true`/`false` (any letter case, as JSON booleans and strings both reach here); undefined otherwise. */
export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

/** Compiles the values of `Bool`; a literal that is neither `true` nor `false` is an error. */
export function compileBoolValues(
  values: readonly string[],
  keyPath: string,
  options: ValueOptions,
): CompiledValues {
  const diagnostics: Diagnostic[] = [];
  const compiled: BoolValue[] = [];
  values.forEach((value, i) => {
    // "Condition operators > Boolean condition operators": you can use a policy variable with Bool.
    if (options.policyVariables && hasPolicyVariables(value)) {
      compiled.push({ kind: 'template', template: value });
      return;
    }
    const b = parseBool(value);
    if (b === undefined) {
      diagnostics.push(
        valueError(
          'policy.condition.value.bool',
          valuePath(keyPath, i),
          `\`${value}\` is not \`true\` or \`false\` for \`Bool\``,
        ),
      );
    } else {
      compiled.push({ kind: 'literal', value: b });
    }
  });
  return {
    diagnostics,
    matcher: {
      match(requestValue, context) {
        // A request value that is not a boolean matches no policy value.
        const r = parseBool(requestValue);
        if (r === undefined) return plainMatch(false);
        return matchAny(compiled, (v) => {
          if (v.kind === 'literal') return plainMatch(v.value === r);
          const s = substituteVariables(v.template, context);
          if (s.text === undefined) return { matched: false, missingVariables: s.missingVariables };
          return { matched: parseBool(s.text) === r, missingVariables: s.missingVariables };
        });
      },
    },
  };
}
