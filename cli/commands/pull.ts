// `ariadne pull`: not built yet; its issue replaces this file.
import { CliError } from '../io';
import type { Command } from '../index';

/** The `pull` command. */
export const command: Command = {
  summary: 'not built yet',
  usage: 'pull',
  run: async () => {
    throw new CliError('not built yet');
  },
};
