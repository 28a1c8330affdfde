#!/usr/bin/env node
// The `ariadne` command: runs the built command line (out/cli/index.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/index.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('ariadne: the command line is not built yet: run `npm run build` first\n');
  process.exit(2);
}
const { runCli } = await import(pathToFileURL(built).href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
