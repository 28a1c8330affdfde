// `ariadne can`: not built yet; its issue replaces this file.
import { CliError } from '../io';
import type { Command } from '../index';

/** The `can` command. */
export const command: Command = {
  summary: 'not built yet',
  usage: 'can',
  run: async () => {
    throw new CliError('not built yet');
  },
};
