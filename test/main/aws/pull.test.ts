import { mkdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { pullAccount, PullError, type PullProgressEvent } from '../../../main/aws/index';
import { createClientFactory, NotReadOnlyError } from '../../../main/aws/client-factory';
import { isReadOnlyOperation, READ_ONLY_OPERATIONS } from '../../../main/aws/read-only-operations';
import { parseSnapshotText } from '../../../core/snapshot/index';
import { smallAccount } from '../../fakes/aws/account';
import { startFakeAws, type FakeAws, type FakeScenario } from '../../fakes/aws/server';
import { isolateAwsEnv, type AwsTestEnv } from '../../fakes/aws/env';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKESECRETKEY';
const credentials = {
  accessKeyId: 'AKIAFAKEFAKEFAKE0001',
  secretAccessKey: SECRET,
  sessionToken: 'FAKESESSIONTOKEN',
};

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function pull(scenario: FakeScenario = {}, extra: Partial<Parameters<typeof pullAccount>[0]> = {}) {
  fake = await startFakeAws(smallAccount(), scenario);
  const events: PullProgressEvent[] = [];
  const result = await pullAccount({
    endpointUrl: fake.url,
    region: 'eu-west-1',
    regions: ['eu-west-1', 'us-east-1'],
    credentials,
    pollIntervalMs: 1,
    maxAttempts: 3,
    onProgress: (event) => events.push(event),
    ...extra,
  });
  return { ...result, events, fake };
}

async function pullError(
  scenario: FakeScenario,
  extra: Partial<Parameters<typeof pullAccount>[0]> = {},
): Promise<PullError> {
  const error = await pull(scenario, extra).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PullError);
  return error as PullError;
}

