// Rule resource.s3.acl-public: an S3 bucket ACL grants access to the AllUsers or
// AuthenticatedUsers group (from the bundle's `s3Buckets`, when the pull collected them). Pure:
// imports only core/model, core/policy and core/analyze.
//
// Amazon S3 "Access control list (ACL) overview", section "Amazon S3 predefined groups"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups):
// AllUsers is anyone in the world; AuthenticatedUsers is any AWS account. S3 Control API Reference
// "PublicAccessBlockConfiguration", IgnorePublicAcls
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PublicAccessBlockConfiguration.html):
// with it on, S3 ignores every public ACL of the account's buckets (bucket-level: of that bucket);
// "Blocking public access to your Amazon S3 storage": the most restrictive combination of the
// bucket's and the account's settings applies. Such a grant reaches no one today, so the finding is
// informational and names the setting: it stays listed because turning the setting off brings the
// grant back. BlockPublicAcls only refuses new public ACLs ("doesn't affect existing policies or
// ACLs"), so it changes nothing here.
import type { Finding, Rule } from '../../model/finding';
import { isJsonObject, ownValue } from '../../policy/normalize';
import { makeFinding } from '../finding-builder';
import { describeLevels, readS3BlockSettings } from './s3-block-public-access';

const GROUPS: Readonly<Record<string, string>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

/** The rule. */
export const rule: Rule = {
  id: 'resource.s3.acl-public',
  title: 'S3 bucket ACL grants public access',
  severity: 'high',
  description:
    "A bucket ACL in the bundle (`s3Buckets[].acl`) grants a permission to the `AllUsers` or `AuthenticatedUsers` group. When the bucket's or the account's Block Public Access (`s3AccountPublicAccessBlock`) sets `IgnorePublicAcls`, S3 ignores the grant: the finding is informational and names the setting.",
  remediation:
    'Remove the grant, turn on `IgnorePublicAcls` for the account (and `BlockPublicAcls` against new public ACLs), and prefer bucket owner enforced object ownership, which disables ACLs.',
  docs: [
    {
      title: 'Access control list (ACL) overview: Amazon S3 predefined groups',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
    },
    {
      title: 'PublicAccessBlockConfiguration (S3 Control API Reference): IgnorePublicAcls',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PublicAccessBlockConfiguration.html',
    },
  ],
  run(ctx) {
    const buckets = ownValue(ctx.snapshot.extra, 's3Buckets');
    if (!Array.isArray(buckets)) return [];
    const blocks = readS3BlockSettings(ctx.snapshot);
    const out: Finding[] = [];
    for (const b of buckets.slice(0, 100_000)) {
      if (!isJsonObject(b)) continue;
      const arn = ownValue(b, 'arn');
      const name = ownValue(b, 'bucket');
      const resource =
        typeof arn === 'string'
          ? arn
          : typeof name === 'string'
            ? `arn:${ctx.snapshot.account.partition || 'aws'}:s3:::${name}`
            : undefined;
      if (!resource) continue;
      const acl = ownValue(b, 'acl');
      const grants = isJsonObject(acl) ? ownValue(acl, 'Grants') : undefined;
      if (!Array.isArray(grants)) continue;
      const found: string[] = [];
      for (const g of grants) {
        if (!isJsonObject(g)) continue;
        const grantee = ownValue(g, 'Grantee');
        const uri = isJsonObject(grantee) ? ownValue(grantee, 'URI') : undefined;
        if (typeof uri !== 'string' || !Object.hasOwn(GROUPS, uri)) continue;
        const permission = ownValue(g, 'Permission');
        found.push(`${GROUPS[uri]}:${typeof permission === 'string' ? permission : '?'}`);
      }
      if (found.length === 0) continue;
      const title = `bucket ACL of \`${resource}\` grants ${found.map((f) => `\`${f}\``).join(', ')}`;
      // `s3Buckets` lists the snapshot account's own buckets (ListBuckets), so its account block applies.
      const ignored = blocks.levels('IgnorePublicAcls', resource);
      if (ignored.length === 0) {
        out.push(makeFinding(rule, { title, resource, values: [['grants', found.sort()]] }));
        continue;
      }
      out.push(
        makeFinding(rule, {
          title: `${title}, ignored by Block Public Access (${ignored.join(', ')})`,
          resource,
          severity: 'info',
          values: [
            ['grants', found.sort()],
            ['blockPublicAccess', describeLevels('IgnorePublicAcls', ignored)],
          ],
          remediation: `S3 ignores this grant while Block Public Access (${ignored.join(', ')}) sets \`IgnorePublicAcls\`; remove it so that turning the setting off does not make the bucket public, and prefer bucket owner enforced object ownership, which disables ACLs.`,
        }),
      );
    }
    return out;
  },
};
