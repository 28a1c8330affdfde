// The S3 exposure rules and Block Public Access: a public bucket policy or ACL is reported at full
// severity unless RestrictPublicBuckets (policies) or IgnorePublicAcls (ACLs) is on for the bucket
// or its account, and then at lower severity with the setting named in the evidence.
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '../../../core/analyze/index';
import type { Finding } from '../../../core/model/finding';
import { bucketArnOf } from '../../../core/analyze/rules/s3-block-public-access';
import { ACCOUNT, doc, snapshotOf, type BundleParts } from './helpers';

const PUBLIC_READ = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const ALL_USERS_READ = {
  Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
  Permission: 'READ',
};

function bucketPolicy(account: string = ACCOUNT, resource = 'arn:aws:s3:::b') {
  return [{ resource, account, policy: doc(PUBLIC_READ) }];
}

function bucket(extra: Record<string, unknown> = {}) {
  return {
    bucket: 'b',
    arn: 'arn:aws:s3:::b',
    region: 'eu-west-1',
    acl: { Grants: [ALL_USERS_READ] },
    ...extra,
  };
}

function findings(rule: string, parts: BundleParts): readonly Finding[] {
  return analyzeSnapshot(snapshotOf(parts), { rules: [rule], escalation: false }).findings;
}

function values(finding: Finding | undefined): Record<string, unknown> {
  return Object.fromEntries(finding?.evidence.values ?? []);
}

describe('resource.policy.public on S3 buckets and Block Public Access', () => {
  it('is critical for a public bucket policy when no block is set', () => {
    const [finding, ...rest] = findings('resource.policy.public', { resourcePolicies: bucketPolicy() });
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('critical');
    expect(values(finding)).not.toHaveProperty('blockPublicAccess');
  });

  it('is low and names the account setting when the account restricts public buckets', () => {
    const [finding] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy(),
      s3AccountPublicAccessBlock: { RestrictPublicBuckets: true },
    });
    expect(finding?.severity).toBe('low');
    expect(finding?.title).toBe(
      '`arn:aws:s3:::b` allows `s3:GetObject` to everyone, restricted to the account by Block Public Access (account)',
    );
    expect(values(finding)['blockPublicAccess']).toEqual(['RestrictPublicBuckets (account)']);
    expect(finding?.remediation).toMatch(/every principal of the account/);
    expect(finding?.evidence.statements).toHaveLength(1);
  });

  it('keeps the same finding id whether or not the bucket is restricted', () => {
    const [open] = findings('resource.policy.public', { resourcePolicies: bucketPolicy() });
    const [restricted] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy(),
      s3AccountPublicAccessBlock: { RestrictPublicBuckets: true },
    });
    expect(restricted?.id).toBe(open?.id);
  });

  it('is low when only the bucket restricts public buckets, and names both levels when both do', () => {
    const [bucketOnly] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy(),
      s3Buckets: [bucket({ publicAccessBlock: { RestrictPublicBuckets: true } })],
    });
    expect(bucketOnly?.severity).toBe('low');
    expect(values(bucketOnly)['blockPublicAccess']).toEqual(['RestrictPublicBuckets (bucket)']);
    const [both] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy(),
      s3Buckets: [bucket({ publicAccessBlock: { RestrictPublicBuckets: true } })],
      s3AccountPublicAccessBlock: { RestrictPublicBuckets: true, BlockPublicPolicy: true },
    });
    expect(values(both)['blockPublicAccess']).toEqual([
      'RestrictPublicBuckets (account)',
      'RestrictPublicBuckets (bucket)',
    ]);
  });

  it('stays critical when the account only blocks new public policies or ignores public ACLs', () => {
    const [finding] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy(),
      s3AccountPublicAccessBlock: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: false,
      },
    });
    expect(finding?.severity).toBe('critical');
  });

  it("does not apply the account's block to a bucket owned by another account", () => {
    const [finding] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy('999999999999'),
      s3AccountPublicAccessBlock: { RestrictPublicBuckets: true },
    });
    expect(finding?.severity).toBe('critical');
  });

  it('does not apply S3 Block Public Access to other services', () => {
    const [finding] = findings('resource.policy.public', {
      resourcePolicies: [
        {
          resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`,
          account: ACCOUNT,
          policy: doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }),
        },
      ],
      s3AccountPublicAccessBlock: { RestrictPublicBuckets: true },
    });
    expect(finding?.severity).toBe('critical');
  });

  it('ignores a malformed account block (the importer leaves it out), so the bucket stays critical', () => {
    const [finding] = findings('resource.policy.public', {
      resourcePolicies: bucketPolicy(),
      s3AccountPublicAccessBlock: { RestrictPublicBuckets: 'true' },
    });
    expect(finding?.severity).toBe('critical');
  });
});

describe('resource.s3.acl-public and Block Public Access', () => {
  it('is high for a public ACL when no block is set', () => {
    const [finding] = findings('resource.s3.acl-public', { s3Buckets: [bucket()] });
    expect(finding?.severity).toBe('high');
    expect(values(finding)).not.toHaveProperty('blockPublicAccess');
  });

  it('is informational and names the account setting when the account ignores public ACLs', () => {
    const [finding] = findings('resource.s3.acl-public', {
      s3Buckets: [bucket()],
      s3AccountPublicAccessBlock: { IgnorePublicAcls: true },
    });
    expect(finding?.severity).toBe('info');
    expect(finding?.title).toBe(
      'bucket ACL of `arn:aws:s3:::b` grants `AllUsers:READ`, ignored by Block Public Access (account)',
    );
    expect(values(finding)['blockPublicAccess']).toEqual(['IgnorePublicAcls (account)']);
    expect(values(finding)['grants']).toEqual(['AllUsers:READ']);
  });

  it('is informational when the bucket itself ignores public ACLs', () => {
    const [finding] = findings('resource.s3.acl-public', {
      s3Buckets: [bucket({ publicAccessBlock: { IgnorePublicAcls: true } })],
    });
    expect(finding?.severity).toBe('info');
    expect(values(finding)['blockPublicAccess']).toEqual(['IgnorePublicAcls (bucket)']);
  });

  it('stays high when the account only blocks new public ACLs or restricts public policies', () => {
    const [finding] = findings('resource.s3.acl-public', {
      s3Buckets: [bucket()],
      s3AccountPublicAccessBlock: { BlockPublicAcls: true, RestrictPublicBuckets: true },
    });
    expect(finding?.severity).toBe('high');
  });
});

describe('bucketArnOf', () => {
  it('recognises bucket ARNs only', () => {
    expect(bucketArnOf('arn:aws:s3:::b')).toBe('arn:aws:s3:::b');
    expect(bucketArnOf('arn:aws-cn:s3:::b')).toBe('arn:aws-cn:s3:::b');
    expect(bucketArnOf('arn:aws:s3:::b/key')).toBeUndefined();
    expect(bucketArnOf('arn:aws:s3:::')).toBeUndefined();
    expect(bucketArnOf('arn:aws:s3:eu-west-1:111111111111:accesspoint/ap')).toBeUndefined();
    expect(bucketArnOf('arn:aws:sqs:eu-west-1:111111111111:q')).toBeUndefined();
  });
});
