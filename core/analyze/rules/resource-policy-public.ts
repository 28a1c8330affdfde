// Rule resource.policy.public: a resource policy of the bundle allows everyone. Pure: imports
// only core/model, core/policy and core/analyze.
//
// AWS "IAM JSON policy elements: Principal", section "All principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous):
// `"Principal": "*"` in a resource-based policy grants access to everyone, anonymous users
// included, unless a condition limits it; Amazon S3 "Blocking public access to your Amazon S3
// storage", section "The meaning of public"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status)
// lists the condition keys (aws:SourceIp, aws:SourceVpce, aws:PrincipalOrgID, aws:SourceAccount…)
// whose fixed values make a policy non-public.
//
// S3 buckets and Block Public Access: S3 Control API Reference "PublicAccessBlockConfiguration",
// RestrictPublicBuckets
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PublicAccessBlockConfiguration.html):
// with it on, a bucket with a public policy is reachable only by AWS service principals and
// authorized users of the bucket owner's account; public and cross-account access through the
// policy is blocked. The setting applies from the account or from the bucket (the most restrictive
// combination). Such a finding stays, at low severity with the setting in its evidence: the grant
// still reaches every principal of the account, and turning one setting off makes the bucket public
// again, but no one outside the account can use it today. BlockPublicPolicy only refuses new public
// policies ("doesn't affect existing bucket policies"), so it changes nothing here.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding, quoteStatement } from '../finding-builder';
import { isEveryone, principalEntries, restrictingConditions } from '../policies';
import { bucketArnOf, describeLevels, readS3BlockSettings } from './s3-block-public-access';

/** The rule. */
export const rule: Rule = {
  id: 'resource.policy.public',
  title: 'Resource open to everyone',
  severity: 'critical',
  description:
    'A resource-based policy (bucket, key, queue, topic, function, secret…) has an Allow statement for `Principal: "*"` (or `{"AWS": "*"}`, or a `NotPrincipal`) without a condition that limits callers to known accounts, organisations, VPC endpoints or networks. On an S3 bucket whose account or bucket Block Public Access sets `RestrictPublicBuckets`, the finding is low severity and names the setting: only the account itself and AWS services can use the grant.',
  remediation:
    'Name the principals that need access, or add a condition on `aws:PrincipalOrgID`, `aws:SourceVpce`, `aws:SourceIp` or `aws:SourceAccount`; for web content prefer a CDN origin access control.',
  docs: [
    {
      title: 'IAM JSON policy elements: Principal (All principals)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    },
    {
      title: 'Blocking public access to your Amazon S3 storage: The meaning of "public"',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    },
    {
      title: 'PublicAccessBlockConfiguration (S3 Control API Reference): RestrictPublicBuckets',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PublicAccessBlockConfiguration.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    const blocks = readS3BlockSettings(ctx.snapshot);
    for (const rp of ctx.snapshot.resourcePolicies) {
      const bucket = bucketArnOf(rp.resource);
      const restricted =
        bucket === undefined ? [] : blocks.levels('RestrictPublicBuckets', bucket, rp.account);
      rp.policy.document.Statement.forEach((st, index) => {
        if (st.Effect !== 'Allow') return;
        const open = st.NotPrincipal !== undefined || principalEntries(st.Principal).some(isEveryone);
        if (!open || restrictingConditions(st).length > 0) return;
        const actions = st.Action ?? (st.NotAction ? st.NotAction.map((a) => `NotAction ${a}`) : []);
        const title = `\`${rp.resource}\` allows ${actions.length === 1 ? `\`${actions[0]}\`` : 'actions'} to everyone`;
        const statements = [
          quoteStatement(
            { policy: 'resource policy', policyKind: 'resource', policyArn: rp.resource },
            st,
            index,
          ),
        ];
        if (restricted.length === 0) {
          out.push(
            makeFinding(rule, {
              title,
              resource: rp.resource,
              discriminator: String(index),
              statements,
              values: [['actions', actions]],
            }),
          );
          return;
        }
        out.push(
          makeFinding(rule, {
            title: `${title}, restricted to the account by Block Public Access (${restricted.join(', ')})`,
            resource: rp.resource,
            discriminator: String(index),
            severity: 'low',
            statements,
            values: [
              ['actions', actions],
              ['blockPublicAccess', describeLevels('RestrictPublicBuckets', restricted)],
              ['reachableBy', 'principals of the bucket owner account and AWS service principals'],
            ],
            remediation: `Block Public Access (${restricted.join(', ')}) \`RestrictPublicBuckets\` keeps other accounts and anonymous callers out, but every principal of the account and AWS services can still use this grant, and turning the setting off makes the bucket public: name the principals that need access, or add a condition on \`aws:PrincipalOrgID\`, \`aws:SourceVpce\` or \`aws:SourceAccount\`.`,
          }),
        );
      });
    }
    return out;
  },
};
