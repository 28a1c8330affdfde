import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pullProgressMessage, type PullProgressMessage } from '../../ipc/index';
import { dispatch } from '../../main/ipc/dispatch';
import { createHandlers, type AwsHost } from '../../main/ipc/logic';
import { smallAccount } from '../fakes/aws/account';
import { startFakeAws, type FakeAws, type FakeScenario } from '../fakes/aws/server';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYIPCPULLSECRET';
const KEY_ID = 'AKIAFAKEFAKEFAKE0077';
let env: NodeJS.ProcessEnv;
const saved = { ...process.env };
let fake: FakeAws | undefined;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ariadne-ipc-pull-'));
  await writeFile(
    join(dir, 'config'),
    '[profile audit]\nregion = eu-west-1\n\n[profile corp-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n\n[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start\n',
  );
  await writeFile(
    join(dir, 'credentials'),
    `[audit]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`,
  );
  env = {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    HOME: dir,
  };
  // The SDK's profile loader reads the process environment.
  Object.assign(process.env, env);
  for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
    delete process.env[k];
});
afterAll(() => {
  process.env = saved;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake?.close();
  fake = undefined;
});

async function setup(scenario: FakeScenario = {}, host: Partial<AwsHost> = {}) {
  fake = await startFakeAws(smallAccount(), scenario);
  const messages: PullProgressMessage[] = [];
  const handlers = createHandlers({
    mode: 'web',
    version: '1.0.0',
    aws: { endpointUrl: fake.url, env, maxAttempts: 3, pollIntervalMs: 1, ...host },
    onPullProgress: (m) => messages.push(m),
  });
  return { handlers, messages };
}

function spyLogs(): () => string {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(() => undefined),
  );
  const writes = [
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
  return () => JSON.stringify([...spies, ...writes].map((s) => s.mock.calls));
}

describe('the aws:list-profiles handler', () => {
  it('lists names, regions and kinds of the configured profiles and never a key', async () => {
    const { handlers } = await setup();
    const r = await dispatch(handlers, 'aws:list-profiles', {});
    expect(r).toEqual({
      kind: 'ok',
      value: {
        profiles: [
          { name: 'audit', region: 'eu-west-1', kind: 'static' },
          { name: 'corp-sso', region: 'us-east-1', kind: 'sso' },
        ],
      },
    });
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(JSON.stringify(r)).not.toContain(KEY_ID);
  });
});

