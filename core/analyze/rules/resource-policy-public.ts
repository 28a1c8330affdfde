// Rule resource.policy.public: a resource policy of the bundle allows everyone. Pure: imports
// only core/model and core/analyze.
//
// AWS "IAM JSON policy elements: Principal", section "All principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous):
// `"Principal": "*"` in a resource-based policy grants access to everyone, anonymous users
// included, unless a condition limits it; Amazon S3 "Blocking public access to your Amazon S3
// storage", section "The meaning of public"
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status)
// lists the condition keys (aws:SourceIp, aws:SourceVpce, aws:PrincipalOrgID, aws:SourceAccount…)
// whose fixed values make a policy non-public.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding, quoteStatement } from '../finding-builder';
import { isEveryone, principalEntries, restrictingConditions } from '../policies';

/** The rule. */
export const rule: Rule = {
  id: 'resource.policy.public',
  title: 'Resource open to everyone',
  severity: 'critical',
  description:
    'A resource-based policy (bucket, key, queue, topic, function, secret…) has an Allow statement for `Principal: "*"` (or `{"AWS": "*"}`, or a `NotPrincipal`) without a condition that limits callers to known accounts, organisations, VPC endpoints or networks.',
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
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const rp of ctx.snapshot.resourcePolicies) {
      rp.policy.document.Statement.forEach((st, index) => {
        if (st.Effect !== 'Allow') return;
        const open = st.NotPrincipal !== undefined || principalEntries(st.Principal).some(isEveryone);
        if (!open || restrictingConditions(st).length > 0) return;
        const actions = st.Action ?? (st.NotAction ? st.NotAction.map((a) => `NotAction ${a}`) : []);
        out.push(
          makeFinding(rule, {
            title: `\`${rp.resource}\` allows ${actions.length === 1 ? `\`${actions[0]}\`` : 'actions'} to everyone`,
            resource: rp.resource,
            discriminator: String(index),
            statements: [
              quoteStatement(
                { policy: 'resource policy', policyKind: 'resource', policyArn: rp.resource },
                st,
                index,
              ),
            ],
            values: [['actions', actions]],
          }),
        );
      });
    }
    return out;
  },
};
