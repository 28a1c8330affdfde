// Output sinks of the command line, so tests can run commands in-process.
// Imports nothing from electron or the renderer.

/** Where a command writes: stdout for results, stderr for progress and messages. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes of SPEC.md: 0 done, 1 `audit --fail-on` threshold reached, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_THRESHOLD = 1;
export const EXIT_BAD_INPUT = 2;

/** An error whose message is shown to the user as is (one line, no stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    super(message);
  }
}
