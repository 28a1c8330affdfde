// Rule hygiene.action.service-wildcard: a policy allows every action of another service (`ecs:*`…).
// Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege);
// a service wildcard also grants every action the service adds later.
import type { Rule } from '../../model/finding';
import { WILDCARD_DOCS, wildcardFindings } from '../wildcards';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.action.service-wildcard',
  title: 'Every action of a service',
  severity: 'low',
  description:
    'An inline or customer-managed policy allows `<service>:*` for a service not in the sensitive list, on any resource.',
  remediation: 'List the actions the holder needs.',
  docs: WILDCARD_DOCS,
  run: (ctx) => wildcardFindings(rule, ctx, false),
};
