// `npm start`: builds the app and starts it on the bundled demo snapshot. Where Electron's binary
// is missing (it cannot be downloaded on some machines), it says so and starts web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = electronBinary();
if (bin) {
  const child = spawn(bin, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(
    "ariadne: Electron's binary is not installed on this machine (it cannot be downloaded here);\n" +
      'starting web mode instead: open the address below in a browser.\n',
  );
  const child = spawn('npx', ['tsx', 'main/web/index.ts'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
