// Rule snapshot.boundary.document-missing: a user or role has a permissions boundary whose policy
// document the snapshot does not hold, so its effective permissions cannot be computed. Pure:
// imports only core/model and core/analyze.
//
// AWS "Permissions boundaries for IAM entities"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html): the
// effective permissions are the intersection of identity policies and the boundary.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'snapshot.boundary.document-missing',
  title: 'Permissions boundary not in the snapshot',
  severity: 'medium',
  description:
    'A user or role names a permissions boundary policy that the snapshot does not contain (typically an unused AWS-managed policy that `get-account-authorization-details` did not list): every result about that principal is uncertain.',
  remediation:
    'Pull again with a complete `get-account-authorization-details` (all filters), or add the policy to the bundle.',
  docs: [
    {
      title: 'Permissions boundaries for IAM entities',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    },
  ],
  run(ctx) {
    const s = ctx.snapshot;
    const out: Finding[] = [];
    for (const e of [...s.users, ...s.roles]) {
      const b = e.permissionsBoundary;
      if (!b || s.byArn.get(b.arn)?.kind === 'policy') continue;
      out.push(
        makeFinding(rule, {
          title: `${e.kind} \`${e.name}\`: boundary \`${b.arn}\` is not in the snapshot`,
          principal: e.arn,
          resource: b.arn,
          values: [['boundary', b.arn]],
        }),
      );
    }
    return out;
  },
};
