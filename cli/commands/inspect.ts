// `ariadne inspect`: not built yet; its issue replaces this file.
import { CliError } from '../io';
import type { Command } from '../index';

/** The `inspect` command. */
export const command: Command = {
  summary: 'not built yet',
  usage: 'inspect',
  run: async () => {
    throw new CliError('not built yet');
  },
};
