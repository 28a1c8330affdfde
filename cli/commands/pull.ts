// `ariadne pull`: the live read-only pull of one AWS account into an Ariadne bundle file.
// Uses main/aws (Node-only); never imports electron. Progress goes to stderr; the bundle is written atomically.
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pullAccount, PullError, type PullProgressEvent } from '../../main/aws/index';
import { CliError, EXIT_OK, type CliIo } from '../io';
import type { Command } from '../index';
import { VERSION } from '../version';

/** One stderr line for a progress event (never contains credentials). */
export function describeProgress(event: PullProgressEvent): string | undefined {
  switch (event.kind) {
    case 'identity':
      return `account ${event.accountId} as ${event.caller}`;
    case 'collector-start':
      return undefined;
    case 'collector-done':
      return `${event.collector}${event.region ? ` (${event.region})` : ''}: ${event.items} collected`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'page':
      return event.page > 1 ? `${event.collector}: page ${event.page}` : undefined;
    case 'retry':
      return `${event.service}:${event.operation}: retry ${event.attempt - 1} (throttled or transient error)`;
    case 'done':
      return `done: ${event.requests} requests, ${event.retries} retries, ${event.warnings} warnings`;
  }
}

/** Writes `text` to `file` through a temporary file in the same folder, then renames it over. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = resolve(file);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

const USAGE = 'pull [--profile P] [--region R] [--regions r1,r2] [--endpoint-url URL] --out FILE';

/** The `pull` command. */
export const command: Command = {
  summary: 'live read-only pull of an AWS account into a bundle',
  usage: USAGE,
  run: async (args: string[], io: CliIo) => {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          profile: { type: 'string' },
          region: { type: 'string' },
          regions: { type: 'string' },
          'endpoint-url': { type: 'string' },
          out: { type: 'string', short: 'o' },
          json: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new CliError(`${(error as Error).message.split('\n')[0]}: usage: ariadne ${USAGE}`);
    }
    const out = values.out;
    if (out === undefined || out === '')
      throw new CliError(`missing \`--out FILE\`: usage: ariadne ${USAGE}`);
    const regions = values.regions
      ?.split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '');
    for (const region of [values.region, ...(regions ?? [])]) {
      if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
        throw new CliError(`--region: \`${region}\` is not a region name`);
    }
    const endpoint = values['endpoint-url'];
    if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint))
      throw new CliError(`--endpoint-url: \`${endpoint}\` is not an http(s) URL`);
    try {
      const result = await pullAccount({
        ...(values.profile !== undefined ? { profile: values.profile } : {}),
        ...(values.region !== undefined ? { region: values.region } : {}),
        ...(regions !== undefined ? { regions } : {}),
        ...(endpoint !== undefined ? { endpointUrl: endpoint } : {}),
        tool: `ariadne ${VERSION}`,
        onProgress: (event) => {
          const line = describeProgress(event);
          if (line !== undefined) io.stderr(`ariadne pull: ${line}\n`);
        },
      });
      await writeFileAtomic(out, JSON.stringify(result.bundle, null, 2) + '\n');
      if (values.json) {
        io.stdout(
          JSON.stringify({
            out,
            account: result.bundle.account,
            requests: result.requests,
            retries: result.retries,
            warnings: result.bundle.warnings,
          }) + '\n',
        );
      } else {
        io.stderr(`ariadne pull: wrote \`${out}\`\n`);
      }
      return EXIT_OK;
    } catch (error) {
      if (error instanceof PullError) throw new CliError(error.message);
      if (error instanceof Error && 'code' in error)
        throw new CliError(`--out: cannot write \`${out}\`: ${String((error as { code: unknown }).code)}`);
      throw error;
    }
  },
};
