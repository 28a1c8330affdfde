// The one place AWS SDK clients are made: shared credentials, region, endpoint, adaptive retry, and the
// read-only allow-list middleware that rejects any command not in READ_ONLY_OPERATIONS before it is sent.
// Node-only; never imports electron.
import { STSClient } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ECRClient } from '@aws-sdk/client-ecr';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  EndpointParameters,
  EndpointV2,
  MiddlewareStack,
} from '@smithy/types';
import { isReadOnlyOperation, type AwsServiceId } from './read-only-operations';

/** The SDK client class of each service. */
export interface ClientsByService {
  sts: STSClient;
  iam: IAMClient;
  organizations: OrganizationsClient;
  s3: S3Client;
  s3control: S3ControlClient;
  kms: KMSClient;
  lambda: LambdaClient;
  sqs: SQSClient;
  sns: SNSClient;
  secretsmanager: SecretsManagerClient;
  ecr: ECRClient;
}

/** One HTTP attempt seen by the factory's clients (attempt > 1 is a retry by the SDK). */
export interface RequestEvent {
  service: AwsServiceId;
  operation: string;
  attempt: number;
}

/** Options shared by every client the factory makes. */
export interface ClientFactoryOptions {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region: string;
  /** Points every client at this URL (AWS-compatible endpoints, local test servers). */
  endpointUrl?: string;
  /** Attempts per call, first one included, for the SDK's adaptive retry. */
  maxAttempts?: number;
  /** Milliseconds a request may stay silent before it fails as a network error (default 120 s). */
  requestTimeoutMs?: number;
  onRequest?: (event: RequestEvent) => void;
}

/** Raised when a command outside the allow-list is sent through a factory-made client. */
export class NotReadOnlyError extends Error {
  override readonly name = 'NotReadOnlyError';
}

/** Makes (and caches) one client per service and region. */
export interface ClientFactory {
  client<S extends AwsServiceId>(service: S, region?: string): ClientsByService[S];
  /** HTTP attempts made so far, retries included. */
  readonly requests: number;
  /** Retries made so far by the SDK. */
  readonly retries: number;
  destroy(): void;
}

type AnyClientConfig = {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  retryMode: string;
  forcePathStyle?: boolean;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
};

const constructors: { [S in AwsServiceId]: new (config: AnyClientConfig) => ClientsByService[S] } = {
  sts: STSClient,
  iam: IAMClient,
  organizations: OrganizationsClient,
  s3: S3Client,
  s3control: S3ControlClient,
  kms: KMSClient,
  lambda: LambdaClient,
  sqs: SQSClient,
  sns: SNSClient,
  secretsmanager: SecretsManagerClient,
  ecr: ECRClient,
};

/** A host that resolves nowhere, given to the S3 Control endpoint rules in place of the custom endpoint. */
const PLACEHOLDER_ENDPOINT = 'https://ariadne-endpoint.invalid';

type EndpointProvider = (params: EndpointParameters, context?: { logger?: unknown }) => EndpointV2;

/**
 * S3 Control's endpoint rules put the account id in front of the host, custom endpoints included
 * (`http://111122223333.127.0.0.1:4566/`: not even a valid URL for an IP address). With `--endpoint-url`
 * "every client at one URL" must hold, so the rules run on a placeholder host (keeping their path,
 * headers and signing properties: service `s3`, the region) and the URL given replaces its origin;
 * the account still travels in the `x-amz-account-id` header.
 */
function atEndpointUrl(resolve: EndpointProvider, endpointUrl: string): EndpointProvider {
  const base = new URL(endpointUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return (params, context) => {
    const resolved = resolve({ ...params, Endpoint: PLACEHOLDER_ENDPOINT }, context);
    const url = new URL(base.origin);
    const path = resolved.url.pathname === '/' ? '' : resolved.url.pathname;
    url.pathname = prefix + path || '/';
    url.search = resolved.url.search;
    return { ...resolved, url };
  };
}

function attemptOf(headers: unknown): number {
  if (typeof headers !== 'object' || headers === null) return 1;
  const value = (headers as Record<string, unknown>)['amz-sdk-request'];
  if (typeof value !== 'string') return 1;
  const match = /attempt=(\d+)/.exec(value);
  return match?.[1] ? Number(match[1]) : 1;
}

/** Creates the client factory every AWS call of the pull goes through. */
export function createClientFactory(options: ClientFactoryOptions): ClientFactory {
  const cache = new Map<string, ClientsByService[AwsServiceId]>();
  let requests = 0;
  let retries = 0;

  function install(service: AwsServiceId, stack: MiddlewareStack<object, object>): void {
    // INVARIANT: the allow-list is checked at the first step, before serialisation and signing, so a
    // command that is not listed never becomes a request.
    stack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        if (!isReadOnlyOperation(service, operation)) {
          throw new NotReadOnlyError(
            `aws client: \`${service}:${operation}\` is not on the read-only allow-list`,
          );
        }
        return next(args);
      },
      { step: 'initialize', priority: 'high', name: 'ariadneReadOnlyAllowList' },
    );
    // Inside the SDK's retry loop (finalizeRequest, low priority): sees every attempt.
    stack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        const request = (args as { request?: { headers?: unknown } }).request;
        const attempt = attemptOf(request?.headers);
        requests += 1;
        if (attempt > 1) retries += 1;
        options.onRequest?.({ service, operation, attempt });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'ariadneRequestCounter' },
    );
  }

  return {
    client<S extends AwsServiceId>(service: S, region?: string): ClientsByService[S] {
      const where = region ?? options.region;
      const key = `${service}:${where}`;
      const cached = cache.get(key);
      if (cached) return cached as ClientsByService[S];
      const config: AnyClientConfig = {
        region: where,
        credentials: options.credentials,
        maxAttempts: options.maxAttempts ?? 5,
        retryMode: 'adaptive',
        // Without timeouts a silent connection would hang the pull for ever.
        requestHandler: {
          connectionTimeout: 10_000,
          requestTimeout: options.requestTimeoutMs ?? 120_000,
          throwOnRequestTimeout: true,
        },
      };
      if (options.endpointUrl !== undefined) {
        config.endpoint = options.endpointUrl;
        // One URL for every bucket: path-style addressing, not bucket.host.
        if (service === 's3') config.forcePathStyle = true;
      }
      const Ctor = constructors[service] as new (config: AnyClientConfig) => ClientsByService[S];
      const client = new Ctor(config);
      if (service === 's3control' && options.endpointUrl !== undefined) {
        // INVARIANT: the SDK reads `config.endpointProvider` for each request (endpoint middleware), so
        // replacing it on the resolved config applies to every command of this client.
        const resolved = client.config as unknown as { endpointProvider: EndpointProvider };
        resolved.endpointProvider = atEndpointUrl(resolved.endpointProvider, options.endpointUrl);
      }
      install(service, client.middlewareStack as unknown as MiddlewareStack<object, object>);
      cache.set(key, client);
      return client;
    },
    get requests() {
      return requests;
    },
    get retries() {
      return retries;
    },
    destroy() {
      for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
}
