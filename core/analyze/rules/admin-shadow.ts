// Rule admin.shadow: principals that are not administrators but can make themselves one in one
// IAM call (SPEC.md's "shadow admins"), as the escalation graph (core/graph) computes them.
// Pure: imports only core/model and core/analyze; the admins come in through the rule context.
//
// AWS "Security best practices in IAM", section "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege):
// permissions management actions (`iam:CreatePolicyVersion`, `iam:AttachUserPolicy`,
// `iam:PutRolePolicy`…) on one's own identity amount to administrator access.
import type { Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'admin.shadow',
  title: 'Shadow administrator',
  severity: 'high',
  description:
    'A user or role that does not hold administrator access but can give it to itself in one IAM call (e.g. a new default version of a policy attached to itself, attaching or writing a policy on itself). Often unnoticed because no admin policy is attached.',
  remediation:
    "Remove the permissions management action on the principal's own policies and identity (limit its Resource), or deny it with a boundary or SCP.",
  docs: [
    {
      title: 'Security best practices in IAM: Apply least-privilege permissions',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    },
  ],
  run(ctx) {
    const e = ctx.escalation;
    if (!e) return [];
    const full = new Set(e.fullAdmins);
    return [...e.admins]
      .filter((a) => !full.has(a))
      .sort()
      .map((arn) => {
        const path = e.paths.find((p) => p.principal === arn);
        return makeFinding(rule, {
          title: `\`${arn}\` can make itself administrator in one call${path?.steps[0] ? ` (${path.steps[0].method})` : ''}`,
          principal: arn,
          steps: (path?.steps ?? []).map((s) => ({
            from: s.from,
            to: s.to,
            method: s.method,
            permissions: s.permissions,
            conditional: s.conditional,
            prerequisites: s.prerequisites,
          })),
        });
      });
  },
};
