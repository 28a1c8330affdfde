// Argument parsing shared by the commands: node:util parseArgs with one-line usage errors.
// Imports nothing from electron or the renderer.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io';

/** A usage error: the problem, then the command's usage, on one line (exit 2). */
export function usageError(message: string, usage: string): CliError {
  return new CliError(`${message}: usage: ariadne ${usage}`);
}

/** Turns a parseArgs error into one lowercase line with the argument in backticks. */
export function tidyParseError(e: unknown): string {
  const message = e instanceof Error ? (e.message.split('\n')[0] ?? '').replace(/\. To specify a positional.*$/, '') : String(e);
  const tidy = message.replace(/'([^']*)'/g, '`$1`').replace(/\.$/, '');
  return tidy.charAt(0).toLowerCase() + tidy.slice(1);
}

/** Parses a command's arguments (options and positionals); a bad argument is a usage error. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    throw usageError(tidyParseError(e), usage);
  }
}

/** The option every command that reads a snapshot takes: analyse what could be read of a damaged input. */
export const PARTIAL_OPTION = { partial: { type: 'boolean', default: false } } as const;
