// The list of commands of `ariadne`; each command lives in its own file beside this one.
import type { Command } from '../index';

/** Registers every command. */
export function registerAll(register: (name: string, command: Command) => void): void {
  void register;
}
