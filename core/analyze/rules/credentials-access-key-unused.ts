// Rule credentials.access-key.unused: an active access key not used for 90 days (or never used
// although created more than 90 days ago), relative to the snapshot's collectedAt. Pure: imports
// only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Regularly review and remove unused users, roles,
// permissions, policies, and credentials"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials).
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
  id: 'credentials.access-key.unused',
  title: 'Active access key unused for 90 days',
  severity: 'medium',
  description:
    'An active access key whose `access_key_N_last_used_date` is more than 90 days before the snapshot was collected, or `N/A` (never used) while the key is more than 90 days old. Silent when the snapshot has no `collectedAt`.',
  remediation: 'Deactivate the key, then delete it once nothing breaks.',
  docs: [REMOVE_UNUSED_DOC, CREDENTIAL_REPORT_DOC],
  run(ctx) {
    const now = ctx.collectedAtMs;
    if (now === undefined) return [];
    const out: Finding[] = [];
    for (const r of userRows(ctx.snapshot)) {
      for (const n of [1, 2]) {
        if (!cellTrue(r, `access_key_${n}_active`)) continue;
        const used = cellDate(r, `access_key_${n}_last_used_date`);
        const since = used ?? cellDate(r, `access_key_${n}_last_rotated`);
        if (since === undefined || daysBetween(since, now) <= STALE_DAYS) continue;
        out.push(
          makeFinding(rule, {
            title:
              used === undefined
                ? `user \`${r.user}\`: access key ${n} active for ${daysBetween(since, now)} days and never used`
                : `user \`${r.user}\`: access key ${n} unused for ${daysBetween(used, now)} days`,
            principal: r.arn,
            discriminator: String(n),
            values: [
              ['key', n],
              [`access_key_${n}_last_rotated`, r.cells.get(`access_key_${n}_last_rotated`) ?? ''],
              [`access_key_${n}_last_used_date`, r.cells.get(`access_key_${n}_last_used_date`) ?? ''],
            ],
          }),
        );
      }
    }
    return out;
  },
};
