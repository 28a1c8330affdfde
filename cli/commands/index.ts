// The list of commands of `ariadne`; each command lives in its own file beside this one.
import { CliError } from '../io';
import type { Command } from '../index';
import { command as inspect } from './inspect';
import { command as simulate } from './simulate';
import { command as can } from './can';
import { command as pull } from './pull';
import { command as whoCan } from './who-can';
import { command as whatCan } from './what-can';
import { command as diff } from './diff';
import { command as paths } from './paths';
import { command as audit } from './audit';

const planned: [string, string][] = [];

/** Registers every command; those of later issues say plainly that they are not built yet. */
export function registerAll(register: (name: string, command: Command) => void): void {
  register('inspect', inspect);
  register('simulate', simulate);
  register('can', can);
  register('pull', pull);
  register('who-can', whoCan);
  register('what-can', whatCan);
  register('diff', diff);
  register('paths', paths);
  register('audit', audit);
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
