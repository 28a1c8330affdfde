// The registry of every finding rule, in a stable order (docs/rules.md is generated from it).
// Pure: imports only the rule files.
import type { Rule } from '../model/finding';
import { rule as adminFull } from './rules/admin-full';
import { rule as adminShadow } from './rules/admin-shadow';
import { rule as credentialsAccessKeyRotation } from './rules/credentials-access-key-rotation';
import { rule as credentialsAccessKeyTwoActive } from './rules/credentials-access-key-two-active';
import { rule as credentialsAccessKeyUnused } from './rules/credentials-access-key-unused';
import { rule as credentialsConsoleNoMfa } from './rules/credentials-console-no-mfa';
import { rule as credentialsPasswordPolicyMissing } from './rules/credentials-password-policy-missing';
import { rule as credentialsPasswordPolicyWeak } from './rules/credentials-password-policy-weak';
import { rule as credentialsPasswordUnused } from './rules/credentials-password-unused';
import { rule as credentialsRootAccessKey } from './rules/credentials-root-access-key';
import { rule as credentialsRootNoMfa } from './rules/credentials-root-no-mfa';
import { rule as escalationPathAdmin } from './rules/escalation-path-admin';
import { rule as hygieneActionSensitiveWildcard } from './rules/hygiene-action-sensitive-wildcard';
import { rule as hygieneActionServiceWildcard } from './rules/hygiene-action-service-wildcard';
import { rule as hygieneBoundaryInconsistent } from './rules/hygiene-boundary-inconsistent';
import { rule as hygienePassroleWildcard } from './rules/hygiene-passrole-wildcard';
import { rule as hygienePolicyFullAdmin } from './rules/hygiene-policy-full-admin';
import { rule as hygienePolicyUnattached } from './rules/hygiene-policy-unattached';
import { rule as hygieneRoleUnused } from './rules/hygiene-role-unused';
import { rule as hygieneStatementShadowed } from './rules/hygiene-statement-shadowed';
import { rule as resourcePolicyCrossAccount } from './rules/resource-policy-cross-account';
import { rule as resourcePolicyPublic } from './rules/resource-policy-public';
import { rule as resourceS3AclPublic } from './rules/resource-s3-acl-public';
import { rule as snapshotBoundaryMissing } from './rules/snapshot-boundary-missing';
import { rule as snapshotCollectionIncomplete } from './rules/snapshot-collection-incomplete';
import { rule as snapshotPolicyMissing } from './rules/snapshot-policy-missing';
import { rule as trustCrossAccountExternalId } from './rules/trust-cross-account-external-id';
import { rule as trustExternalAccounts } from './rules/trust-external-accounts';
import { rule as trustOidcAudience } from './rules/trust-oidc-audience';
import { rule as trustOidcGithubSubject } from './rules/trust-oidc-github-subject';
import { rule as trustPrincipalWildcard } from './rules/trust-principal-wildcard';
import { rule as trustSamlAudience } from './rules/trust-saml-audience';
import { rule as trustSamlFederation } from './rules/trust-saml-federation';

/** Version of the rule set; reports carry it so a result can be traced to the rules that produced it. */
export const RULESET_VERSION = '1.1.0';

/** Every rule, sorted by id. */
export const RULES: readonly Rule[] = [
  adminFull,
  adminShadow,
  credentialsAccessKeyRotation,
  credentialsAccessKeyTwoActive,
  credentialsAccessKeyUnused,
  credentialsConsoleNoMfa,
  credentialsPasswordPolicyMissing,
  credentialsPasswordPolicyWeak,
  credentialsPasswordUnused,
  credentialsRootAccessKey,
  credentialsRootNoMfa,
  escalationPathAdmin,
  hygieneActionSensitiveWildcard,
  hygieneActionServiceWildcard,
  hygieneBoundaryInconsistent,
  hygienePassroleWildcard,
  hygienePolicyFullAdmin,
  hygienePolicyUnattached,
  hygieneRoleUnused,
  hygieneStatementShadowed,
  resourcePolicyCrossAccount,
  resourcePolicyPublic,
  resourceS3AclPublic,
  snapshotBoundaryMissing,
  snapshotCollectionIncomplete,
  snapshotPolicyMissing,
  trustCrossAccountExternalId,
  trustExternalAccounts,
  trustOidcAudience,
  trustOidcGithubSubject,
  trustPrincipalWildcard,
  trustSamlAudience,
  trustSamlFederation,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The rule with id `id`, if any. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