describe('pullAccount against the fake AWS endpoint', () => {
  it('collects every part of a small account into an ariadne.snapshot/v1 bundle', async () => {
    const { bundle } = await pull({ pageSize: 1, reportPolls: 2 });
    expect(bundle.format).toBe('ariadne.snapshot/v1');
    expect(bundle.source.kind).toBe('aws-pull');
    expect(bundle.account).toEqual({ id: '111122223333', alias: 'example-prod', partition: 'aws' });
    expect(bundle.authorizationDetails.UserDetailList).toHaveLength(3);
    expect(bundle.authorizationDetails.GroupDetailList).toHaveLength(1);
    expect(bundle.authorizationDetails.RoleDetailList).toHaveLength(2);
    expect(bundle.authorizationDetails.Policies).toHaveLength(1);
    // URL-encoded documents arrive decoded in the bundle.
    const alice = bundle.authorizationDetails.UserDetailList[0] as {
      UserPolicyList: { PolicyDocument: unknown }[];
    };
    expect(alice.UserPolicyList[0]?.PolicyDocument).toMatchObject({ Version: '2012-10-17' });
    expect(bundle.credentialReport?.split('\n')[0]).toMatch(/^user,arn,/);
    expect(bundle.credentialReport).toContain('alice,arn:aws:iam::111122223333:user/alice');
    expect(bundle.virtualMfaDevices).toEqual([
      {
        serialNumber: 'arn:aws:iam::111122223333:mfa/alice',
        user: 'arn:aws:iam::111122223333:user/alice',
        enableDate: '2024-02-01T00:00:00.000Z',
      },
      { serialNumber: 'arn:aws:iam::111122223333:mfa/spare' },
    ]);
    expect(bundle.identityProviders.saml[0]).toMatchObject({
      arn: 'arn:aws:iam::111122223333:saml-provider/okta',
      metadata: '<EntityDescriptor entityID="okta"/>',
    });
    expect(bundle.identityProviders.oidc[0]).toMatchObject({
      url: 'token.actions.githubusercontent.com',
      clientIds: ['sts.amazonaws.com'],
    });
    expect(bundle.passwordPolicy).toMatchObject({ MinimumPasswordLength: 14 });
    expect(bundle.accountSummary).toMatchObject({ Users: 3, Roles: 2 });
    expect(bundle.accountAliases).toEqual(['example-prod']);
    expect(bundle.organization?.id).toBe('o-abc123');
    expect(bundle.organization?.path.map((l) => l.name)).toEqual(['Root', 'Prod', 'prod']);
    expect(bundle.organization?.path[0]?.rcps.map((p) => p.name)).toEqual(['RCPFullAWSAccess']);
    expect(bundle.organization?.path[1]?.scps.map((p) => p.name)).toEqual(['FullAWSAccess', 'DenyRegions']);
    expect(bundle.organization?.path[1]?.scps[1]?.document).toMatchObject({
      Statement: [{ Effect: 'Deny' }],
    });
    const resources = bundle.resourcePolicies.map((p) => p.resource).sort();
    expect(resources).toEqual(
      [
        'arn:aws:s3:::data',
        'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'arn:aws:lambda:eu-west-1:111122223333:function:resize',
        'arn:aws:lambda:us-east-1:111122223333:function:edge',
        'arn:aws:sqs:eu-west-1:111122223333:jobs',
        'arn:aws:sns:eu-west-1:111122223333:alerts',
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf',
        'arn:aws:ecr:eu-west-1:111122223333:repository/web',
      ].sort(),
    );
    expect(bundle.s3Buckets?.map((b) => [b.bucket, b.publicAccessBlock !== undefined])).toEqual([
      ['data', true],
      ['logs', false],
    ]);
    expect(bundle.s3Buckets?.[0]?.acl?.Grants).toHaveLength(1);
    expect(bundle.s3AccountPublicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: true,
    });
    expect(bundle.warnings).toEqual([]);
  });

  it('follows markers and tokens over several pages and polls the credential report', async () => {
    const { fake: server } = await pull({ pageSize: 1, reportPolls: 2 });
    const count = (op: string) => server.calls.filter((c) => `${c.service}:${c.operation}` === op).length;
    expect(count('iam:GetAccountAuthorizationDetails')).toBe(7);
    expect(count('iam:GenerateCredentialReport')).toBe(3);
    expect(count('s3:ListBuckets')).toBe(2);
    expect(count('sqs:ListQueues')).toBeGreaterThanOrEqual(3);
  });

  it('produces a bundle the snapshot importer accepts', async () => {
    const { bundle } = await pull();
    const result = parseSnapshotText('pull.json', JSON.stringify(bundle));
    expect(result.kind, JSON.stringify(result.diagnostics.slice(0, 3))).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(JSON.stringify(result.snapshot)).toContain('arn:aws:iam::111122223333:role/deployer');
    expect(result.snapshot.extra['s3AccountPublicAccessBlock']).toEqual(bundle.s3AccountPublicAccessBlock);
  });

  it('sends only allow-listed operations, and uses every one of them on a full pull', async () => {
    const { fake: server } = await pull({ pageSize: 2 });
    const seen = new Set(server.calls.map((c) => `${c.service}:${c.operation}`));
    for (const call of server.calls)
      expect(isReadOnlyOperation(call.service, call.operation), `${call.service}:${call.operation}`).toBe(
        true,
      );
    const listed = Object.entries(READ_ONLY_OPERATIONS).flatMap(([service, ops]) =>
      Object.keys(ops).map((op) => `${service}:${op}`),
    );
    expect([...seen].sort()).toEqual(listed.sort());
    expect(seen).toContain('s3control:GetPublicAccessBlock');
    expect(seen.size).toBe(36);
  });

  it('calls sts:GetCallerIdentity first', async () => {
    const { fake: server, events } = await pull();
    expect(server.calls[0]).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity' });
    expect(events[0]).toEqual({
      kind: 'identity',
      accountId: '111122223333',
      caller: 'arn:aws:iam::111122223333:user/auditor',
    });
  });

  it('retries throttled calls with the SDK and shows the retries in progress', async () => {
    const { bundle, events, retries } = await pull({
      throttle: { 'iam:GetAccountAuthorizationDetails': 1, 'kms:ListKeys': 2 },
    });
    expect(bundle.authorizationDetails.UserDetailList).toHaveLength(3);
    expect(bundle.warnings).toEqual([]);
    const retryEvents = events.filter((e) => e.kind === 'retry');
    expect(retryEvents).toEqual([
      { kind: 'retry', service: 'iam', operation: 'GetAccountAuthorizationDetails', attempt: 2 },
      { kind: 'retry', service: 'kms', operation: 'ListKeys', attempt: 2 },
      { kind: 'retry', service: 'kms', operation: 'ListKeys', attempt: 3 },
    ]);
    expect(retries).toBe(3);
  });

  it('turns access denied on an optional collector into a warning and goes on', async () => {
    const { bundle } = await pull({
      deny: ['kms', 'organizations:DescribeOrganization', 's3:GetBucketPolicy'],
    });
    expect(bundle.warnings).toHaveLength(4);
    expect(bundle.warnings.join('\n')).toMatch(
      /^kms \(eu-west-1\): not collected: access denied \(AccessDeniedException\)$/m,
    );
    expect(bundle.warnings.join('\n')).toMatch(/^organizations: not collected: access denied/m);
    expect(bundle.warnings.join('\n')).toMatch(
      /^s3: 2 of 2 resources not read: access denied \(AccessDenied\)$/m,
    );
    expect(bundle.organization).toBeUndefined();
    expect(bundle.resourcePolicies.some((p) => p.resource.includes(':lambda:'))).toBe(true);
    expect(bundle.resourcePolicies.some((p) => p.resource.includes(':kms:'))).toBe(false);
  });

  it('warns about each refused part of the account settings separately', async () => {
    const { bundle } = await pull({ deny: ['iam:GetAccountSummary', 'sns:ListTopics'] });
    expect(bundle.warnings).toContain(
      'iam.account-settings: account summary not collected: access denied (AccessDenied)',
    );
    expect(bundle.warnings, JSON.stringify(bundle.warnings)).toContain(
      'sns (eu-west-1): not collected: access denied (AuthorizationErrorException)',
    );
    expect(bundle.passwordPolicy).toBeDefined();
  });

  it('stops with a clear message when the authorization details are refused', async () => {
    const error = await pullError({ deny: ['iam:GetAccountAuthorizationDetails'] });
    expect(error.kind).toBe('access-denied');
    expect(error.message).toMatch(/^iam\.authorization-details: access denied \(AccessDenied\)/);
  });

  it('says what to run when the credentials have expired', async () => {
    const error = await pullError({ expiredToken: true });
    expect(error.kind).toBe('credentials');
    expect(error.message).toBe(
      'sts:GetCallerIdentity: credentials expired or invalid (ExpiredToken): run `aws configure` or `aws sso login`, or pass `--profile`',
    );
  });

  it('reports a connection dropped mid-pull as a network failure', async () => {
    const error = await pullError({ drop: ['lambda:ListFunctions'] }, { maxAttempts: 2 });
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^lambda \(eu-west-1\): network failure \(.+\): nothing written/);
  });

  it('reports a malformed XML response clearly', async () => {
    const error = await pullError({ malformed: ['iam:GetAccountAuthorizationDetails'] });
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/^iam\.authorization-details: malformed response from AWS/);
    expect(error.message).not.toContain('\n');
  });

  it('reports a malformed JSON response clearly', async () => {
    const error = await pullError({ malformed: ['kms:ListKeys'] });
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/^kms \(eu-west-1\): malformed response from AWS/);
  });

  it('stops when cancelled through the AbortSignal', async () => {
    const controller = new AbortController();
    const error = await pullError(
      {},
      {
        signal: controller.signal,
        onProgress: (event) => {
          if (event.kind === 'collector-done' && event.collector === 'iam.credential-report')
            controller.abort();
        },
      },
    );
    expect(error.kind).toBe('cancelled');
    expect(fake?.calls.some((c) => c.service === 's3')).toBe(false);
  });

  it('reports a request that never gets an answer as a network failure after the timeout', async () => {
    const error = await pullError({ hang: ['sns:ListTopics'] }, { maxAttempts: 1, requestTimeoutMs: 300 });
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^sns \(eu-west-1\): network failure \(.+\): nothing written/);
  });

  it('cancels a request in flight when the AbortSignal fires', async () => {
    const controller = new AbortController();
    const error = await pullError(
      { hang: ['sns:ListTopics'] },
      {
        signal: controller.signal,
        onProgress: (event) => {
          if (event.kind === 'collector-start' && event.collector === 'sns')
            setTimeout(() => controller.abort(), 50);
        },
      },
    );
    expect(error.kind).toBe('cancelled');
    expect(error.message).toBe('pull cancelled: nothing written');
  });

  it('never puts the secret key in the bundle, the progress or on the wire', async () => {
    const { bundle, events, fake: server } = await pull({ deny: ['kms'] });
    expect(JSON.stringify(bundle)).not.toContain(SECRET);
    expect(JSON.stringify(bundle)).not.toContain('FAKESESSIONTOKEN');
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(server.raw.join('\n')).not.toContain(SECRET);
    expect(server.raw.join('\n')).toContain('AKIAFAKEFAKEFAKE0001');
  });
});

