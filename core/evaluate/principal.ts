// Principal and NotPrincipal elements: compiled once, matched against the request's principal.
// Imports only core/model and core/policy.
//
// AWS "IAM JSON policy elements: Principal"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
// - "AWS account principals": an account id or `arn:aws:iam::<id>:root` delegates to the account:
//   it matches every principal of that account, whose own policies must then allow too.
// - "IAM role principals": a role ARN matches the role's sessions; "Role session principals": an
//   assumed-role ARN matches that session only. "IAM user principals": the user's ARN.
// - "All principals": `"*"` and `{"AWS": "*"}` match everyone, anonymous requests included.
// - "AWS service principals" (`Service`) and "Federated" (web identity / SAML providers).
// - Wildcards inside a principal ARN are not allowed: entries other than `*` match exactly.
// - "Canonical user principals" (S3): request principals here are ARNs, so they never match.
import type { PolicyPrincipal } from '../model/policy';
import type { PrincipalGrant, PrincipalInfo } from '../model/evaluate';
import { parseArn } from '../policy/arn';

/** A compiled Principal or NotPrincipal element. */
export interface PrincipalSpec {
  readonly any: boolean;
  readonly arns: ReadonlySet<string>;
  readonly accounts: ReadonlySet<string>;
  /** `account/roleName` of role ARNs (paths dropped: a session ARN does not show the role's path). */
  readonly roles: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
}

/** Compiles a normalised Principal element. */
export function compilePrincipal(principal: PolicyPrincipal): PrincipalSpec {
  const spec = { any: false, arns: new Set<string>(), accounts: new Set<string>(), roles: new Set<string>(), services: new Set<string>(), federated: new Set<string>() };
  if (principal === '*') {
    spec.any = true;
    return spec;
  }
  for (const [type, values] of Object.entries(principal)) {
    for (const value of values) {
      if (type === 'AWS') {
        if (value === '*') {
          spec.any = true;
          continue;
        }
        if (/^\d{12}$/.test(value)) {
          spec.accounts.add(value);
          continue;
        }
        const arn = parseArn(value);
        if (arn?.service === 'iam' && arn.resource === 'root') spec.accounts.add(arn.account);
        else if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
          spec.roles.add(`${arn.account}/${arn.resource.slice(arn.resource.lastIndexOf('/') + 1)}`);
          spec.arns.add(value);
        } else spec.arns.add(value);
      } else if (type === 'Service') {
        if (value === '*') spec.any = true;
        else spec.services.add(value.toLowerCase());
      } else if (type === 'Federated') {
        spec.federated.add(value);
      }
      // CanonicalUser and unknown types: never match an ARN principal (see the module comment).
    }
  }
  return spec;
}

/**
 * How `spec` names principal `p`, most specific first, or null when it does not.
 * `exact` (the user, federated user or role ARN itself), `session` (the assumed-role session ARN),
 * `wildcard`, `role` (a session's role), `account`, `service`, `federated`.
 */
export function matchPrincipal(spec: PrincipalSpec, p: PrincipalInfo): PrincipalGrant | null {
  switch (p.kind) {
    case 'user':
    case 'federatedUser':
      if (spec.arns.has(p.arn)) return 'exact';
      if (spec.any) return 'wildcard';
      return spec.accounts.has(p.account) ? 'account' : null;
    case 'role':
      if (spec.arns.has(p.arn) || spec.roles.has(`${p.account}/${p.name}`)) return 'role';
      if (spec.any) return 'wildcard';
      return spec.accounts.has(p.account) ? 'account' : null;
    case 'assumedRole':
      if (spec.arns.has(p.arn)) return 'session';
      if (spec.any) return 'wildcard';
      if (spec.roles.has(`${p.account}/${p.roleName}`)) return 'role';
      return spec.accounts.has(p.account) ? 'account' : null;
    case 'root':
      if (spec.any) return 'wildcard';
      return spec.accounts.has(p.account) ? 'account' : null;
    case 'service':
      if (spec.services.has(p.name.toLowerCase())) return 'service';
      return spec.any ? 'wildcard' : null;
    case 'federated':
      if (spec.federated.has(p.provider)) return 'federated';
      return spec.any ? 'wildcard' : null;
    case 'anonymous':
      return spec.any ? 'wildcard' : null;
  }
}

/**
 * The identities AWS checks a principal as, and whether `spec` lists each of them. AWS
 * "IAM JSON policy elements: NotPrincipal": with `Deny`, a role session is excluded only when the
 * session ARN, the role ARN and the account are all listed; a user only when the user and the
 * account are listed.
 */
export function listedForms(spec: PrincipalSpec, p: PrincipalInfo): { all: boolean; some: boolean } {
  if (spec.any) return { all: true, some: true };
  let forms: boolean[];
  switch (p.kind) {
    case 'user':
    case 'federatedUser':
      forms = [spec.arns.has(p.arn), spec.accounts.has(p.account)];
      break;
    case 'role':
      forms = [spec.arns.has(p.arn) || spec.roles.has(`${p.account}/${p.name}`), spec.accounts.has(p.account)];
      break;
    case 'assumedRole':
      forms = [spec.arns.has(p.arn), spec.roles.has(`${p.account}/${p.roleName}`), spec.accounts.has(p.account)];
      break;
    case 'root':
      forms = [spec.accounts.has(p.account)];
      break;
    case 'service':
      forms = [spec.services.has(p.name.toLowerCase())];
      break;
    case 'federated':
      forms = [spec.federated.has(p.provider)];
      break;
    case 'anonymous':
      forms = [false];
      break;
  }
  return { all: forms.every(Boolean), some: forms.some(Boolean) };
}
