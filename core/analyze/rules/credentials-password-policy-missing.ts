// Rule credentials.password-policy.missing: the account has no password policy of its own.
// Pure: imports only core/model and core/analyze.
//
// AWS "Set an account password policy for IAM users"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html):
// without a custom policy AWS's default applies (8 characters, no reuse prevention, no expiry).
// Ariadne's pull writes no `passwordPolicy` when GetAccountPasswordPolicy answers NoSuchEntity;
// the rule fires only for such pulled bundles (source `aws-pull`, or an account summary present)
// with no collection warning about the password policy, never for inputs that could not say.
import type { Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.password-policy.missing',
  title: 'No account password policy',
  severity: 'medium',
  description:
    "A pulled bundle (source `aws-pull`, or with an account summary) has no `passwordPolicy` and no collection warning about it: the account uses AWS's default password policy.",
  remediation: 'Set an account password policy: minimum length 14 or more, reuse prevention 24.',
  docs: [
    {
      title: 'Set an account password policy for IAM users',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
  ],
  run(ctx) {
    const s = ctx.snapshot;
    if (s.passwordPolicy !== undefined) return [];
    const pulled = s.source.kind === 'aws-pull' || s.accountSummary !== undefined;
    if (!pulled) return [];
    if (s.collectionWarnings.some((w) => /password/i.test(w))) return [];
    return [
      makeFinding(rule, {
        title: 'the account has no password policy of its own (AWS defaults apply)',
        ...(s.account.id ? { resource: `arn:${s.account.partition}:iam::${s.account.id}:root` } : {}),
      }),
    ];
  },
};
