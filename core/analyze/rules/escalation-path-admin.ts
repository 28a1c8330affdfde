// Rule escalation.path.admin: a principal that can make itself an administrator, with the
// shortest path the escalation graph (core/graph) found. Pure: imports only core/model and
// core/analyze; the paths come in through the rule context.
//
// AWS "Security best practices in IAM", section "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege);
// the methods are those of PRIVESC-METHODS.md and pathfinding.cloud, each step naming its own.
import type { Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'escalation.path.admin',
  title: 'Escalation path to administrator',
  severity: 'high',
  description:
    "A principal that is not an administrator can become one (SPEC.md's definition: every action on every resource, or one IAM call away from it) through a chain of escalation steps: assuming roles, passing roles to services that run code, editing policies, creating credentials. A path with a conditional step (it needs state the snapshot cannot show, or context such as MFA) is reported as medium. Paths starting at a service-linked role are left out: only its AWS service can assume it.",
  remediation:
    'Remove the permission of the first step (or limit its Resource and conditions), or add a permissions boundary or SCP that denies it.',
  docs: [
    {
      title: 'Security best practices in IAM: Apply least-privilege permissions',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    },
  ],
  run(ctx) {
    const e = ctx.escalation;
    if (!e) return [];
    const admins = new Set(e.admins);
    return (
      e.paths
        // Service-linked roles are left out as starting points: only their AWS service can assume
        // them (AWS "Using service-linked roles",
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
        .filter(
          (p) =>
            !admins.has(p.principal) &&
            p.steps.length > 0 &&
            !p.principal.includes(':role/aws-service-role/'),
        )
        .map((p) =>
          makeFinding(rule, {
            title: `\`${p.principal}\` can become administrator in ${p.steps.length} step(s): ${p.steps.map((s) => s.method).join(' → ')}${p.conditional ? ' (conditional)' : ''}`,
            principal: p.principal,
            severity: p.conditional ? 'medium' : 'high',
            steps: p.steps.map((s) => ({
              from: s.from,
              to: s.to,
              method: s.method,
              permissions: s.permissions,
              conditional: s.conditional,
              prerequisites: s.prerequisites,
            })),
            values: [
              ['conditional', p.conditional],
              ['pathfindingIds', p.steps.map((s) => s.pathfindingId ?? '').filter((x) => x !== '')],
            ],
          }),
        )
    );
  },
};
