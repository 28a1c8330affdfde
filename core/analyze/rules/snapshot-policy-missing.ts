// Rule snapshot.policy.document-missing: a managed policy attached to an identity is not in the
// snapshot, so that identity's permissions are incomplete. Pure: imports only core/model and
// core/analyze.
//
// AWS "GetAccountAuthorizationDetails" (IAM API Reference,
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html):
// the `Policies` list holds the managed policies in use only when the call is not filtered.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'snapshot.policy.document-missing',
  title: 'Attached policy not in the snapshot',
  severity: 'medium',
  description:
    'A user, group or role has a managed policy attached that the snapshot does not contain, so the analysis cannot see what it grants or denies.',
  remediation:
    'Pull again with `get-account-authorization-details` unfiltered (it lists every managed policy in use).',
  docs: [
    {
      title: 'GetAccountAuthorizationDetails (IAM API Reference)',
      url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html',
    },
  ],
  run(ctx) {
    const s = ctx.snapshot;
    const out: Finding[] = [];
    for (const e of [...s.users, ...s.groups, ...s.roles]) {
      for (const a of e.attachedPolicies) {
        if (s.byArn.get(a.arn)?.kind === 'policy') continue;
        out.push(
          makeFinding(rule, {
            title: `${e.kind} \`${e.name}\`: attached policy \`${a.name}\` is not in the snapshot`,
            principal: e.arn,
            resource: a.arn,
            values: [['policy', a.arn]],
          }),
        );
      }
    }
    return out;
  },
};
