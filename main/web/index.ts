// `npm run web`: starts web mode on the built renderer and prints its URL with the token.
// ARIADNE_AWS_ENDPOINT_URL (tests only, read nowhere else) points the app's AWS pull at one local
// endpoint such as the fake AWS server; profiles come from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.
// ARIADNE_WEB_ROOT serves another build of the renderer (a test build outside out/).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startWebServer } from './server';

const root = resolve(process.env['ARIADNE_WEB_ROOT'] ?? resolve(import.meta.dirname, '../../out/renderer'));
if (!existsSync(resolve(root, 'index.html'))) {
  process.stderr.write('ariadne web: the renderer is not built: run `npm run build` first\n');
  process.exit(2);
}
const port = Number(process.env['PORT'] ?? 0);
const pkg: unknown = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
const version = typeof pkg === 'object' && pkg !== null && Object.hasOwn(pkg, 'version') ? String((pkg as { version: unknown }).version) : 'unknown';
const endpointUrl = process.env['ARIADNE_AWS_ENDPOINT_URL'];
const web = await startWebServer({ root, port, token: process.env['ARIADNE_WEB_TOKEN'], version, ...(endpointUrl ? { aws: { endpointUrl } } : {}) });
process.stdout.write(`Ariadne is running at ${web.url}\n`);
if (endpointUrl) process.stdout.write(`AWS pulls go to ${endpointUrl} (ARIADNE_AWS_ENDPOINT_URL)\n`);
