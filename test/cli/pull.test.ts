import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { smallAccount } from '../fakes/aws/account';
import { startFakeAws, type FakeAws, type FakeScenario } from '../fakes/aws/server';
import { isolateAwsEnv, type AwsTestEnv } from '../fakes/aws/env';

const SECRET = 'cliSecretKeyFAKEFAKEFAKEFAKEFAKEFAKEFAKE0';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

describe('ariadne pull', () => {
  let dir = '';
  let fake: FakeAws | undefined;
  let env: AwsTestEnv | undefined;

  beforeEach(async () => {
    env = await isolateAwsEnv('ariadne-cli-pull-', {
      credentials: `[audit]\naws_access_key_id = AKIACLIKEY0000000001\naws_secret_access_key = ${SECRET}\n`,
      config: '[profile audit]\nregion = eu-west-1\n',
    });
    dir = env.dir;
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await env?.restore();
  });

  async function run(scenario: FakeScenario, extra: string[] = []) {
    fake = await startFakeAws(smallAccount(), { reportPolls: 0, ...scenario });
    const c = capture();
    const out = join(dir, 'bundle.json');
    const code = await runCli(
      [
        'pull',
        '--profile',
        'audit',
        '--region',
        'eu-west-1',
        '--endpoint-url',
        fake.url,
        '--out',
        out,
        ...extra,
      ],
      c.io,
    );
    return { code, out, stdout: c.out.join(''), stderr: c.err.join('') };
  }

  it('writes the bundle and shows progress on stderr', async () => {
    const { code, out, stderr } = await run({});
    expect(code, stderr).toBe(0);
    const bundle = JSON.parse(await readFile(out, 'utf8')) as {
      format: string;
      source: { kind: string; tool: string };
      account: { id: string };
    };
    expect(bundle.format).toBe('ariadne.snapshot/v1');
    expect(bundle.source.kind).toBe('aws-pull');
    expect(bundle.source.tool).toMatch(/^ariadne \d+\.\d+\.\d+$/);
    expect(bundle.account.id).toBe('111122223333');
    expect(stderr).toContain(
      'ariadne pull: account 111122223333 as arn:aws:iam::111122223333:user/auditor\n',
    );
    expect(stderr).toContain('ariadne pull: iam.authorization-details: 7 collected\n');
    expect(stderr).toMatch(/ariadne pull: done: \d+ requests, 0 retries, 0 warnings\n/);
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
  });

  it('points every client at the endpoint URL', async () => {
    const { code } = await run({});
    expect(code).toBe(0);
    expect(new Set(fake?.calls.map((c) => c.service))).toEqual(
      new Set(['sts', 'iam', 'organizations', 's3', 's3control', 'kms', 'lambda', 'sqs', 'sns', 'secretsmanager', 'ecr']),
    );
  });

  it('prints a JSON summary on stdout with --json', async () => {
    const { code, stdout } = await run({ deny: ['ecr'] }, ['--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { warnings: string[]; requests: number };
    expect(summary.warnings).toEqual([
      'ecr (eu-west-1): not collected: access denied (AccessDeniedException)',
    ]);
    expect(summary.requests).toBeGreaterThan(20);
  });

  it('keeps the secret key out of the bundle and the output', async () => {
    const { code, out, stdout, stderr } = await run({ deny: ['kms'] });
    expect(code).toBe(0);
    expect(await readFile(out, 'utf8')).not.toContain(SECRET);
    expect(stdout + stderr).not.toContain(SECRET);
  });

  it('exits 2 with one line and writes nothing when credentials have expired', async () => {
    const { code, out, stderr } = await run({ expiredToken: true });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'ariadne pull: sts:GetCallerIdentity: credentials expired or invalid (ExpiredToken): run `aws sso login --profile audit` (SSO profiles) or refresh the keys of profile `audit`\n',
    );
    await expect(readFile(out)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['config', 'credentials']);
  });

  it('leaves an existing file untouched when the network fails mid-pull', async () => {
    const out = join(dir, 'bundle.json');
    await writeFile(out, 'previous');
    const { code, stderr } = await run({ drop: ['secretsmanager:ListSecrets'] });
    expect(code).toBe(2);
    // The SDK retries the dropped connection (shown as progress) before giving up.
    expect(stderr).toContain(
      'ariadne pull: secretsmanager:ListSecrets: retry 1 (throttled or transient error)\n',
    );
    expect(stderr).toMatch(
      /ariadne pull: secretsmanager \(eu-west-1\): network failure \(.+\): nothing written; check the connection and run the pull again\n$/,
    );
    expect(await readFile(out, 'utf8')).toBe('previous');
    expect((await readdir(dir)).sort()).toEqual(['bundle.json', 'config', 'credentials']);
  });

  it('rejects a missing --out with exit 2', async () => {
    const c = capture();
    expect(await runCli(['pull', '--profile', 'audit'], c.io)).toBe(2);
    expect(c.err.join('')).toBe(
      'ariadne pull: missing `--out FILE`: usage: ariadne pull [--profile P] [--region R] [--regions r1,r2] [--endpoint-url URL] --out FILE\n',
    );
  });

  it('rejects a region that is not a region name', async () => {
    const c = capture();
    expect(await runCli(['pull', '--region', 'mars', '--out', join(dir, 'x.json')], c.io)).toBe(2);
    expect(c.err.join('')).toBe('ariadne pull: --region: `mars` is not a region name\n');
  });

  it('rejects an unknown option with exit 2', async () => {
    const c = capture();
    expect(await runCli(['pull', '--bogus', '--out', join(dir, 'x.json')], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/^ariadne pull: Unknown option '--bogus'.*: usage: ariadne pull /);
    expect(c.err.join('').split('\n')).toHaveLength(2);
  });
});
