// The list of commands of `ariadne`; each command lives in its own file beside this one.
import { CliError } from '../io';
import type { Command } from '../index';
import { command as inspect } from './inspect';
import { command as simulate } from './simulate';
import { command as can } from './can';
import { command as pull } from './pull';

const planned: [string, string][] = [
  ['who-can', 'who-can <snapshot> --action A --resource ARN [--context k=v]... [--strict]'],
  ['what-can', 'what-can <snapshot> --principal ARN'],
  ['paths', 'paths <snapshot> [--from ARN]'],
  ['audit', 'audit <snapshot> [--format json|sarif|csv|md|html|pdf] [--out FILE] [--fail-on SEVERITY]'],
  ['diff', 'diff <old> <new>'],
];

/** Registers every command; those of later issues say plainly that they are not built yet. */
export function registerAll(register: (name: string, command: Command) => void): void {
  register('inspect', inspect);
  register('simulate', simulate);
  register('can', can);
  register('pull', pull);
  for (const [name, usage] of planned) {
    register(name, {
      summary: '(not built yet)',
      usage,
      run: async () => {
        throw new CliError('not built yet in this version');
      },
    });
  }
}
