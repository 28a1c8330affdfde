// Rule credentials.password-policy.weak: the account password policy is weaker than the CIS AWS
// Foundations Benchmark asks. Pure: imports only core/model and core/analyze.
//
// AWS "Set an account password policy for IAM users"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html)
// for the settings; thresholds from the CIS AWS Foundations Benchmark: minimum length 14,
// reuse prevention 24; its earlier versions also ask for each character class and expiry
// within 90 days, reported here too.
import type { Rule } from '../../model/finding';
import { ownValue } from '../../policy/normalize';
import { makeFinding } from '../finding-builder';

/** The weaknesses of a password policy, in words (empty when it meets every threshold). */
export function passwordPolicyProblems(p: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const num = (k: string): number | undefined => {
    const v = ownValue(p, k);
    return typeof v === 'number' ? v : undefined;
  };
  const flag = (k: string): boolean => ownValue(p, k) === true;
  const length = num('MinimumPasswordLength');
  if (length === undefined || length < 14) problems.push(`minimum length ${length ?? 'not set'} (< 14)`);
  const reuse = num('PasswordReusePrevention');
  if (reuse === undefined) problems.push('no password reuse prevention');
  else if (reuse < 24) problems.push(`reuse prevention ${reuse} (< 24)`);
  for (const [k, words] of [
    ['RequireSymbols', 'symbols'],
    ['RequireNumbers', 'numbers'],
    ['RequireUppercaseCharacters', 'upper-case letters'],
    ['RequireLowercaseCharacters', 'lower-case letters'],
  ] as const) {
    if (!flag(k)) problems.push(`${words} not required`);
  }
  const age = num('MaxPasswordAge');
  if (ownValue(p, 'ExpirePasswords') === false || age === undefined) problems.push('passwords never expire');
  else if (age > 90) problems.push(`passwords expire after ${age} days (> 90)`);
  return problems;
}

/** The rule. */
export const rule: Rule = {
  id: 'credentials.password-policy.weak',
  title: 'Weak account password policy',
  severity: 'medium',
  description:
    'The account password policy has a minimum length under 14, reuse prevention under 24 (or none), does not require each character class, or lets passwords live longer than 90 days (CIS AWS Foundations Benchmark thresholds).',
  remediation:
    'Set a minimum length of at least 14 and reuse prevention of 24; require MFA for console users.',
  docs: [
    {
      title: 'Set an account password policy for IAM users',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
  ],
  run(ctx) {
    const p = ctx.snapshot.passwordPolicy;
    if (!p) return [];
    const problems = passwordPolicyProblems(p);
    if (problems.length === 0) return [];
    const keys = [
      'MinimumPasswordLength',
      'RequireSymbols',
      'RequireNumbers',
      'RequireUppercaseCharacters',
      'RequireLowercaseCharacters',
      'ExpirePasswords',
      'MaxPasswordAge',
      'PasswordReusePrevention',
      'HardExpiry',
    ];
    return [
      makeFinding(rule, {
        title: `the password policy is weak: ${problems.join('; ')}`,
        ...(ctx.snapshot.account.id
          ? { resource: `arn:${ctx.snapshot.account.partition}:iam::${ctx.snapshot.account.id}:root` }
          : {}),
        values: [
          ['problems', problems],
          ...keys.map((k) => {
            const v = ownValue(p, k);
            return [
              k,
              typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : null,
            ] as const;
          }),
        ],
      }),
    ];
  },
};
