// Rule resource.policy.cross-account: a resource policy of the bundle allows principals of
// another AWS account. Pure: imports only core/model and core/analyze.
//
// AWS "Cross account resource access in IAM"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html):
// a resource-based policy naming another account lets that account's administrators delegate
// the access to any of their principals.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding, quoteStatement } from '../finding-builder';
import { isEveryone, principalAccount, principalEntries } from '../policies';
import { ownAccount } from '../trust';

/** The rule. */
export const rule: Rule = {
  id: 'resource.policy.cross-account',
  title: 'Resource shared with another account',
  severity: 'medium',
  description:
    'A resource-based policy has an Allow statement naming a principal (account root, role or user) of another AWS account. One finding per resource and account.',
  remediation:
    'Confirm the other account needs this access; narrow the actions and name a role rather than the whole account.',
  docs: [
    {
      title: 'Cross account resource access in IAM',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const rp of ctx.snapshot.resourcePolicies) {
      const own = rp.account ?? ownAccount(ctx.snapshot.account.id, rp.resource);
      rp.policy.document.Statement.forEach((st, index) => {
        if (st.Effect !== 'Allow') return;
        const accounts = new Set<string>();
        for (const e of principalEntries(st.Principal)) {
          if (e.type !== 'AWS' || isEveryone(e)) continue;
          const a = principalAccount(e.value);
          if (a !== undefined && a !== own) accounts.add(a);
        }
        for (const account of [...accounts].sort()) {
          out.push(
            makeFinding(rule, {
              title: `\`${rp.resource}\` grants ${(st.Action ?? ['actions']).map((a) => `\`${a}\``).join(', ')} to account \`${account}\``,
              resource: rp.resource,
              principal: account,
              discriminator: String(index),
              statements: [
                quoteStatement(
                  { policy: 'resource policy', policyKind: 'resource', policyArn: rp.resource },
                  st,
                  index,
                ),
              ],
              values: [['account', account]],
            }),
          );
        }
      });
    }
    return out;
  },
};
