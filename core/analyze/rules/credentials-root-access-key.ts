// Rule credentials.root.access-key: the root user has an active access key. Pure: imports only
// core/model and core/analyze.
//
// AWS "Root user best practices for your AWS account", section "Don't create root user access
// keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html); read
// from the credential report's `<root_account>` row, or the account summary's
// `AccountAccessKeysPresent`.
import type { Rule } from '../../model/finding';
import { isJsonObject, ownValue } from '../../policy/normalize';
import { cellTrue, CREDENTIAL_REPORT_DOC, rootRow } from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.root.access-key',
  title: 'Root user has access keys',
  severity: 'critical',
  description:
    "The credential report's `<root_account>` row has an active access key, or the account summary shows `AccountAccessKeysPresent` greater than 0.",
  remediation: "Delete the root user's access keys; use IAM roles for programmatic access.",
  docs: [
    {
      title: "Root user best practices for your AWS account: Don't create root user access keys",
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
    },
    CREDENTIAL_REPORT_DOC,
  ],
  run(ctx) {
    const s = ctx.snapshot;
    const root = rootRow(s);
    const keys = root ? [1, 2].filter((n) => cellTrue(root, `access_key_${n}_active`)) : [];
    const summary =
      s.accountSummary && isJsonObject(s.accountSummary)
        ? ownValue(s.accountSummary, 'AccountAccessKeysPresent')
        : undefined;
    const fromSummary = typeof summary === 'number' && summary > 0;
    if (keys.length === 0 && !fromSummary) return [];
    const arn = root?.arn ?? (s.account.id ? `arn:${s.account.partition}:iam::${s.account.id}:root` : 'root');
    return [
      makeFinding(rule, {
        title: 'the root user has an active access key',
        principal: arn,
        values: [
          ['activeKeys', keys.map(String)],
          ['AccountAccessKeysPresent', typeof summary === 'number' ? summary : null],
        ],
      }),
    ];
  },
};
