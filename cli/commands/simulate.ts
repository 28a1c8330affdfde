// `ariadne simulate`: not built yet; its issue replaces this file.
import { CliError } from '../io';
import type { Command } from '../index';

/** The `simulate` command. */
export const command: Command = {
  summary: 'not built yet',
  usage: 'simulate',
  run: async () => {
    throw new CliError('not built yet');
  },
};
