// Rule trust.saml.audience-missing: a SAML trust statement without a `SAML:aud` condition.
// Pure: imports only core/model and core/analyze.
//
// AWS "Create a role for a third-party identity provider (SAML 2.0 federation)"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html) and
// "Available keys for SAML-based AWS STS federation"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml):
// `SAML:aud` is the endpoint the assertion is addressed to; the console's trust policy requires
// the AWS sign-in endpoint.
import type { Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { conditionsOn, principalEntries } from '../policies';
import { quoteTrust, trustStatements } from '../trust';

/** The rule. */
export const rule: Rule = {
  id: 'trust.saml.audience-missing',
  title: 'SAML trust without a SAML:aud condition',
  severity: 'low',
  description:
    'A trust policy allows `sts:AssumeRoleWithSAML` from a SAML provider without a `SAML:aud` condition, so an assertion the provider addressed to another service provider is accepted.',
  remediation: 'Add `"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}` to the statement.',
  docs: [
    {
      title: 'Create a role for a third-party identity provider (SAML 2.0 federation)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html',
    },
  ],
  run(ctx) {
    return trustStatements(ctx.snapshot.roles, 'sts:AssumeRoleWithSAML')
      .filter(
        (t) =>
          principalEntries(t.statement.Principal).some(
            (e) => e.type === 'Federated' && e.value.includes(':saml-provider/'),
          ) && conditionsOn(t.statement, 'SAML:aud').length === 0,
      )
      .map((t) =>
        makeFinding(rule, {
          title: `role \`${t.role.name}\` accepts SAML assertions without checking \`SAML:aud\``,
          principal: t.role.arn,
          discriminator: String(t.index),
          statements: [quoteTrust(t)],
        }),
      );
  },
};