describe('the aws:pull-account handler', () => {
  it('pulls through the configured endpoint, pushes valid progress, and never returns or logs the secret', async () => {
    const logs = spyLogs();
    const { handlers, messages } = await setup({ pageSize: 2, throttle: { 'kms:ListKeys': 1 } });
    const r = await dispatch(handlers, 'aws:pull-account', {
      pullId: 'pull-0001',
      profile: 'audit',
      region: 'eu-west-1',
      regions: ['us-east-1'],
    });
    expect(r.kind).toBe('ok');
    const value = (
      r as { value: { kind: string; text: string; name: string; accountId: string; retries: number } }
    ).value;
    expect(value).toMatchObject({ kind: 'ok', accountId: '111122223333', retries: 1 });
    expect(value.name).toMatch(/^example-prod-pull-\d{8}T\d{6}\.json$/);
    const bundle = JSON.parse(value.text) as { format: string; source: { regions: string[] } };
    expect(bundle.format).toBe('ariadne.snapshot/v1');
    expect(bundle.source.regions).toEqual(['eu-west-1', 'us-east-1']);
    const kinds = new Set(messages.map((m) => m.event.kind));
    for (const k of ['identity', 'collector-start', 'collector-done', 'page', 'retry', 'done'])
      expect(kinds, k).toContain(k);
    for (const m of messages) {
      expect(m.pullId).toBe('pull-0001');
      expect(pullProgressMessage.safeParse(m).success).toBe(true);
    }
    // The fake saw the key id in the signature; nothing the app returns, pushes or logs holds the secret.
    const everything = JSON.stringify([r, messages]) + logs();
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(KEY_ID);
    expect(fake!.raw.join('\n')).not.toContain(SECRET);
  });

  it('answers expired credentials with one line saying what to run, without the secret', async () => {
    const logs = spyLogs();
    const { handlers } = await setup({ expiredToken: true });
    const r = await handlers['aws:pull-account']({
      pullId: 'pull-0002',
      profile: 'audit',
      region: 'eu-west-1',
      regions: [],
    });
    expect(r).toEqual({
      kind: 'error',
      reason: 'credentials',
      message:
        'sts:GetCallerIdentity: credentials expired or invalid (ExpiredToken): run `aws sso login --profile audit` (SSO profiles) or refresh the keys of profile `audit`',
    });
    expect(JSON.stringify(r) + logs()).not.toContain(SECRET);
  });

  it('says to run aws sso login when the SSO profile has no session, before any request', async () => {
    const { handlers } = await setup();
    const r = await handlers['aws:pull-account']({
      pullId: 'pull-0007',
      profile: 'corp-sso',
      region: 'us-east-1',
      regions: [],
    });
    expect(r).toEqual({
      kind: 'error',
      reason: 'credentials',
      message:
        'credentials: the SSO session has expired or is missing: run `aws sso login --profile corp-sso` (SSO profiles) or refresh the keys of profile `corp-sso`',
    });
    expect(fake!.calls).toEqual([]);
  });

  it('says which profile is missing when the profile has no credentials', async () => {
    const { handlers } = await setup();
    const r = await handlers['aws:pull-account']({
      pullId: 'pull-0003',
      profile: 'nobody',
      region: 'eu-west-1',
      regions: [],
    });
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.reason).toBe('credentials');
    expect(r.kind === 'error' && r.message).toMatch(/^credentials: /);
  });

  it('cancels a running pull by its id, refuses a second pull meanwhile, and pushes nothing after the cancel', async () => {
    const { handlers, messages } = await setup({ hang: ['sns'] });
    const pending = handlers['aws:pull-account']({
      pullId: 'pull-0004',
      profile: 'audit',
      region: 'eu-west-1',
      regions: [],
    });
    await vi.waitFor(
      () =>
        expect(messages.some((m) => m.event.kind === 'collector-start' && m.event.collector === 'sns')).toBe(
          true,
        ),
      { timeout: 10_000 },
    );
    const second = await handlers['aws:pull-account']({
      pullId: 'pull-0005',
      profile: 'audit',
      region: 'eu-west-1',
      regions: [],
    });
    expect(second).toMatchObject({ kind: 'error', reason: 'busy' });
    expect(await handlers['aws:cancel-pull']({ pullId: 'pull-9999' })).toEqual({ kind: 'not-running' });
    expect(await handlers['aws:cancel-pull']({ pullId: 'pull-0004' })).toEqual({ kind: 'cancelling' });
    const count = messages.length;
    expect(await pending).toEqual({ kind: 'cancelled' });
    expect(messages.length).toBe(count);
    expect(await handlers['aws:cancel-pull']({ pullId: 'pull-0004' })).toEqual({ kind: 'not-running' });
  });

  it('refuses a request that names an endpoint, a bad region or a bad profile', async () => {
    const { handlers } = await setup();
    const base = { pullId: 'pull-0006', profile: 'audit', region: 'eu-west-1', regions: [] };
    expect(
      (await dispatch(handlers, 'aws:pull-account', { ...base, endpointUrl: 'http://evil.example' })).kind,
    ).toBe('invalid');
    expect((await dispatch(handlers, 'aws:pull-account', { ...base, region: 'eu-west-1; rm' })).kind).toBe(
      'invalid',
    );
    expect((await dispatch(handlers, 'aws:pull-account', { ...base, profile: '[profile x]' })).kind).toBe(
      'invalid',
    );
    expect((await dispatch(handlers, 'aws:pull-account', { ...base, regions: ['nowhere'] })).kind).toBe(
      'invalid',
    );
    expect((await dispatch(handlers, 'aws:cancel-pull', { pullId: 'x' })).kind).toBe('invalid');
    expect(fake!.calls).toEqual([]);
  });
});
