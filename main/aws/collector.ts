// The collector interface (one collector per service) and the bundle draft they fill.
// Node-only; never imports electron.
import type { ClientFactory } from './client-factory';
import type { AwsServiceId } from './read-only-operations';

/** One resource-based policy, as SPEC.md's bundle lists it. */
export interface ResourcePolicyEntry {
  resource: string;
  account: string;
  policy: unknown;
  region?: string;
}

/** S3 bucket settings that are not IAM policy documents (an extra bundle field, kept by importers). */
export interface S3BucketEntry {
  bucket: string;
  arn: string;
  region: string;
  acl?: { Owner?: unknown; Grants: unknown[] };
  /** Absent when the bucket has no public access block configuration. */
  publicAccessBlock?: unknown;
}

/**
 * The account-level S3 Block Public Access settings (S3 Control GetPublicAccessBlock), each one
 * `false` when the account has no configuration or leaves it unset.
 */
export interface S3AccountPublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

/** One level of the account's organisation path (root first). */
export interface OrganizationLevel {
  id: string;
  name: string;
  scps: { name: string; id?: string; document: unknown }[];
  rcps: { name: string; id?: string; document: unknown }[];
}

/** SPEC.md's `ariadne.snapshot/v1` bundle, as the pull writes it. */
export interface AriadneBundle {
  format: 'ariadne.snapshot/v1';
  account: { id: string; alias?: string; partition: string };
  collectedAt: string;
  source: { kind: 'aws-pull'; tool: string; caller?: string; regions?: string[] };
  authorizationDetails: {
    UserDetailList: unknown[];
    GroupDetailList: unknown[];
    RoleDetailList: unknown[];
    Policies: unknown[];
  };
  resourcePolicies: ResourcePolicyEntry[];
  organization?: { id: string; managementAccountId: string; path: OrganizationLevel[] };
  identityProviders: {
    saml: { arn: string; metadata?: string; validUntil?: string }[];
    oidc: { arn: string; url?: string; clientIds: string[]; thumbprints: string[] }[];
  };
  s3Buckets?: S3BucketEntry[];
  /** Absent when not collected (a warning says why); all `false` when the account sets none. */
  s3AccountPublicAccessBlock?: S3AccountPublicAccessBlock;
  virtualMfaDevices?: { serialNumber: string; user?: string; enableDate?: string }[];
  credentialReport?: string;
  passwordPolicy?: unknown;
  accountSummary?: Record<string, number>;
  accountAliases?: string[];
  warnings: string[];
}

/** What the pull reports while it runs. */
export type PullProgressEvent =
  | { kind: 'identity'; accountId: string; caller: string }
  | { kind: 'collector-start'; collector: string; region?: string }
  | { kind: 'collector-done'; collector: string; region?: string; items: number }
  | { kind: 'warning'; collector: string; message: string }
  | { kind: 'page'; collector: string; page: number }
  | { kind: 'retry'; service: string; operation: string; attempt: number }
  | { kind: 'done'; requests: number; retries: number; warnings: number };

/** What a collector gets to work with. */
export interface CollectorContext {
  factory: ClientFactory;
  accountId: string;
  partition: string;
  /** The region of global services (IAM, Organizations, S3 listing). */
  homeRegion: string;
  /** The regions chosen for regional resource policies. */
  regions: string[];
  /** The region a regional collector runs in. */
  region?: string;
  signal?: AbortSignal;
  bundle: AriadneBundle;
  progress: (event: PullProgressEvent) => void;
  /** Milliseconds between polls of the credential report. */
  pollIntervalMs: number;
}

/** One source of data for the bundle; an optional collector that is denied becomes a warning. */
export interface Collector {
  id: string;
  service: AwsServiceId;
  optional: boolean;
  /** `regional` collectors run once per chosen region, with `ctx.region` set. */
  scope: 'global' | 'regional';
  /** Added to the warning when the collector is refused: where the data can be read instead. */
  deniedHint?: string;
  /** Returns the number of items collected. */
  collect(ctx: CollectorContext): Promise<number>;
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Parses a policy document as AWS returns it (JSON, possibly URL-encoded); keeps the text when it is not JSON. */
export function parsePolicyText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(text));
    } catch {
      return text;
    }
  }
}

/** The options every SDK send of a collector carries (cancellation). */
export function sendOptions(ctx: CollectorContext): { abortSignal?: AbortSignal } {
  return ctx.signal ? { abortSignal: ctx.signal } : {};
}
