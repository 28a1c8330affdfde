// The account-level S3 Block Public Access in the pull: S3 Control GetPublicAccessBlock through the
// factory's allow-list, against the fake endpoint on 127.0.0.1 (its `{AccountId}.` host prefix must
// not leave the loopback), into the bundle, through the importer and into the S3 exposure findings.
import { afterEach, describe, expect, it } from 'vitest';
import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { pullAccount, type PullProgressEvent } from '../../../main/aws/index';
import { createClientFactory, NotReadOnlyError } from '../../../main/aws/client-factory';
import { s3AccountPublicAccessBlockCollector } from '../../../main/aws/collectors/resources';
import { analyzeSnapshot, parseSnapshotText } from '../../../core/index';
import { smallAccount, type FakeAccount } from '../../fakes/aws/account';
import { startFakeAws, type FakeAws, type FakeScenario } from '../../fakes/aws/server';

const credentials = { accessKeyId: 'AKIAFAKEFAKEFAKE0002', secretAccessKey: 'fake-secret-s3control' };
const ACCOUNT = '111122223333';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function pull(account: FakeAccount, scenario: FakeScenario = {}, endpointSuffix = '') {
  fake = await startFakeAws(account, scenario);
  const events: PullProgressEvent[] = [];
  const result = await pullAccount({
    endpointUrl: fake.url + endpointSuffix,
    region: 'eu-west-1',
    credentials,
    pollIntervalMs: 1,
    maxAttempts: 3,
    onProgress: (event) => events.push(event),
  });
  return { ...result, events, fake };
}

/** The small account with a bucket policy open to everyone on `logs`. */
function publicBucketAccount(block?: Record<string, unknown>): FakeAccount {
  const account = smallAccount();
  const { accountPublicAccessBlock: _ignored, ...rest } = account;
  return {
    ...rest,
    ...(block ? { accountPublicAccessBlock: block } : {}),
    buckets: account.buckets.map((b) =>
      b.name === 'logs'
        ? {
            ...b,
            policy: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' },
              ],
            },
          }
        : b,
    ),
  };
}

describe('the account-level S3 public access block in the pull', () => {
  it('reads the setting with the account id, on the loopback endpoint, into the bundle', async () => {
    const { bundle, fake: server } = await pull(smallAccount());
    // The fake account leaves BlockPublicPolicy out of its answer: absent means off.
    expect(bundle.s3AccountPublicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: true,
    });
    expect(bundle.warnings).toEqual([]);
    const calls = server.calls.filter((c) => c.service === 's3control');
    expect(calls).toEqual([{ service: 's3control', operation: 'GetPublicAccessBlock', region: 'eu-west-1' }]);
    const request = server.raw.find((r) => r.includes('"x-amz-account-id"'));
    expect(request).toBeDefined();
    const headers = JSON.parse(request?.split('\n')[0] ?? '{}') as Record<string, string>;
    expect(headers['x-amz-account-id']).toBe(ACCOUNT);
    // No `111122223333.` in front of the host: the request went to the URL given.
    expect(headers['host']).toBe(new URL(server.url).host);
    expect(headers['authorization']).toMatch(/\/eu-west-1\/s3\/aws4_request/);
  });

  it('records an account without a configuration as blocking nothing, without a warning', async () => {
    const { bundle } = await pull(publicBucketAccount());
    expect(bundle.s3AccountPublicAccessBlock).toEqual({
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect(bundle.warnings).toEqual([]);
  });

  it('turns access denied into a warning, leaves the field out and goes on', async () => {
    const { bundle, events } = await pull(smallAccount(), { deny: ['s3control'] });
    expect(bundle.s3AccountPublicAccessBlock).toBeUndefined();
    expect(bundle.warnings).toEqual([
      's3.account-public-access-block: not collected: access denied (AccessDenied) (findings on public buckets then consider only the bucket-level blocks)',
    ]);
    expect(events).toContainEqual({
      kind: 'warning',
      collector: 's3.account-public-access-block',
      message: bundle.warnings[0],
    });
    expect(bundle.s3Buckets?.map((b) => b.bucket)).toEqual(['data', 'logs']);
    expect(bundle.resourcePolicies.some((p) => p.resource.includes(':kms:'))).toBe(true);
  });

  it('retries a throttled call and keeps the answer', async () => {
    const { bundle, events } = await pull(smallAccount(), {
      throttle: { 's3control:GetPublicAccessBlock': 1 },
    });
    expect(events.filter((e) => e.kind === 'retry')).toEqual([
      { kind: 'retry', service: 's3control', operation: 'GetPublicAccessBlock', attempt: 2 },
    ]);
    expect(bundle.s3AccountPublicAccessBlock?.RestrictPublicBuckets).toBe(true);
  });

  it('works with an endpoint URL that ends in a slash', async () => {
    const { bundle } = await pull(smallAccount(), {}, '/');
    expect(bundle.s3AccountPublicAccessBlock?.IgnorePublicAcls).toBe(true);
  });

  it('reports a malformed answer as such', async () => {
    fake = await startFakeAws(smallAccount(), { malformed: ['s3control'] });
    const error = await pullAccount({
      endpointUrl: fake.url,
      region: 'eu-west-1',
      credentials,
      pollIntervalMs: 1,
      collectors: [s3AccountPublicAccessBlockCollector],
    }).catch((e: unknown) => e);
    expect((error as { kind?: string }).kind).toBe('malformed');
    expect((error as Error).message).toMatch(/^s3\.account-public-access-block: malformed response from AWS/);
  });
});

describe('the S3 Control client of the factory', () => {
  it('refuses PutPublicAccessBlock before any request is made', async () => {
    fake = await startFakeAws(smallAccount());
    const factory = createClientFactory({ credentials, region: 'eu-west-1', endpointUrl: fake.url });
    const put = new PutPublicAccessBlockCommand({
      AccountId: ACCOUNT,
      PublicAccessBlockConfiguration: { RestrictPublicBuckets: false },
    });
    await expect(factory.client('s3control').send(put)).rejects.toThrow(NotReadOnlyError);
    expect(fake.calls).toEqual([]);
    factory.destroy();
  });
});

describe('a pulled bundle with the account block, imported and analysed', () => {
  function publicPolicyFinding(bundle: unknown) {
    const imported = parseSnapshotText('pull.json', JSON.stringify(bundle));
    if (imported.kind !== 'ok') throw new Error('import failed');
    const { findings } = analyzeSnapshot(imported.snapshot, {
      rules: ['resource.policy.public'],
      escalation: false,
    });
    return findings.filter((f) => f.resource === 'arn:aws:s3:::logs');
  }

  it('reports a public bucket as restricted when the account sets RestrictPublicBuckets', async () => {
    const { bundle } = await pull(publicBucketAccount({ RestrictPublicBuckets: true }));
    const [finding, ...rest] = publicPolicyFinding(bundle);
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('low');
    expect(finding?.evidence.values).toContainEqual([
      'blockPublicAccess',
      ['RestrictPublicBuckets (account)'],
    ]);
  });

  it('reports the same bucket as critical when the account block could not be read', async () => {
    const { bundle } = await pull(publicBucketAccount({ RestrictPublicBuckets: true }), {
      deny: ['s3control'],
    });
    const [finding] = publicPolicyFinding(bundle);
    expect(finding?.severity).toBe('critical');
  });
});
