// Rule trust.external-account: lists every other AWS account that a trust policy or a resource
// policy of the snapshot names. Pure: imports only core/model and core/analyze.
//
// AWS "Cross account resource access in IAM"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html):
// an account named in a trust policy or a resource-based policy can reach into this one.
import type { EvidenceStatement, Rule } from '../../model/finding';
import { makeFinding, quoteStatement } from '../finding-builder';
import { isEveryone, principalAccount, principalEntries } from '../policies';
import { ownAccount, quoteTrust, trustStatements } from '../trust';

/** The rule. */
export const rule: Rule = {
  id: 'trust.external-account',
  title: 'External account trusted',
  severity: 'info',
  description:
    'Another AWS account is named as a principal in a role trust policy or a resource policy of the snapshot. One finding per account, with the roles and resources that trust it.',
  remediation: 'Confirm that each external account is known and still needs its access.',
  docs: [
    {
      title: 'Cross account resource access in IAM',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html',
    },
  ],
  run(ctx) {
    const s = ctx.snapshot;
    const byAccount = new Map<string, { statements: EvidenceStatement[]; subjects: Set<string> }>();
    const note = (account: string, subject: string, q: EvidenceStatement): void => {
      let e = byAccount.get(account);
      if (!e) byAccount.set(account, (e = { statements: [], subjects: new Set() }));
      e.subjects.add(subject);
      e.statements.push(q);
    };
    for (const t of trustStatements(s.roles)) {
      const own = ownAccount(s.account.id, t.role.arn);
      const accounts = new Set(
        principalEntries(t.statement.Principal)
          .filter((e) => e.type === 'AWS' && !isEveryone(e))
          .map((e) => principalAccount(e.value))
          .filter((a): a is string => a !== undefined && a !== own),
      );
      for (const a of accounts) note(a, t.role.arn, quoteTrust(t));
    }
    for (const rp of s.resourcePolicies) {
      const own = rp.account ?? ownAccount(s.account.id, rp.resource);
      rp.policy.document.Statement.forEach((st, index) => {
        if (st.Effect !== 'Allow') return;
        const accounts = new Set(
          principalEntries(st.Principal)
            .filter((e) => e.type === 'AWS' && !isEveryone(e))
            .map((e) => principalAccount(e.value))
            .filter((a): a is string => a !== undefined && a !== own),
        );
        for (const a of accounts)
          note(
            a,
            rp.resource,
            quoteStatement(
              { policy: 'resource policy', policyKind: 'resource', policyArn: rp.resource },
              st,
              index,
            ),
          );
      });
    }
    return [...byAccount.entries()].map(([account, e]) => {
      const subjects = [...e.subjects].sort();
      return makeFinding(rule, {
        title: `account \`${account}\` is trusted by ${subjects.length} role(s) or resource(s)`,
        principal: account,
        statements: e.statements,
        values: [
          ['account', account],
          ['trustedBy', subjects],
          ...(s.organization?.managementAccountId === account
            ? [['organizationManagementAccount', true] as const]
            : []),
        ],
      });
    });
  },
};
