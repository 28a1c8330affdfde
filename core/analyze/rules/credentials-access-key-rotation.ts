// Rule credentials.access-key.not-rotated: an active access key created (last rotated) more than
// 90 days before the snapshot was collected. Pure: imports only core/model and core/analyze.
//
// AWS "Manage access keys for IAM users", section "Rotate access keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html);
// CIS AWS Foundations Benchmark: access keys are rotated every 90 days or less.
import type { Finding, Rule } from '../../model/finding';
import {
  cellDate,
  cellTrue,
  CREDENTIAL_REPORT_DOC,
  daysBetween,
  STALE_DAYS,
  userRows,
} from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'credentials.access-key.not-rotated',
  title: 'Access key not rotated for 90 days',
  severity: 'medium',
  description:
    'An active access key (`access_key_N_active`) whose `access_key_N_last_rotated` is more than 90 days before the snapshot was collected. Silent when the snapshot has no `collectedAt`.',
  remediation:
    'Create a new key, move the workload to it, deactivate then delete the old one; prefer roles and short-term credentials.',
  docs: [
    {
      title: 'Manage access keys for IAM users: Rotate access keys',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
    },
    CREDENTIAL_REPORT_DOC,
  ],
  run(ctx) {
    const now = ctx.collectedAtMs;
    if (now === undefined) return [];
    const out: Finding[] = [];
    for (const r of userRows(ctx.snapshot)) {
      for (const n of [1, 2]) {
        if (!cellTrue(r, `access_key_${n}_active`)) continue;
        const rotated = cellDate(r, `access_key_${n}_last_rotated`);
        if (rotated === undefined || daysBetween(rotated, now) <= STALE_DAYS) continue;
        out.push(
          makeFinding(rule, {
            title: `user \`${r.user}\`: access key ${n} is ${daysBetween(rotated, now)} days old`,
            principal: r.arn,
            discriminator: String(n),
            values: [
              ['key', n],
              [`access_key_${n}_last_rotated`, r.cells.get(`access_key_${n}_last_rotated`) ?? ''],
              [`access_key_${n}_last_used_date`, r.cells.get(`access_key_${n}_last_used_date`) ?? ''],
              ['ageDays', daysBetween(rotated, now)],
            ],
          }),
        );
      }
    }
    return out;
  },
};
