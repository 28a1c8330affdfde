// Rule trust.saml.federation: lists the roles that federate through a SAML provider, with the
// `SAML:aud` check. Pure: imports only core/model and core/analyze.
//
// AWS "Create a role for a third-party identity provider (SAML 2.0 federation)"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html): the trust
// policy names the SAML provider and, as the console writes it, requires `SAML:aud` to be the AWS
// sign-in endpoint.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { conditionsOn, principalEntries } from '../policies';
import { quoteTrust, trustStatements } from '../trust';

/** The rule. */
export const rule: Rule = {
  id: 'trust.saml.federation',
  title: 'Role federated through SAML',
  severity: 'info',
  description:
    'A role can be assumed with `sts:AssumeRoleWithSAML` through a SAML identity provider: whoever the provider authenticates (and maps to the role) gets it. The evidence says whether the statement checks `SAML:aud`; a statement without it is also reported by `trust.saml.audience-missing`.',
  remediation: 'Review who the identity provider maps to this role.',
  docs: [
    {
      title: 'Create a role for a third-party identity provider (SAML 2.0 federation)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const t of trustStatements(ctx.snapshot.roles, 'sts:AssumeRoleWithSAML')) {
      const providers = principalEntries(t.statement.Principal)
        .filter((e) => e.type === 'Federated' && e.value.includes(':saml-provider/'))
        .map((e) => e.value);
      if (providers.length === 0) continue;
      const aud = conditionsOn(t.statement, 'SAML:aud').flatMap((c) => c.values);
      out.push(
        makeFinding(rule, {
          title: `role \`${t.role.name}\` federates through SAML provider ${providers.map((p) => `\`${p.slice(p.indexOf('/') + 1)}\``).join(', ')}`,
          principal: t.role.arn,
          discriminator: String(t.index),
          statements: [quoteTrust(t)],
          values: [
            ['samlProviders', providers],
            ['samlAudCondition', aud.length > 0],
            ['samlAud', aud],
          ],
        }),
      );
    }
    return out;
  },
};
