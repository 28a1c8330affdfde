// Rule hygiene.action.sensitive-wildcard: a policy allows every action of a sensitive service (`iam:*`, `kms:*`…).
// Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege);
// a service wildcard also grants every action the service adds later.
import type { Rule } from '../../model/finding';
import { SENSITIVE_SERVICES, WILDCARD_DOCS, wildcardFindings } from '../wildcards';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.action.sensitive-wildcard',
  title: 'Every action of a sensitive service',
  severity: 'medium',
  description: `An inline or customer-managed policy allows \`<service>:*\` for a sensitive service (${SENSITIVE_SERVICES.join(', ')}), on any resource; the evidence says whether the resource is \`*\`.`,
  remediation: "List the actions the holder needs; use the service's access levels (Read, List) as a guide.",
  docs: WILDCARD_DOCS,
  run: (ctx) => wildcardFindings(rule, ctx, true),
};
