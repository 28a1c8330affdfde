// Rule trust.oidc.github-subject: a role trusts GitHub Actions' OIDC provider without limiting
// the token's subject to your repositories. Pure: imports only core/model and core/analyze.
//
// AWS "Create a role for OpenID Connect federation (console)", section "Configuring a role for
// GitHub OIDC identity provider"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub):
// the trust policy must evaluate `token.actions.githubusercontent.com:sub` so that only the
// intended organisation, repository or branch can assume the role; without it any GitHub
// repository's workflow can request credentials.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { baseOperator, conditionsOn, principalEntries } from '../policies';
import { quoteTrust, trustStatements } from '../trust';

const GITHUB = 'token.actions.githubusercontent.com';
const SUB_KEY = `${GITHUB}:sub`;
const POSITIVE = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase']);

/**
 * True when a `sub` pattern names a repository owner literally: `repo:<owner>/…` with no wildcard
 * in the owner. Other claim formats (customised subjects) count when they do not start with a
 * wildcard.
 */
export function subjectLimitsOwner(value: string): boolean {
  if (value.startsWith('repo:')) {
    const slash = value.indexOf('/', 5);
    if (slash <= 5) return false;
    const owner = value.slice(5, slash);
    return !owner.includes('*') && !owner.includes('?');
  }
  return value !== '' && !value.startsWith('*') && !value.startsWith('?');
}

/** The rule. */
export const rule: Rule = {
  id: 'trust.oidc.github-subject',
  title: 'GitHub Actions role assumable from any repository',
  severity: 'critical',
  description:
    "A trust policy allows `sts:AssumeRoleWithWebIdentity` from the GitHub Actions OIDC provider without a `token.actions.githubusercontent.com:sub` condition that names the repository owner (missing, or only wildcards such as `*` or `repo:*`): any workflow in any GitHub repository can obtain the role's credentials.",
  remediation:
    'Add `"StringLike": {"token.actions.githubusercontent.com:sub": "repo:<org>/<repo>:ref:refs/heads/<branch>"}` (or an environment) beside the `aud` condition.',
  docs: [
    {
      title:
        'Create a role for OpenID Connect federation: Configuring a role for GitHub OIDC identity provider',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    },
  ],
  run(ctx) {
    const out: Finding[] = [];
    for (const t of trustStatements(ctx.snapshot.roles, 'sts:AssumeRoleWithWebIdentity')) {
      const github = principalEntries(t.statement.Principal).some(
        (e) => e.type === 'Federated' && (e.value === GITHUB || e.value.endsWith(`:oidc-provider/${GITHUB}`)),
      );
      if (!github) continue;
      // Several condition entries are ANDed, the values of one entry ORed (AWS "Condition
      // element": "Creating a condition with multiple keys or values").
      const subs = conditionsOn(t.statement, SUB_KEY).filter((c) => POSITIVE.has(baseOperator(c.operator)));
      const limited = subs.some((c) => c.values.length > 0 && c.values.every(subjectLimitsOwner));
      if (limited) continue;
      const values = subs.flatMap((c) => c.values);
      out.push(
        makeFinding(rule, {
          title:
            values.length === 0
              ? `role \`${t.role.name}\` trusts GitHub Actions without a \`sub\` condition: any repository can assume it`
              : `role \`${t.role.name}\` trusts GitHub Actions with a wildcard \`sub\`: any repository can assume it`,
          principal: t.role.arn,
          discriminator: String(t.index),
          statements: [quoteTrust(t)],
          values: [['subjectCondition', values]],
        }),
      );
    }
    return out;
  },
};
