// Rule hygiene.statement.shadowed: an Allow statement that an unconditional Deny of the same
// policy always overrides, so it can never apply. Pure: imports only core/model, core/policy and
// core/analyze.
//
// AWS "Policy evaluation logic", section "Determining whether a request is allowed or denied
// within an account" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit deny in any policy overrides any allow.

import type { PolicyStatement } from '../../model/policy';
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { identityPolicies, policySubject, quoteIdentityStatement } from '../policies';
import { shadows } from '../shadow';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.statement.shadowed',
  title: 'Allow statement overridden by a Deny of the same policy',
  severity: 'low',
  description:
    'An Allow statement of an inline or customer-managed policy whose every action and resource an unconditional Deny statement of the same policy also names: the Allow never grants anything. Usually a mistake in the policy (the author meant something else).',
  remediation: 'Remove the dead Allow statement or fix the Deny that overrides it.',
  docs: [
    {
      title: 'Policy evaluation logic',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const ref of identityPolicies(ctx.snapshot)) {
      const statements = ref.document.Statement;
      statements.forEach((allow, index) => {
        if (allow.Effect !== 'Allow') return;
        const denyIndex = statements.findIndex((d) => shadows(d, allow));
        if (denyIndex < 0) return;
        out.push(
          makeFinding(rule, {
            title: `${ref.kind} policy \`${ref.name}\`: statement ${index} is always overridden by Deny statement ${denyIndex}`,
            ...policySubject(ref),
            discriminator: `${ref.name}:${index}`,
            statements: [
              quoteIdentityStatement(ref, allow, index),
              quoteIdentityStatement(ref, statements[denyIndex] as PolicyStatement, denyIndex),
            ],
          }),
        );
      });
    }
    return out;
  },
};
