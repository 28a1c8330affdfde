// pullAccount: the live read-only pull of one AWS account into SPEC.md's `ariadne.snapshot/v1` bundle.
// Node-only (the command line and the app's main process both use it); never imports electron.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createClientFactory, type ClientFactory } from './client-factory';
import { resolveCredentialProvider } from './credentials';
import { errorCode, PullError, toPullError } from './errors';
import type { AriadneBundle, Collector, CollectorContext, PullProgressEvent } from './collector';
import {
  iamAccountSettings,
  iamAuthorizationDetails,
  iamCredentialReport,
  iamIdentityProviders,
  iamVirtualMfaDevices,
} from './collectors/iam';
import { organizationsCollector } from './collectors/organizations';
import {
  ecrCollector,
  kmsCollector,
  lambdaCollector,
  s3AccountPublicAccessBlockCollector,
  s3Collector,
  secretsManagerCollector,
  snsCollector,
  sqsCollector,
} from './collectors/resources';

/** Every collector, in the order the pull runs them. */
export const COLLECTORS: readonly Collector[] = [
  iamAuthorizationDetails,
  iamCredentialReport,
  iamVirtualMfaDevices,
  iamIdentityProviders,
  iamAccountSettings,
  organizationsCollector,
  s3Collector,
  s3AccountPublicAccessBlockCollector,
  kmsCollector,
  lambdaCollector,
  sqsCollector,
  snsCollector,
  secretsManagerCollector,
  ecrCollector,
];

/** Options of one pull. */
export interface PullOptions {
  profile?: string;
  /** Home region (global services, and the default for regional collectors). */
  region?: string;
  /** Regions for regional resource policies; defaults to [region]. */
  regions?: string[];
  endpointUrl?: string;
  signal?: AbortSignal;
  onProgress?: (event: PullProgressEvent) => void;
  /** Fixed credentials (tests); otherwise the profile or the standard chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call for the SDK's adaptive retry (default 5). */
  maxAttempts?: number;
  /** Milliseconds a request may stay silent before it counts as a network failure (default 120 s). */
  requestTimeoutMs?: number;
  /** Milliseconds between credential-report polls (default 2000). */
  pollIntervalMs?: number;
  /** Collectors to run (default COLLECTORS). */
  collectors?: readonly Collector[];
  /** The tool name written in `source.tool`. */
  tool?: string;
}

/** The bundle plus what the pull cost. */
export interface PullResult {
  bundle: AriadneBundle;
  requests: number;
  retries: number;
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/** Pulls one account read-only; throws PullError with a one-line message when it cannot finish. */
export async function pullAccount(options: PullOptions): Promise<PullResult> {
  const progress = options.onProgress ?? (() => undefined);
  const homeRegion =
    options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const regions =
    options.regions && options.regions.length > 0 ? [...new Set(options.regions)] : [homeRegion];
  const factory: ClientFactory = createClientFactory({
    credentials: resolveCredentialProvider({
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
      region: homeRegion,
      ...(options.endpointUrl !== undefined ? { endpointUrl: options.endpointUrl } : {}),
    }),
    region: homeRegion,
    ...(options.endpointUrl !== undefined ? { endpointUrl: options.endpointUrl } : {}),
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    onRequest: (event) => {
      if (event.attempt > 1)
        progress({
          kind: 'retry',
          service: event.service,
          operation: event.operation,
          attempt: event.attempt,
        });
    },
  });
  const fail = (error: unknown, where: string): PullError =>
    toPullError(error, where, options.profile, options.signal);
  try {
    if (options.signal?.aborted) throw new PullError('cancelled', 'pull cancelled: nothing written');
    let identity;
    try {
      identity = await factory
        .client('sts')
        .send(new GetCallerIdentityCommand({}), options.signal ? { abortSignal: options.signal } : {});
    } catch (error) {
      throw fail(error, 'sts:GetCallerIdentity');
    }
    const accountId = identity.Account ?? '';
    const caller = identity.Arn ?? '';
    if (!/^\d{12}$/.test(accountId))
      throw new PullError('malformed', 'sts:GetCallerIdentity: malformed response from AWS: no account id');
    progress({ kind: 'identity', accountId, caller });
    const bundle: AriadneBundle = {
      format: 'ariadne.snapshot/v1',
      account: { id: accountId, partition: partitionOf(caller) },
      collectedAt: new Date().toISOString(),
      source: { kind: 'aws-pull', tool: options.tool ?? 'ariadne', caller, regions },
      authorizationDetails: { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      resourcePolicies: [],
      identityProviders: { saml: [], oidc: [] },
      warnings: [],
    };
    const base: CollectorContext = {
      factory,
      accountId,
      partition: bundle.account.partition,
      homeRegion,
      regions,
      ...(options.signal ? { signal: options.signal } : {}),
      bundle,
      progress,
      pollIntervalMs: options.pollIntervalMs ?? 2000,
    };
    for (const collector of options.collectors ?? COLLECTORS) {
      const runs = collector.scope === 'regional' ? regions.map((region) => ({ ...base, region })) : [base];
      for (const ctx of runs) {
        const region = ctx.region !== undefined ? { region: ctx.region } : {};
        progress({ kind: 'collector-start', collector: collector.id, ...region });
        try {
          const items = await collector.collect(ctx);
          progress({ kind: 'collector-done', collector: collector.id, ...region, items });
        } catch (error) {
          const pullError = fail(error, collector.id + (ctx.region ? ` (${ctx.region})` : ''));
          // An optional collector that is refused becomes a warning; everything else stops the pull.
          if (!collector.optional || pullError.kind !== 'access-denied') throw pullError;
          const hint = collector.deniedHint !== undefined ? ` (${collector.deniedHint})` : '';
          const message = `${pullError.message.split(': access denied')[0]}: not collected: access denied (${errorCode(error)})${hint}`;
          bundle.warnings.push(message);
          progress({ kind: 'warning', collector: collector.id, message });
        }
      }
    }
    progress({
      kind: 'done',
      requests: factory.requests,
      retries: factory.retries,
      warnings: bundle.warnings.length,
    });
    return { bundle, requests: factory.requests, retries: factory.retries };
  } catch (error) {
    throw fail(error, 'pull');
  } finally {
    factory.destroy();
  }
}
