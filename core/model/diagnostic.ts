// Diagnostics: what is wrong or incomplete in an input, and where. Plain readonly data.
// Imports nothing.

/** How bad a diagnostic is: an error stops the input from being used; a warning does not. */
export type Severity = 'error' | 'warning';

/** One problem found in an input: a stable dotted id, where (a JSON path) and what. */
export interface Diagnostic {
  /** Stable dotted id, e.g. `policy.statement.effect.invalid`. */
  readonly id: string;
  readonly severity: Severity;
  /** JSON path into the input, e.g. `RoleDetailList[3].AssumeRolePolicyDocument.Statement[0]`. */
  readonly path: string;
  /** Lowercase, one line, user input in backticks. */
  readonly message: string;
}

/** Formats a diagnostic as the one line users see: `path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return d.path ? `${d.path}: ${d.message}` : d.message;
}
