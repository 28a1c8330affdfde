// ARN condition operators: ArnEquals/ArnLike and ArnNotEquals/ArnNotLike, matched component by
// component, with wildcards and policy variables. Imports only core/model, core/policy and set.ts.
import type { Diagnostic } from '../../model/diagnostic';
import { compilePattern, type CompiledPattern } from '../../policy/pattern';
import { matchAny, plainMatch, type CompiledValues, type ValueMatch, type ValueOptions } from './set';

/** Number of colon-delimited components of an ARN (`arn:partition:service:region:account:resource`). */
const ARN_PARTS = 6;

/**
 * Splits an ARN (or an ARN pattern) into its six components: the first five colons delimit, the
 * resource keeps any further colons. Colons inside `${…}` policy variables do not delimit when
 * `variables` is set. Undefined when there are fewer than six components.
 */
export function splitArn(text: string, variables: boolean): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length && parts.length < ARN_PARTS - 1) {
    if (variables && text.startsWith('${', i)) {
      const close = text.indexOf('}', i + 2);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (text[i] === ':') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  if (parts.length < ARN_PARTS - 1) return undefined;
  parts.push(text.slice(start));
  return parts;
}

type ArnValue =
  | { readonly kind: 'segments'; readonly segments: readonly CompiledPattern[] }
  | { readonly kind: 'whole'; readonly pattern: CompiledPattern };

/** Compiles the values of an Arn* operator. */
export function compileArnValues(
  base: string,
  values: readonly string[],
  keyPath: string,
  options: ValueOptions,
): CompiledValues {
  const diagnostics: Diagnostic[] = [];
  const patternOptions = { caseInsensitive: false, variables: options.policyVariables };
  const compiled: ArnValue[] = values.map((value, i): ArnValue => {
    const parts = splitArn(value, options.policyVariables);
    if (parts === undefined) {
      // A value with fewer than six components (`*`) cannot be matched component by component;
      // it is matched against the whole ARN, and the validator says so.
      diagnostics.push({
        id: 'policy.condition.value.arn',
        severity: 'warning',
        path: `${keyPath}[${i}]`,
        message: `\`${value}\` is not an arn; \`${base}\` matches it against the whole value`,
      });
      return { kind: 'whole', pattern: compilePattern(value, patternOptions) };
    }
    return { kind: 'segments', segments: parts.map((p) => compilePattern(p, patternOptions)) };
  });
  return {
    diagnostics,
    matcher: {
      match(requestValue, context) {
        // "Condition operators > ARN condition operators": case-sensitive; each of the six
        // colon-delimited components is checked separately and may hold `*` and `?`; ArnEquals and
        // ArnLike behave identically (so do ArnNotEquals and ArnNotLike).
        const request = splitArn(requestValue, false);
        return matchAny(compiled, (v): ValueMatch => {
          if (v.kind === 'whole') return v.pattern.match(requestValue, context);
          if (request === undefined) return plainMatch(false);
          let missing: string[] | undefined;
          for (let s = 0; s < ARN_PARTS; s++) {
            const m = (v.segments[s] as CompiledPattern).match(request[s] ?? '', context);
            if (m.missingVariables.length > 0) (missing ??= []).push(...m.missingVariables);
            if (!m.matched) return { matched: false, missingVariables: missing ?? [] };
          }
          return { matched: true, missingVariables: missing ?? [] };
        });
      },
    },
  };
}
