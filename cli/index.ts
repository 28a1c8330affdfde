// The `ariadne` command line: parses arguments and runs one command with the engine, headless.
// Imports core/ (through core/index.ts) and Node-only main modules; never electron.
import { CliError, EXIT_BAD_INPUT, type CliIo } from './io';
import { VERSION } from './version';

/** A command: its one-line summary and its runner. */
export interface Command {
  summary: string;
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

const commands: Record<string, Command> = {};

/** Registers a command under its name. */
export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

function printHelp(io: CliIo): void {
  const lines = [
    `ariadne ${VERSION}: IAM policy visualiser and auditor for AWS`,
    '',
    'usage: ariadne <command> [options]',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`),
    '',
    'options common to every command: --json (machine-readable output on stdout), --help',
    'exit codes: 0 done, 1 audit --fail-on threshold reached, 2 bad input or usage',
  ];
  io.stdout(lines.join('\n') + '\n');
}

/** Runs the command line with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  await loadCommands();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printHelp(io);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`ariadne ${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`ariadne: unknown command \`${name}\`: run \`ariadne --help\` for the list\n`);
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ariadne ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`ariadne ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // An unexpected failure is still one line, never a stack trace (set ARIADNE_DEBUG=1 for one).
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ariadne ${name}: internal error: ${message.split('\n')[0]}\n`);
    if (process.env['ARIADNE_DEBUG']) io.stderr(`${(error as Error).stack ?? ''}\n`);
    return EXIT_BAD_INPUT;
  }
}

let loaded = false;
async function loadCommands(): Promise<void> {
  if (loaded) return;
  loaded = true;
  const modules = await Promise.all([import('./commands/index')]);
  for (const m of modules) m.registerAll(registerCommand);
}
