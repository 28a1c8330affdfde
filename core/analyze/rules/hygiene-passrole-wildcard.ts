// Rule hygiene.passrole.wildcard: `iam:PassRole` allowed on every role. Pure: imports only
// core/model and core/analyze.
//
// AWS "Grant a user permissions to pass a role to an AWS service"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html): the Resource
// of `iam:PassRole` should name the roles that may be passed (and `iam:PassedToService` the
// service); on `*` the holder can hand any role, an administrator's included, to a service that
// runs their code.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import {
  actionMatches,
  baseOperator,
  conditionsOn,
  coversAllResources,
  identityPolicies,
  policySubject,
  quoteIdentityStatement,
} from '../policies';
import { shadowedInPolicy } from '../shadow';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.passrole.wildcard',
  title: 'iam:PassRole on every role',
  severity: 'high',
  description:
    'An inline or customer-managed policy allows `iam:PassRole` (named, or by a pattern such as `iam:Pass*`; `iam:*` and `*` are reported by other rules) on `Resource: "*"` without an `iam:PassedToService` condition.',
  remediation:
    'List the role ARNs that may be passed in `Resource` and add an `iam:PassedToService` condition.',
  docs: [
    {
      title: 'Grant a user permissions to pass a role to an AWS service',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const ref of identityPolicies(ctx.snapshot)) {
      ref.document.Statement.forEach((s, index) => {
        if (
          shadowedInPolicy(ref.document.Statement, s) ||
          s.Effect !== 'Allow' ||
          !s.Action ||
          !coversAllResources(s)
        )
          return;
        const patterns = s.Action.filter(
          (a) => a !== '*' && a.toLowerCase() !== 'iam:*' && a !== '*:*' && actionMatches(a, 'iam:PassRole'),
        );
        if (patterns.length === 0) return;
        const limited = conditionsOn(s, 'iam:PassedToService').some(
          (c) => !baseOperator(c.operator).includes('Not'),
        );
        if (limited) return;
        out.push(
          makeFinding(rule, {
            title: `${ref.kind} policy \`${ref.name}\`${ref.holder ? ` of \`${ref.holder}\`` : ''} allows \`iam:PassRole\` on \`*\``,
            ...policySubject(ref),
            discriminator: `${ref.name}:${index}`,
            statements: [quoteIdentityStatement(ref, s, index)],
            values: [['actions', patterns]],
          }),
        );
      });
    }
    return out;
  },
};
