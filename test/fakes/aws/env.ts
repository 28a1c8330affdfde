// Test helper: an AWS environment of the test's own (temp HOME, config and credentials files, no
// ambient keys, no instance metadata), restored afterwards. Never reaches a real endpoint.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEYS = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HOME',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_EC2_METADATA_DISABLED',
];

/** An isolated AWS environment: its folder, and how to restore the process's environment. */
export interface AwsTestEnv {
  dir: string;
  restore: () => Promise<void>;
}

/** Points the AWS SDK at fresh `credentials` and `config` files in a temp folder. */
export async function isolateAwsEnv(
  prefix: string,
  files: { credentials: string; config: string },
): Promise<AwsTestEnv> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  process.env['HOME'] = dir;
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  process.env['AWS_CONFIG_FILE'] = join(dir, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'credentials');
  await writeFile(join(dir, 'credentials'), files.credentials);
  await writeFile(join(dir, 'config'), files.config);
  return {
    dir,
    restore: async () => {
      for (const k of KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
