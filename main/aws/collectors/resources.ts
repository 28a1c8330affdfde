// Resource-policy collectors, one per service: S3 (policy, ACL, public access block; the account's
// public access block through S3 Control), KMS, Lambda, SQS, SNS, Secrets Manager and ECR.
// Node-only; never imports electron.
import {
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { GetKeyPolicyCommand, paginateListKeys } from '@aws-sdk/client-kms';
import { GetPolicyCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, paginateListQueues } from '@aws-sdk/client-sqs';
import { GetTopicAttributesCommand, paginateListTopics } from '@aws-sdk/client-sns';
import { GetResourcePolicyCommand, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import { GetRepositoryPolicyCommand, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { errorCode, isAccessDenied } from '../errors';
import {
  mapLimit,
  parsePolicyText,
  sendOptions,
  type Collector,
  type CollectorContext,
  type ResourcePolicyEntry,
  type S3AccountPublicAccessBlock,
  type S3BucketEntry,
} from '../collector';

const CONCURRENCY = 6;

/**
 * Fetches the policies of each listed resource. `notFound` codes mean "no policy"; access denied on
 * single resources is summed into one warning so the collector goes on.
 */
async function perResource<T>(
  ctx: CollectorContext,
  id: string,
  items: readonly T[],
  notFound: readonly string[],
  fetch: (item: T) => Promise<ResourcePolicyEntry[]>,
): Promise<number> {
  let denied = 0;
  let deniedCode = '';
  const found = await mapLimit(items, CONCURRENCY, async (item) => {
    try {
      return await fetch(item);
    } catch (error) {
      const code = errorCode(error);
      if (notFound.includes(code)) return [];
      if (isAccessDenied(error)) {
        denied += 1;
        deniedCode = code;
        return [];
      }
      throw error;
    }
  });
  if (denied > 0) {
    const message = `${id}${ctx.region ? ` (${ctx.region})` : ''}: ${denied} of ${items.length} resources not read: access denied (${deniedCode})`;
    ctx.bundle.warnings.push(message);
    ctx.progress({ kind: 'warning', collector: id, message });
  }
  let count = 0;
  for (const entries of found) {
    for (const entry of entries) {
      ctx.bundle.resourcePolicies.push(entry);
      count += 1;
    }
  }
  return count;
}

function entry(ctx: CollectorContext, resource: string, policy: unknown): ResourcePolicyEntry {
  return { resource, account: ctx.accountId, policy, ...(ctx.region ? { region: ctx.region } : {}) };
}

/** S3 bucket policies, bucket ACLs and bucket public access blocks (bucket listing is global). */
export const s3Collector: Collector = {
  id: 's3',
  service: 's3',
  optional: true,
  scope: 'global',
  async collect(ctx) {
    const lister = ctx.factory.client('s3', ctx.homeRegion);
    const buckets: { name: string; region: string }[] = [];
    for await (const page of paginateListBuckets({ client: lister }, {}, sendOptions(ctx))) {
      for (const bucket of page.Buckets ?? []) {
        if (bucket.Name) buckets.push({ name: bucket.Name, region: bucket.BucketRegion ?? ctx.homeRegion });
      }
    }
    const settings: S3BucketEntry[] = [];
    ctx.bundle.s3Buckets = settings;
    const count = await perResource(ctx, this.id, buckets, ['NoSuchBucket'], async (bucket) => {
      const client = ctx.factory.client('s3', bucket.region);
      const arn = `arn:${ctx.partition}:s3:::${bucket.name}`;
      const result: ResourcePolicyEntry[] = [];
      try {
        const policy = await client.send(
          new GetBucketPolicyCommand({ Bucket: bucket.name }),
          sendOptions(ctx),
        );
        if (policy.Policy !== undefined)
          result.push({
            resource: arn,
            account: ctx.accountId,
            policy: parsePolicyText(policy.Policy),
            region: bucket.region,
          });
      } catch (error) {
        if (errorCode(error) !== 'NoSuchBucketPolicy') throw error;
      }
      const setting: S3BucketEntry = { bucket: bucket.name, arn, region: bucket.region };
      const acl = await client.send(new GetBucketAclCommand({ Bucket: bucket.name }), sendOptions(ctx));
      setting.acl = { Owner: acl.Owner, Grants: acl.Grants ?? [] };
      try {
        const block = await client.send(
          new GetPublicAccessBlockCommand({ Bucket: bucket.name }),
          sendOptions(ctx),
        );
        setting.publicAccessBlock = block.PublicAccessBlockConfiguration ?? {};
      } catch (error) {
        if (errorCode(error) !== 'NoSuchPublicAccessBlockConfiguration') throw error;
      }
      settings.push(setting);
      return result;
    });
    settings.sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
    return count + settings.length;
  },
};

/**
 * The account-level S3 Block Public Access settings. Amazon S3 "Blocking public access to your Amazon
 * S3 storage": S3 applies the most restrictive combination of the bucket's and the bucket owner's
 * account's settings, so a bucket-level block alone does not say whether a bucket is public.
 */
export const s3AccountPublicAccessBlockCollector: Collector = {
  id: 's3.account-public-access-block',
  service: 's3control',
  optional: true,
  scope: 'global',
  deniedHint: 'findings on public buckets then consider only the bucket-level blocks',
  async collect(ctx) {
    const client = ctx.factory.client('s3control', ctx.homeRegion);
    let configuration: Record<string, unknown> = {};
    try {
      const answer = await client.send(
        new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId }),
        sendOptions(ctx),
      );
      configuration = { ...answer.PublicAccessBlockConfiguration };
    } catch (error) {
      // "GetPublicAccessBlock" (S3 Control API Reference): this error means the account has no
      // configuration, which blocks nothing.
      if (errorCode(error) !== 'NoSuchPublicAccessBlockConfiguration') throw error;
    }
    const setting = (key: keyof S3AccountPublicAccessBlock): boolean =>
      Object.hasOwn(configuration, key) && configuration[key] === true;
    ctx.bundle.s3AccountPublicAccessBlock = {
      BlockPublicAcls: setting('BlockPublicAcls'),
      IgnorePublicAcls: setting('IgnorePublicAcls'),
      BlockPublicPolicy: setting('BlockPublicPolicy'),
      RestrictPublicBuckets: setting('RestrictPublicBuckets'),
    };
    return 1;
  },
};

/** KMS key policies (the `default` policy, the only name KMS supports). */
export const kmsCollector: Collector = {
  id: 'kms',
  service: 'kms',
  optional: true,
  scope: 'regional',
  async collect(ctx) {
    const client = ctx.factory.client('kms', ctx.region);
    const keys: { id: string; arn: string }[] = [];
    for await (const page of paginateListKeys({ client }, {}, sendOptions(ctx))) {
      for (const key of page.Keys ?? [])
        if (key.KeyId) keys.push({ id: key.KeyId, arn: key.KeyArn ?? key.KeyId });
    }
    return perResource(ctx, this.id, keys, ['NotFoundException'], async (key) => {
      const policy = await client.send(
        new GetKeyPolicyCommand({ KeyId: key.id, PolicyName: 'default' }),
        sendOptions(ctx),
      );
      return policy.Policy !== undefined ? [entry(ctx, key.arn, parsePolicyText(policy.Policy))] : [];
    });
  },
};

/** Lambda function policies. */
export const lambdaCollector: Collector = {
  id: 'lambda',
  service: 'lambda',
  optional: true,
  scope: 'regional',
  async collect(ctx) {
    const client = ctx.factory.client('lambda', ctx.region);
    const functions: { name: string; arn: string }[] = [];
    for await (const page of paginateListFunctions({ client }, {}, sendOptions(ctx))) {
      for (const fn of page.Functions ?? [])
        if (fn.FunctionName)
          functions.push({ name: fn.FunctionName, arn: fn.FunctionArn ?? fn.FunctionName });
    }
    return perResource(ctx, this.id, functions, ['ResourceNotFoundException'], async (fn) => {
      const policy = await client.send(new GetPolicyCommand({ FunctionName: fn.name }), sendOptions(ctx));
      return policy.Policy !== undefined ? [entry(ctx, fn.arn, parsePolicyText(policy.Policy))] : [];
    });
  },
};

/** SQS queue policies. */
export const sqsCollector: Collector = {
  id: 'sqs',
  service: 'sqs',
  optional: true,
  scope: 'regional',
  async collect(ctx) {
    const client = ctx.factory.client('sqs', ctx.region);
    const urls: string[] = [];
    for await (const page of paginateListQueues({ client }, {}, sendOptions(ctx)))
      urls.push(...(page.QueueUrls ?? []));
    return perResource(
      ctx,
      this.id,
      urls,
      ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'],
      async (url) => {
        const attributes = await client.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'QueueArn'] }),
          sendOptions(ctx),
        );
        const policy = attributes.Attributes?.['Policy'];
        return policy !== undefined
          ? [entry(ctx, attributes.Attributes?.['QueueArn'] ?? url, parsePolicyText(policy))]
          : [];
      },
    );
  },
};

