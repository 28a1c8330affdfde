// Rule resource.s3.acl-public: an S3 bucket ACL grants access to the AllUsers or
// AuthenticatedUsers group (from the bundle's `s3Buckets`, when the pull collected them). Pure:
// imports only core/model and core/analyze.
//
// Amazon S3 "Access control list (ACL) overview", section "Amazon S3 predefined groups"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups):
// AllUsers is anyone in the world; AuthenticatedUsers is any AWS account. "Blocking public
// access": `IgnorePublicAcls` makes S3 ignore such grants.
import type { Finding, Rule } from '../../model/finding';
import { isJsonObject, ownValue } from '../../policy/normalize';
import { makeFinding } from '../finding-builder';

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
    "A bucket ACL in the bundle (`s3Buckets[].acl`) grants a permission to the `AllUsers` or `AuthenticatedUsers` group and the bucket's public access block does not set `IgnorePublicAcls`.",
  remediation:
    'Remove the grant (or turn on `IgnorePublicAcls`/`BlockPublicAcls`), and prefer bucket owner enforced object ownership, which disables ACLs.',
  docs: [
    {
      title: 'Access control list (ACL) overview: Amazon S3 predefined groups',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
    },
  ],
  run(ctx) {
    const buckets = ownValue(ctx.snapshot.extra, 's3Buckets');
    if (!Array.isArray(buckets)) return [];
    const out: Finding[] = [];
    for (const b of buckets.slice(0, 100_000)) {
      if (!isJsonObject(b)) continue;
      const arn = ownValue(b, 'arn');
      const name = ownValue(b, 'bucket');
      const resource =
        typeof arn === 'string' ? arn : typeof name === 'string' ? `arn:aws:s3:::${name}` : undefined;
      if (!resource) continue;
      const pab = ownValue(b, 'publicAccessBlock');
      if (isJsonObject(pab) && ownValue(pab, 'IgnorePublicAcls') === true) continue;
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
      out.push(
        makeFinding(rule, {
          title: `bucket ACL of \`${resource}\` grants ${found.map((f) => `\`${f}\``).join(', ')}`,
          resource,
          values: [['grants', found.sort()]],
        }),
      );
    }
    return out;
  },
};
