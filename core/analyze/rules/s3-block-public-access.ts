// Reads the S3 Block Public Access settings a bundle carries (the account's
// `s3AccountPublicAccessBlock`, each bucket's `s3Buckets[].publicAccessBlock`) for the S3 exposure
// rules. Not a rule itself. Pure: imports only core/model and core/policy.
//
// Amazon S3 "Blocking public access to your Amazon S3 storage"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html):
// S3 checks the settings of the bucket and of the bucket owner's account and applies the most
// restrictive combination, so a setting on at either level is in force for the bucket.
import type { Snapshot } from '../../model/snapshot';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK } from '../../model/snapshot';
import { isJsonObject, ownValue } from '../../policy/normalize';

/** The two settings that take effect on policies and ACLs already in place. */
export type S3BlockSetting = 'RestrictPublicBuckets' | 'IgnorePublicAcls';

/** Where a setting is on. */
export type S3BlockLevel = 'account' | 'bucket';

/** Upper bound on the buckets read from a bundle. */
const MAX_BUCKETS = 100_000;

/** The Block Public Access settings of one snapshot, read once per rule run. */
export interface S3BlockSettings {
  /** The levels (`account`, `bucket`) at which `setting` is on for the bucket `bucketArn`. */
  levels(setting: S3BlockSetting, bucketArn: string, owner?: string): S3BlockLevel[];
}

function isOn(block: unknown, setting: S3BlockSetting): boolean {
  return isJsonObject(block) && ownValue(block, setting) === true;
}

/** The bucket ARN of `resource` when it names a bucket (`arn:<partition>:s3:::<name>`), else undefined. */
export function bucketArnOf(resource: string): string | undefined {
  const parts = resource.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 's3' || parts[3] !== '' || parts[4] !== '')
    return undefined;
  const name = parts[5] ?? '';
  return name === '' || name.includes('/') ? undefined : resource;
}

/**
 * Reads the account's and the buckets' settings from `snapshot.extra`. Only `true` counts as on: a
 * malformed or missing setting blocks nothing, so a doubtful bundle never hides an exposure.
 */
export function readS3BlockSettings(snapshot: Snapshot): S3BlockSettings {
  const account = ownValue(snapshot.extra, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK);
  const byArn = new Map<string, unknown>();
  const buckets = ownValue(snapshot.extra, 's3Buckets');
  if (Array.isArray(buckets)) {
    for (const b of buckets.slice(0, MAX_BUCKETS)) {
      if (!isJsonObject(b)) continue;
      const arn = ownValue(b, 'arn');
      const name = ownValue(b, 'bucket');
      const key =
        typeof arn === 'string'
          ? arn
          : typeof name === 'string'
            ? `arn:${snapshot.account.partition || 'aws'}:s3:::${name}`
            : undefined;
      if (key !== undefined && !byArn.has(key)) byArn.set(key, ownValue(b, 'publicAccessBlock'));
    }
  }
  return {
    levels(setting, bucketArn, owner) {
      const out: S3BlockLevel[] = [];
      // The account block read by the pull is the snapshot account's: it governs only its buckets.
      const ownBucket = owner === undefined || owner === snapshot.account.id;
      if (ownBucket && isOn(account, setting)) out.push('account');
      if (isOn(byArn.get(bucketArn), setting)) out.push('bucket');
      return out;
    },
  };
}

/** How evidence names the settings in force: `RestrictPublicBuckets (account)`. */
export function describeLevels(setting: S3BlockSetting, levels: readonly S3BlockLevel[]): string[] {
  return levels.map((level) => `${setting} (${level})`);
}
