// Rule trust.oidc.audience-missing: a role trusts an OIDC provider without a condition on the
// token's audience. Pure: imports only core/model and core/analyze.
//
// AWS "Create a role for OpenID Connect federation (console)"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html) and
// "Available keys for AWS web identity federation"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif):
// `<provider>:aud` holds the client ID the token was issued for; without it a token the provider
// issued to any other application is accepted.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { baseOperator, conditionEntries, principalEntries } from '../policies';
import { quoteTrust, trustStatements } from '../trust';

/** The provider host of a Federated principal (`…:oidc-provider/<host>` or the host itself), or undefined for SAML. */
export function oidcHost(value: string): string | undefined {
  const at = value.indexOf(':oidc-provider/');
  if (at >= 0) return value.slice(at + ':oidc-provider/'.length);
  if (value.includes(':saml-provider/')) return undefined;
  return value;
}

/** The rule. */
export const rule: Rule = {
  id: 'trust.oidc.audience-missing',
  title: 'OIDC trust without an audience condition',
  severity: 'high',
  description:
    'A trust policy allows `sts:AssumeRoleWithWebIdentity` from an OIDC identity provider without a positive condition on `<provider>:aud` (or `…:azp`/`cognito-identity.amazonaws.com:aud`), so tokens the provider issued to other applications are accepted.',
  remediation: 'Add `"StringEquals": {"<provider>:aud": "<client id>"}` to the trust policy statement.',
  docs: [
    {
      title: 'Create a role for OpenID Connect federation (console)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    },
    {
      title: 'Available keys for AWS web identity federation',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const t of trustStatements(ctx.snapshot.roles, 'sts:AssumeRoleWithWebIdentity')) {
      for (const e of principalEntries(t.statement.Principal)) {
        if (e.type !== 'Federated') continue;
        const host = oidcHost(e.value);
        if (host === undefined) continue;
        const keys = [`${host}:aud`, `${host}:azp`, `${host}:oaud`].map((k) => k.toLowerCase());
        const has = conditionEntries(t.statement).some(
          (c) =>
            keys.includes(c.key.toLowerCase()) &&
            !baseOperator(c.operator).includes('Not') &&
            baseOperator(c.operator) !== 'Null' &&
            c.values.some((v) => v !== '*'),
        );
        if (has) continue;
        out.push(
          makeFinding(rule, {
            title: `role \`${t.role.name}\` trusts OIDC provider \`${host}\` without an audience condition`,
            principal: t.role.arn,
            discriminator: `${t.index}:${host}`,
            statements: [quoteTrust(t)],
            values: [['provider', e.value]],
          }),
        );
      }
    }
    return out;
  },
};
