// The Null condition operator: whether a key is absent from the request. Imports only core/model and set.ts.
import type { ContextValue, RequestContext } from '../../model/context';
import type { Diagnostic } from '../../model/diagnostic';
import { parseBool } from './bool';
import { valueError, valuePath } from './set';

/** Compiled values of `Null`: which answers (`true` = absent, `false` = present) satisfy it. */
export interface CompiledNull {
  readonly acceptsAbsent: boolean;
  readonly acceptsPresent: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiles the values of `Null`; a value that is neither `true` nor `false` is an error. */
export function compileNullValues(values: readonly string[], keyPath: string): CompiledNull {
  const diagnostics: Diagnostic[] = [];
  let acceptsAbsent = false;
  let acceptsPresent = false;
  values.forEach((value, i) => {
    const b = parseBool(value);
    // "You can not use a policy variable with the Null condition operator."
    if (b === undefined)
      diagnostics.push(
        valueError(
          'policy.condition.value.null',
          valuePath(keyPath, i),
          `\`${value}\` is not \`true\` or \`false\` for \`Null\``,
        ),
      );
    else if (b) acceptsAbsent = true;
    else acceptsPresent = true;
  });
  return { acceptsAbsent, acceptsPresent, diagnostics };
}

/** Evaluates `Null` for one key. */
export function evaluateNull(
  compiled: CompiledNull,
  key: string,
  context: RequestContext,
): {
  matched: boolean;
  requestValue: ContextValue | undefined;
  missing: boolean;
  missingKeys: readonly string[];
} {
  // "Condition operator to check existence of condition keys": `true` means the key does not exist
  // (it is null); `false` means it exists and its value is not null. Several values are ORed.
  // An empty list is a value that is present (the request gave the key).
  const requestValue = context.get(key);
  const absent = requestValue === undefined;
  const matched = absent ? compiled.acceptsAbsent : compiled.acceptsPresent;
  return { matched, requestValue, missing: absent, missingKeys: absent ? [key] : [] };
}
