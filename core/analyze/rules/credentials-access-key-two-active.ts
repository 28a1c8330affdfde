// Rule credentials.access-key.two-active: a user with two active access keys. Pure: imports only
// core/model and core/analyze.
//
// AWS "Manage access keys for IAM users" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html):
// the second key exists for rotation; two keys active for long double the secrets to protect.
// CIS AWS Foundations Benchmark: only one active access key per user.
import type { Rule } from '../../model/finding';
import { cellTrue, CREDENTIAL_REPORT_DOC, userRows } from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.access-key.two-active',
  title: 'Two active access keys',
  severity: 'low',
  description:
    'The credential report shows both `access_key_1_active` and `access_key_2_active` true for a user.',
  remediation: 'Finish the rotation: deactivate and delete the key that is no longer used.',
  docs: [
    {
      title: 'Manage access keys for IAM users',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
    },
    CREDENTIAL_REPORT_DOC,
  ],
  run(ctx) {
    return userRows(ctx.snapshot)
      .filter((r) => cellTrue(r, 'access_key_1_active') && cellTrue(r, 'access_key_2_active'))
      .map((r) =>
        makeFinding(rule, {
          title: `user \`${r.user}\` has two active access keys`,
          principal: r.arn,
          values: [
            ['access_key_1_last_used_date', r.cells.get('access_key_1_last_used_date') ?? ''],
            ['access_key_2_last_used_date', r.cells.get('access_key_2_last_used_date') ?? ''],
          ],
        }),
      );
  },
};
