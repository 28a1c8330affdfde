// Rule hygiene.policy.full-admin: an inline or customer-managed policy allows every action on
// every resource. Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege);
// "IAM JSON policy elements: Action": `"Action": "*"` is every action of every service.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import {
  coversAllResources,
  hasConditions,
  holdersOf,
  identityPolicies,
  policySubject,
  quoteIdentityStatement,
} from '../policies';
import { shadowedInPolicy } from '../shadow';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.policy.full-admin',
  title: 'Policy grants every action on every resource',
  severity: 'high',
  description:
    'An inline policy or a customer-managed policy has an Allow statement with `Action: "*"` (or `*:*`, or a `NotAction`) on `Resource: "*"`: whoever holds it is an administrator. Conditional statements are reported too, with the condition in the evidence; when the escalation graph shows that none of the holders of the policy is an administrator (a Deny or boundary elsewhere takes it back), the finding is low. AWS-managed policies such as AdministratorAccess are covered by the admin rules.',
  remediation:
    'Replace the statement with the actions the holder needs; keep administrator access on a few roles behind MFA, using the AWS-managed AdministratorAccess policy.',
  docs: [
    {
      title: 'Security best practices in IAM: Apply least-privilege permissions',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    const admins = ctx.escalation ? new Set(ctx.escalation.admins) : undefined;
    for (const ref of identityPolicies(ctx.snapshot)) {
      const holders = holdersOf(ctx.snapshot, ref);
      // When the escalation graph is known and no holder is an administrator (a Deny or a
      // boundary elsewhere takes the grant back), the policy is a latent risk, not a live one.
      const latent = admins !== undefined && holders.length > 0 && !holders.some((h) => admins.has(h));
      ref.document.Statement.forEach((s, index) => {
        if (shadowedInPolicy(ref.document.Statement, s) || s.Effect !== 'Allow' || !coversAllResources(s))
          return;
        const all = s.Action ? s.Action.some((a) => a === '*' || a === '*:*') : s.NotAction !== undefined;
        if (!all) return;
        const what = s.Action
          ? '`*`'
          : `every action but ${(s.NotAction ?? []).map((a) => `\`${a}\``).join(', ')}`;
        out.push(
          makeFinding(rule, {
            title: `${ref.kind} policy \`${ref.name}\`${ref.holder ? ` of \`${ref.holder}\`` : ''} allows ${what} on \`*\`${hasConditions(s) ? ' (with conditions)' : ''}${latent ? ' (no holder is an administrator: denied elsewhere)' : ''}`,
            ...(latent ? { severity: 'low' as const } : {}),
            ...policySubject(ref),
            discriminator: `${ref.name}:${index}`,
            statements: [quoteIdentityStatement(ref, s, index)],
            values: [
              ['conditional', hasConditions(s)],
              ['holders', holders],
            ],
          }),
        );
      });
    }
    return out;
  },
};
