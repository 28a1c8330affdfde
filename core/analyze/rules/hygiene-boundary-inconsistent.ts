// Rule hygiene.boundary.inconsistent: a user without a permissions boundary in a group whose
// other members have one. Pure: imports only core/model and core/analyze.
//
// AWS "Permissions boundaries for IAM entities"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html): a
// boundary limits only the entity it is set on, so a member left without it keeps the group's
// full permissions.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.boundary.inconsistent',
  title: 'Group member without the boundary the others have',
  severity: 'medium',
  description:
    'In a group where at least half of the member users have a permissions boundary, a member user has none: the boundary the team relies on does not limit them.',
  remediation:
    'Set the same permissions boundary on every member (and deny removing it), or explain why the user is exempt.',
  docs: [
    {
      title: 'Permissions boundaries for IAM entities',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    },
  ],
  run(ctx) {
    const s = ctx.snapshot;
    const out: Finding[] = [];
    for (const group of s.groups) {
      const members = (s.membersOfGroup.get(group.arn) ?? [])
        .map((arn) => s.byArn.get(arn))
        .filter((u) => u?.kind === 'user');
      const bounded = members.filter((u) => u.permissionsBoundary !== undefined);
      // The boundary is the group's norm only when at least half of its members have one; a
      // group where a few bounded users sit among many unbounded ones says nothing.
      if (bounded.length === 0 || bounded.length * 2 < members.length) continue;
      const boundaries = [...new Set(bounded.map((u) => u.permissionsBoundary?.arn ?? ''))].sort();
      for (const u of members) {
        if (u.permissionsBoundary) continue;
        out.push(
          makeFinding(rule, {
            title: `user \`${u.name}\` has no permissions boundary, unlike ${bounded.length} other member(s) of \`${group.name}\``,
            principal: u.arn,
            discriminator: group.arn,
            values: [
              ['group', group.arn],
              ['boundariesOfOtherMembers', boundaries],
              ['boundedMembers', bounded.map((b) => b.arn).sort()],
            ],
          }),
        );
      }
    }
    return out;
  },
};
