// Rule credentials.root.no-mfa: the root user has no MFA. Pure: imports only core/model and
// core/analyze.
//
// AWS "Root user best practices for your AWS account", section "Enable multi-factor
// authentication (MFA)" (https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html);
// read from the credential report's `<root_account>` row `mfa_active`, or the account summary's
// `AccountMFAEnabled`.
import type { Rule } from '../../model/finding';
import { isJsonObject, ownValue } from '../../policy/normalize';
import { CREDENTIAL_REPORT_DOC, rootRow } from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.root.no-mfa',
  title: 'Root user without MFA',
  severity: 'critical',
  description:
    "The credential report's `<root_account>` row has `mfa_active` false, or the account summary has `AccountMFAEnabled` 0.",
  remediation: 'Enable MFA (preferably a hardware or passkey device) on the root user.',
  docs: [
    {
      title: 'Root user best practices for your AWS account: Enable multi-factor authentication (MFA)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
    },
    CREDENTIAL_REPORT_DOC,
  ],
  run(ctx) {
    const s = ctx.snapshot;
    const root = rootRow(s);
    const mfa = root?.cells.get('mfa_active')?.toLowerCase();
    const summary =
      s.accountSummary && isJsonObject(s.accountSummary)
        ? ownValue(s.accountSummary, 'AccountMFAEnabled')
        : undefined;
    const off = mfa === 'false' || (mfa === undefined && summary === 0);
    if (!off) return [];
    const arn = root?.arn ?? (s.account.id ? `arn:${s.account.partition}:iam::${s.account.id}:root` : 'root');
    return [
      makeFinding(rule, {
        title: 'the root user has no MFA device',
        principal: arn,
        values: [
          ['mfa_active', mfa ?? null],
          ['AccountMFAEnabled', typeof summary === 'number' ? summary : null],
        ],
      }),
    ];
  },
};
