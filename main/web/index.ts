// `npm run web`: starts web mode on the built renderer and prints its URL with the token.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startWebServer } from './server';

const root = resolve(import.meta.dirname, '../../out/renderer');
if (!existsSync(resolve(root, 'index.html'))) {
  process.stderr.write('ariadne web: the renderer is not built: run `npm run build` first\n');
  process.exit(2);
}
const port = Number(process.env['PORT'] ?? 0);
const pkg: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
const version = typeof pkg === 'object' && pkg !== null && Object.hasOwn(pkg, 'version') ? String((pkg as { version: unknown }).version) : 'unknown';
const web = await startWebServer({ root, port, token: process.env['ARIADNE_WEB_TOKEN'], version });
process.stdout.write(`Ariadne is running at ${web.url}\n`);
