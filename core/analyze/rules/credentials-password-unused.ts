// Rule credentials.password.unused: a console password not used for 90 days (or never), relative
// to the snapshot's collectedAt. Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Regularly review and remove unused users, roles,
// permissions, policies, and credentials"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials);
// CIS AWS Foundations Benchmark: credentials unused for 90 days or more are disabled.
import type { Finding, Rule } from '../../model/finding';
import {
  cellDate,
  cellTrue,
  CREDENTIAL_REPORT_DOC,
  daysBetween,
  REMOVE_UNUSED_DOC,
  STALE_DAYS,
  userRows,
} from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.password.unused',
  title: 'Console password unused for 90 days',
  severity: 'low',
  description:
    'A user has a console password (`password_enabled`) that was last used more than 90 days before the snapshot was collected, or never used although it was set more than 90 days before. Silent when the snapshot has no `collectedAt`.',
  remediation: 'Remove the login profile of users who no longer need the console; disable departed users.',
  docs: [REMOVE_UNUSED_DOC, CREDENTIAL_REPORT_DOC],
  run(ctx) {
    const now = ctx.collectedAtMs;
    if (now === undefined) return [];
    const out: Finding[] = [];
    for (const r of userRows(ctx.snapshot)) {
      if (!cellTrue(r, 'password_enabled')) continue;
      const used = cellDate(r, 'password_last_used');
      const set = cellDate(r, 'password_last_changed') ?? cellDate(r, 'user_creation_time');
      const since = used ?? set;
      if (since === undefined || daysBetween(since, now) <= STALE_DAYS) continue;
      out.push(
        makeFinding(rule, {
          title:
            used === undefined
              ? `user \`${r.user}\` has a console password never used in ${daysBetween(since, now)} days`
              : `user \`${r.user}\` has not used the console password for ${daysBetween(used, now)} days`,
          principal: r.arn,
          values: [
            ['password_last_used', r.cells.get('password_last_used') ?? ''],
            ['password_last_changed', r.cells.get('password_last_changed') ?? ''],
            ['password_next_rotation', r.cells.get('password_next_rotation') ?? ''],
            ['mfa_active', r.cells.get('mfa_active') ?? ''],
          ],
        }),
      );
    }
    return out;
  },
};
