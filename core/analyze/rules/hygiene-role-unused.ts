// Rule hygiene.role.unused: a role not used for 90 days (RoleLastUsed), relative to the
// snapshot's collectedAt. Pure: imports only core/model and core/analyze.
//
// AWS "Refine permissions in AWS using last accessed information" and the `RoleLastUsed` data
// type (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html): "Amazon Web
// Services does not currently track role last-used data for roles not used in the tracking
// period" (400 days), so a role with an empty RoleLastUsed was not used in that time.
// Service-linked roles (path `/aws-service-role/`) are left out: AWS manages them.
import type { Finding, Rule } from '../../model/finding';
import { daysBetween, STALE_DAYS } from '../credential-report';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.role.unused',
  title: 'Role unused for 90 days',
  severity: 'low',
  description:
    'A role (not service-linked) whose `RoleLastUsed.LastUsedDate` is more than 90 days before the snapshot was collected, or empty although the role was created more than 90 days before. Silent for roles whose input has no `RoleLastUsed`, and when the snapshot has no `collectedAt`.',
  remediation: 'Delete roles nobody uses, or document why they must stay.',
  docs: [
    {
      title: 'RoleLastUsed (IAM API Reference)',
      url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html',
    },
    {
      title: 'Refine permissions in AWS using last accessed information',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
    },
  ],
  run(ctx) {
    const now = ctx.collectedAtMs;
    if (now === undefined) return [];
    const out: Finding[] = [];
    for (const role of ctx.snapshot.roles) {
      if (role.path.startsWith('/aws-service-role/') || role.roleLastUsed === undefined) continue;
      const lastUsed = role.roleLastUsed.lastUsedDate ? Date.parse(role.roleLastUsed.lastUsedDate) : NaN;
      const created = role.createDate ? Date.parse(role.createDate) : NaN;
      const since = Number.isNaN(lastUsed) ? created : lastUsed;
      if (Number.isNaN(since) || daysBetween(since, now) <= STALE_DAYS) continue;
      out.push(
        makeFinding(rule, {
          title: Number.isNaN(lastUsed)
            ? `role \`${role.name}\` has no recorded use (created ${daysBetween(created, now)} days ago)`
            : `role \`${role.name}\` was last used ${daysBetween(lastUsed, now)} days ago`,
          principal: role.arn,
          values: [
            ['lastUsedDate', role.roleLastUsed.lastUsedDate ?? null],
            ['region', role.roleLastUsed.region ?? null],
            ['createDate', role.createDate ?? null],
          ],
        }),
      );
    }
    return out;
  },
};