/** SNS topic policies. */
export const snsCollector: Collector = {
  id: 'sns',
  service: 'sns',
  optional: true,
  scope: 'regional',
  async collect(ctx) {
    const client = ctx.factory.client('sns', ctx.region);
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client }, {}, sendOptions(ctx))) {
      for (const topic of page.Topics ?? []) if (topic.TopicArn) arns.push(topic.TopicArn);
    }
    return perResource(ctx, this.id, arns, ['NotFound', 'NotFoundException'], async (arn) => {
      const attributes = await client.send(
        new GetTopicAttributesCommand({ TopicArn: arn }),
        sendOptions(ctx),
      );
      const policy = attributes.Attributes?.['Policy'];
      return policy !== undefined ? [entry(ctx, arn, parsePolicyText(policy))] : [];
    });
  },
};

/** Secrets Manager resource policies. */
export const secretsManagerCollector: Collector = {
  id: 'secretsmanager',
  service: 'secretsmanager',
  optional: true,
  scope: 'regional',
  async collect(ctx) {
    const client = ctx.factory.client('secretsmanager', ctx.region);
    const arns: string[] = [];
    for await (const page of paginateListSecrets({ client }, {}, sendOptions(ctx))) {
      for (const secret of page.SecretList ?? []) if (secret.ARN) arns.push(secret.ARN);
    }
    return perResource(ctx, this.id, arns, ['ResourceNotFoundException'], async (arn) => {
      const policy = await client.send(new GetResourcePolicyCommand({ SecretId: arn }), sendOptions(ctx));
      return policy.ResourcePolicy !== undefined
        ? [entry(ctx, arn, parsePolicyText(policy.ResourcePolicy))]
        : [];
    });
  },
};

/** ECR repository policies. */
export const ecrCollector: Collector = {
  id: 'ecr',
  service: 'ecr',
  optional: true,
  scope: 'regional',
  async collect(ctx) {
    const client = ctx.factory.client('ecr', ctx.region);
    const repositories: { name: string; arn: string; registryId?: string }[] = [];
    for await (const page of paginateDescribeRepositories({ client }, {}, sendOptions(ctx))) {
      for (const repo of page.repositories ?? []) {
        if (repo.repositoryName) {
          repositories.push({
            name: repo.repositoryName,
            arn: repo.repositoryArn ?? repo.repositoryName,
            ...(repo.registryId ? { registryId: repo.registryId } : {}),
          });
        }
      }
    }
    return perResource(
      ctx,
      this.id,
      repositories,
      ['RepositoryPolicyNotFoundException', 'RepositoryNotFoundException'],
      async (repo) => {
        const input = {
          repositoryName: repo.name,
          ...(repo.registryId ? { registryId: repo.registryId } : {}),
        };
        const policy = await client.send(new GetRepositoryPolicyCommand(input), sendOptions(ctx));
        return policy.policyText !== undefined
          ? [entry(ctx, repo.arn, parsePolicyText(policy.policyText))]
          : [];
      },
    );
  },
};