describe('the client factory', () => {
  it('rejects a command that is not on the allow-list before any request is made', async () => {
    fake = await startFakeAws(smallAccount());
    const factory = createClientFactory({ credentials, region: 'us-east-1', endpointUrl: fake.url });
    await expect(factory.client('iam').send(new CreateUserCommand({ UserName: 'mallory' }))).rejects.toThrow(
      NotReadOnlyError,
    );
    await expect(factory.client('iam').send(new CreateUserCommand({ UserName: 'mallory' }))).rejects.toThrow(
      'aws client: `iam:CreateUser` is not on the read-only allow-list',
    );
    expect(fake.calls).toEqual([]);
    expect(factory.requests).toBe(0);
    factory.destroy();
  });
});

describe('credentials from profiles', () => {
  let dir = '';
  let env: AwsTestEnv | undefined;
  beforeEach(async () => {
    env = await isolateAwsEnv('ariadne-pull-', {
      credentials: `[audit]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = ${SECRET}\n`,
      config:
        '[profile audit]\nregion = eu-west-1\n\n[profile auditor-role]\nrole_arn = arn:aws:iam::111122223333:role/Audit\nsource_profile = audit\nregion = eu-west-1\n\n[profile sso-user]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Audit\nregion = eu-west-1\n',
    });
    dir = env.dir;
  });
  afterEach(async () => {
    await env?.restore();
  });

  it('signs with the keys of a named profile', async () => {
    fake = await startFakeAws(smallAccount());
    const { bundle } = await pullAccount({
      profile: 'audit',
      region: 'eu-west-1',
      endpointUrl: fake.url,
      pollIntervalMs: 1,
    });
    expect(bundle.account.id).toBe('111122223333');
    expect(fake.raw[0]).toContain('Credential=AKIAPROFILEKEY000001/');
  });

  it('assumes the role of a role-assumption profile and signs with the role credentials', async () => {
    fake = await startFakeAws(smallAccount());
    const { bundle } = await pullAccount({
      profile: 'auditor-role',
      region: 'eu-west-1',
      endpointUrl: fake.url,
      pollIntervalMs: 1,
    });
    expect(bundle.account.id).toBe('111122223333');
    expect(fake.calls[0]).toMatchObject({ service: 'sts', operation: 'AssumeRole' });
    expect(fake.raw[0]).toContain('Credential=AKIAPROFILEKEY000001/');
    expect(fake.raw[1]).toContain('Credential=ASIAASSUMEDFAKE00001/');
    expect(fake.calls.filter((c) => c.operation === 'AssumeRole')).toHaveLength(1);
    expect(JSON.stringify(bundle)).not.toContain('assumed-fake-secret');
  });

  it('says which command to run for a profile that does not exist', async () => {
    fake = await startFakeAws(smallAccount());
    const error = await pullAccount({ profile: 'nope', region: 'eu-west-1', endpointUrl: fake.url }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PullError);
    expect((error as PullError).message).toBe(
      'credentials: profile `nope` not found or incomplete: run `aws configure --profile nope`',
    );
    expect(fake.calls).toEqual([]);
  });

  it('says to run aws sso login when the SSO session has expired', async () => {
    const startUrl = 'https://example.awsapps.com/start';
    await mkdir(join(dir, '.aws', 'sso', 'cache'), { recursive: true });
    const cacheName = createHash('sha1').update(startUrl).digest('hex');
    await writeFile(
      join(dir, '.aws', 'sso', 'cache', `${cacheName}.json`),
      JSON.stringify({
        startUrl,
        region: 'eu-west-1',
        accessToken: 'expired-token',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    fake = await startFakeAws(smallAccount());
    const error = await pullAccount({
      profile: 'sso-user',
      region: 'eu-west-1',
      endpointUrl: fake.url,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PullError);
    expect((error as PullError).kind).toBe('credentials');
    expect((error as PullError).message).toContain('`aws sso login --profile sso-user`');
    expect(fake.calls).toEqual([]);
  });
});
