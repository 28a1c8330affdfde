// Rule credentials.console.no-mfa: an IAM user with a console password and no MFA device.
// Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Require multi-factor authentication (MFA)"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#enable-mfa-for-privileged-users)
// and the credential report's `password_enabled` / `mfa_active` columns.
import type { Rule } from '../../model/finding';
import { cellTrue, CREDENTIAL_REPORT_DOC, userRows } from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.console.no-mfa',
  title: 'Console password without MFA',
  severity: 'high',
  description: 'The credential report shows a user with `password_enabled` true and `mfa_active` false.',
  remediation:
    'Have the user register an MFA device (and deny actions without `aws:MultiFactorAuthPresent`), or remove the login profile.',
  docs: [
    {
      title: 'Security best practices in IAM: Require multi-factor authentication (MFA)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    },
    CREDENTIAL_REPORT_DOC,
  ],
  run(ctx) {
    return userRows(ctx.snapshot)
      .filter((r) => cellTrue(r, 'password_enabled') && !cellTrue(r, 'mfa_active'))
      .map((r) =>
        makeFinding(rule, {
          title: `user \`${r.user}\` signs in to the console without MFA`,
          principal: r.arn,
          values: [
            ['password_enabled', r.cells.get('password_enabled') ?? ''],
            ['password_last_used', r.cells.get('password_last_used') ?? ''],
            ['mfa_active', r.cells.get('mfa_active') ?? ''],
          ],
        }),
      );
  },
};
