// Rule trust.cross-account.no-external-id: a role trusts another AWS account without requiring
// `sts:ExternalId`. Pure: imports only core/model and core/analyze.
//
// AWS "The confused deputy problem" (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
// and "Access to AWS accounts owned by third parties"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html):
// a third party that assumes roles in many customers' accounts must be given an external ID in
// the trust policy's `sts:ExternalId` condition. Accounts of the same organisation (the
// management account, or a trust limited by `aws:PrincipalOrgID`) are not third parties.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { baseOperator, conditionsOn, isEveryone, principalAccount, principalEntries } from '../policies';
import { ownAccount, quoteTrust, trustStatements } from '../trust';

/** The rule. */
export const rule: Rule = {
  id: 'trust.cross-account.no-external-id',
  title: 'Cross-account trust without an external ID',
  severity: 'high',
  description:
    'A trust policy lets a principal of another AWS account call `sts:AssumeRole` without an `sts:ExternalId` condition, so a third party serving many customers can be tricked into using the role for someone else (confused deputy). Accounts of the same organisation (its management account, or a statement limited by `aws:PrincipalOrgID`) are not reported; the roles AWS Organizations and StackSets create (`OrganizationAccountAccessRole`, `stacksets-exec-…`) are reported as low when the organisation is not in the snapshot.',
  remediation:
    'Agree an external ID with the third party and require it: `"Condition": {"StringEquals": {"sts:ExternalId": "<id>"}}`.',
  docs: [
    {
      title: 'The confused deputy problem',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    },
    {
      title: 'Access to AWS accounts owned by third parties',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    const management = ctx.snapshot.organization?.managementAccountId;
    for (const t of trustStatements(ctx.snapshot.roles, 'sts:AssumeRole')) {
      const own = ownAccount(ctx.snapshot.account.id, t.role.arn);
      const positive = (key: string): boolean =>
        conditionsOn(t.statement, key).some(
          (c) => !baseOperator(c.operator).includes('Not') && baseOperator(c.operator) !== 'Null',
        );
      if (positive('sts:ExternalId') || positive('aws:PrincipalOrgID')) continue;
      const accounts = new Set<string>();
      for (const e of principalEntries(t.statement.Principal)) {
        if (e.type !== 'AWS' || isEveryone(e)) continue;
        const account = principalAccount(e.value);
        if (account && account !== own && account !== management) accounts.add(account);
      }
      // Roles that AWS Organizations and CloudFormation StackSets create in member accounts trust
      // the management (or administrator) account by design (AWS Organizations "Accessing member
      // accounts in your organization"); without the organisation in the snapshot the rule
      // cannot prove it, so it reports them as low.
      const orgRole =
        t.role.name === 'OrganizationAccountAccessRole' ||
        t.role.name.startsWith('stacksets-exec-') ||
        t.role.name === 'AWSCloudFormationStackSetExecutionRole';
      for (const account of [...accounts].sort()) {
        out.push(
          makeFinding(rule, {
            title: `role \`${t.role.name}\` trusts account \`${account}\` without an external ID${orgRole ? ' (an AWS Organizations/StackSets role: likely the management account)' : ''}`,
            ...(orgRole ? { severity: 'low' as const } : {}),
            principal: t.role.arn,
            discriminator: account,
            statements: [quoteTrust(t)],
            values: [['trustedAccount', account]],
          }),
        );
      }
    }
    return out;
  },
};
