// Rule trust.principal.wildcard: a role's trust policy lets anyone (`"*"`) assume it.
// Pure: imports only core/model and core/analyze.
//
// AWS "IAM JSON policy elements: Principal", section "All principals"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous):
// "We strongly recommend that you do not use a wildcard (*) in the Principal element of a role's
// trust policy unless you otherwise restrict access through a Condition element".
import type { Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { isEveryone, principalEntries, restrictingConditions } from '../policies';
import { quoteTrust, trustStatements } from '../trust';

/** The rule. */
export const rule: Rule = {
  id: 'trust.principal.wildcard',
  title: 'Role assumable by anyone',
  severity: 'critical',
  description:
    'A trust policy allows `Principal: "*"` (or `{"AWS": "*"}`, or a `NotPrincipal`) to assume the role without a condition that limits callers to known accounts, organisations or networks (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceIp…).',
  remediation:
    'Name the accounts or roles that may assume the role in `Principal`, or add a condition such as `aws:PrincipalOrgID` that limits callers to your organisation.',
  docs: [
    {
      title: 'IAM JSON policy elements: Principal (All principals)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    },
  ],
  run(ctx) {
    return trustStatements(ctx.snapshot.roles)
      .filter((t) => {
        const open =
          t.statement.NotPrincipal !== undefined || principalEntries(t.statement.Principal).some(isEveryone);
        return open && restrictingConditions(t.statement).length === 0;
      })
      .map((t) =>
        makeFinding(rule, {
          title: `role \`${t.role.name}\` can be assumed by anyone`,
          principal: t.role.arn,
          discriminator: String(t.index),
          statements: [quoteTrust(t)],
        }),
      );
  },
};
