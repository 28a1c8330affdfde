// Validation of a normalised policy document before evaluation: the grammar rules AWS enforces
// (errors, with JSON paths) and what the catalogue cannot confirm (warnings). The engine never
// guesses: a document with errors is not evaluated. Imports only core (model, policy, catalog,
// evaluate/conditions for the operator names).
import type { Diagnostic } from '../model/diagnostic';
import type { PolicyDocument, PolicyPrincipal, PolicyStatement } from '../model/policy';
import { getCatalog, type Catalog } from '../catalog/catalog';
import { isKnownConditionOperator } from '../evaluate/conditions/index';
import { arnPatternProblems, hasServiceWildcard } from './arn';
import { parseTemplate } from './variables';

/** Where a policy is used, for validation (core/model/evaluate.ts `PolicyKind` plus `trust`); the rules differ (AWS "Policies and permissions in IAM", policy types). */
export type PolicyValidationKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp' | 'endpoint';

/** Every policy kind, in a stable order. */
export const POLICY_KINDS: readonly PolicyValidationKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp', 'endpoint'];

// AWS "IAM JSON policy elements: Version": the two versions AWS has defined.
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
// AWS "AWS JSON policy elements: Principal": the principal types.
const PRINCIPAL_TYPES = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);
// Kinds whose statements name no principal: the principal is the identity the policy is attached
// to (AWS "AWS JSON policy elements: Principal": "You cannot use the Principal element in an
// identity-based policy"; permissions boundaries and session policies are identity-based policy
// documents; AWS Organizations "SCP syntax": the elements summary has no Principal/NotPrincipal).
const NO_PRINCIPAL = new Set<PolicyValidationKind>(['identity', 'boundary', 'session', 'scp']);
// Kinds whose statements must name a principal (AWS "Principal": "You must use the Principal
// element in resource-based policies", and a role trust policy is one; AWS Organizations "RCP
// syntax": the Principal element).
const NEEDS_PRINCIPAL = new Set<PolicyValidationKind>(['resource', 'trust', 'rcp']);
// AWS "AWS JSON policy elements: NotPrincipal": supported in resource-based policies (including
// VPC endpoint policies), "You cannot use the NotPrincipal element in an IAM identity-based
// policy nor in an IAM role trust policy".
const NOT_PRINCIPAL_ALLOWED = new Set<PolicyValidationKind>(['resource', 'endpoint']);

function join(path: string, segment: string): string {
  if (!path) return segment;
  return segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}

class Collector {
  readonly diagnostics: Diagnostic[] = [];
  error(id: string, path: string, message: string): void {
    this.diagnostics.push({ id, severity: 'error', path, message });
  }
  warning(id: string, path: string, message: string): void {
    this.diagnostics.push({ id, severity: 'warning', path, message });
  }
}

/** The pattern with each policy variable replaced by a placeholder, so its colons are not counted. */
function withoutVariables(pattern: string, variables: boolean): string {
  if (!variables || !pattern.includes('${')) return pattern;
  return parseTemplate(pattern)
    .map((p) => (p.kind === 'variable' ? 'x' : p.text))
    .join('');
}

function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Checks one Action/NotAction entry: `*` or `service:action` (AWS "IAM JSON policy elements: Action"). */
function checkAction(c: Collector, action: string, path: string, kind: PolicyValidationKind, catalog: Catalog | null): void {
  if (action === '*') return;
  const colon = action.indexOf(':');
  const service = colon < 0 ? '' : action.slice(0, colon);
  const name = colon < 0 ? '' : action.slice(colon + 1);
  if (colon <= 0 || name.length === 0 || name.includes(':') || /\s/.test(action)) {
    c.error('policy.action.invalid', path, `action \`${action}\` is not of the form \`service:action\``);
    return;
  }
  if (catalog === null) return;
  if (!hasWildcard(service)) {
    const svc = catalog.service(service);
    if (svc === undefined) {
      c.warning('policy.action.service.unknown', path, `unknown service prefix \`${service}\` in action \`${action}\``);
      return;
    }
    // AWS Organizations "RCP syntax": RCPs apply only to the services the RCP documentation lists.
    if (kind === 'rcp' && !svc.rcpSupported) {
      c.warning('rcp.action.service.unsupported', path, `resource control policies do not support service \`${service}\``);
    }
  }
  if (catalog.expandActionPattern(action).length === 0) {
    if (hasWildcard(action)) c.warning('policy.action.pattern.empty', path, `action pattern \`${action}\` matches no known action`);
    else c.warning('policy.action.unknown', path, `unknown action \`${action}\``);
  }
}

/** Checks a Principal/NotPrincipal value (AWS "AWS JSON policy elements: Principal"). */
function checkPrincipal(c: Collector, principal: PolicyPrincipal, path: string): void {
  if (principal === '*') return;
  for (const [type, values] of Object.entries(principal)) {
    const at = join(path, type);
    if (!PRINCIPAL_TYPES.has(type)) {
      c.error('policy.principal.type.unknown', at, `unknown principal type \`${type}\` (expected AWS, Federated, Service or CanonicalUser)`);
      continue;
    }
    values.forEach((v, i) => {
      const vp = join(at, `[${i}]`);
      if (v.length === 0) c.error('policy.principal.value.invalid', vp, 'empty principal');
      else if (type === 'AWS' && v !== '*' && !/^\d{12}$/.test(v) && !v.startsWith('arn:')) {
        c.error('policy.principal.value.invalid', vp, `AWS principal \`${v}\` is not \`*\`, an account id or an ARN`);
      }
    });
  }
}

function isWildcardPrincipal(p: PolicyPrincipal): boolean {
  if (p === '*') return true;
  const entries = Object.entries(p);
  return entries.length === 1 && entries[0]?.[0] === 'AWS' && entries[0][1].length === 1 && entries[0][1][0] === '*';
}

function checkStatement(
  c: Collector,
  s: PolicyStatement,
  path: string,
  kind: PolicyValidationKind,
  variables: boolean,
  catalog: Catalog | null,
): void {
  // AWS "IAM JSON policy elements: Effect": the value is Allow or Deny (case-sensitive).
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    c.error('policy.statement.effect.invalid', join(path, 'Effect'), `effect \`${s.Effect}\` is neither \`Allow\` nor \`Deny\``);
  }

  // AWS "IAM JSON policy elements: Action" / "NotAction": a statement has exactly one of them.
  if (s.Action === undefined && s.NotAction === undefined) {
    c.error('policy.statement.action.missing', path, 'statement has neither `Action` nor `NotAction`');
  } else if (s.Action !== undefined && s.NotAction !== undefined) {
    c.error('policy.statement.action.both', path, 'statement has both `Action` and `NotAction`');
  }
  for (const key of ['Action', 'NotAction'] as const) {
    const list = s[key];
    if (list === undefined) continue;
    if (list.length === 0) c.error('policy.statement.action.empty', join(path, key), `\`${key}\` is empty`);
    list.forEach((a, i) => checkAction(c, a, join(path, `${key}[${i}]`), kind, catalog));
  }
  // AWS Organizations "RCP syntax": the elements summary has Action but not NotAction.
  if (kind === 'rcp' && s.NotAction !== undefined) {
    c.error('rcp.notaction.unsupported', join(path, 'NotAction'), 'resource control policies do not support `NotAction`');
  }

  // AWS "IAM JSON policy elements: Resource": "Statements must include either a Resource or a
  // NotResource element". A role trust policy is the exception: its resource is the role itself
  // (AWS "Principal", "Specifying a principal in a role trust policy"; trust policies carry no Resource).
  if (s.Resource !== undefined && s.NotResource !== undefined) {
    c.error('policy.statement.resource.both', path, 'statement has both `Resource` and `NotResource`');
  } else if (s.Resource === undefined && s.NotResource === undefined && kind !== 'trust') {
    c.error('policy.statement.resource.missing', path, 'statement has neither `Resource` nor `NotResource`');
  }
  for (const key of ['Resource', 'NotResource'] as const) {
    const list = s[key];
    if (list === undefined) continue;
    if (list.length === 0) c.error('policy.statement.resource.empty', join(path, key), `\`${key}\` is empty`);
    list.forEach((r, i) => {
      const at = join(path, `${key}[${i}]`);
      const plain = withoutVariables(r, variables);
      const problems = arnPatternProblems(plain);
      if (problems.length > 0) {
        c.error('policy.resource.arn.invalid', at, `resource \`${r}\` is not \`*\` or an ARN: it ${problems.join(', ')}`);
      } else if (plain !== '*' && hasServiceWildcard(plain)) {
        // AWS "IAM JSON policy elements: Resource", "Using wildcards in resource ARNs": "You can't
        // use a wildcard in the service segment that identifies the AWS product".
        c.warning('policy.resource.arn.service-wildcard', at, `resource \`${r}\` has a wildcard in its service segment`);
      }
    });
  }

  // Principal / NotPrincipal by policy kind.
  if (s.Principal !== undefined && s.NotPrincipal !== undefined) {
    c.error('policy.statement.principal.both', path, 'statement has both `Principal` and `NotPrincipal`');
  }
  if (NO_PRINCIPAL.has(kind)) {
    for (const key of ['Principal', 'NotPrincipal'] as const) {
      if (s[key] !== undefined) c.error('policy.statement.principal.unexpected', join(path, key), `a ${kind} policy cannot have \`${key}\``);
    }
  } else {
    if (s.Principal === undefined && s.NotPrincipal === undefined) {
      if (NEEDS_PRINCIPAL.has(kind)) c.error('policy.statement.principal.missing', path, `a ${kind} policy statement needs \`Principal\``);
      else c.warning('policy.statement.principal.missing', path, `a ${kind} policy statement has no \`Principal\``);
    }
    if (s.NotPrincipal !== undefined) {
      if (!NOT_PRINCIPAL_ALLOWED.has(kind)) {
        c.error('policy.statement.notprincipal.unexpected', join(path, 'NotPrincipal'), `a ${kind} policy cannot have \`NotPrincipal\``);
      } else if (s.Effect === 'Allow') {
        // AWS "NotPrincipal": "NotPrincipal must be used with "Effect":"Deny"".
        c.error('policy.statement.notprincipal.allow', join(path, 'NotPrincipal'), '`NotPrincipal` must be used with `Deny`');
      }
      checkPrincipal(c, s.NotPrincipal, join(path, 'NotPrincipal'));
    }
    if (s.Principal !== undefined) {
      checkPrincipal(c, s.Principal, join(path, 'Principal'));
      // AWS Organizations "RCP syntax", "Principal element": only `*` (narrow with conditions).
      if (kind === 'rcp' && !isWildcardPrincipal(s.Principal)) {
        c.error('rcp.principal.not-wildcard', join(path, 'Principal'), 'the principal of a resource control policy must be `*`');
      }
    }
  }

  // AWS Organizations "RCP syntax": "The effect of Allow is only supported for the RCPFullAWSAccess policy".
  if (kind === 'rcp' && s.Effect === 'Allow') {
    const full =
      (s.Action ?? []).includes('*') && (s.Resource ?? []).includes('*') && s.Condition === undefined;
    if (!full) c.warning('rcp.effect.allow', join(path, 'Effect'), '`Allow` in a resource control policy is only supported for `RCPFullAWSAccess`');
  }

  // AWS "IAM JSON policy elements: Condition operators": unknown operators are rejected.
  if (s.Condition !== undefined) {
    for (const [operator, keys] of Object.entries(s.Condition)) {
      const at = join(path, `Condition.${operator}`);
      if (!isKnownConditionOperator(operator)) {
        c.error('policy.condition.operator.unknown', at, `unknown condition operator \`${operator}\``);
        continue;
      }
      if (Object.keys(keys).length === 0) c.warning('policy.condition.keys.empty', at, `condition operator \`${operator}\` has no keys`);
    }
  }
}

/**
 * Validates a normalised policy document used as `kind`. Errors make the document unusable;
 * warnings (unknown actions, unknown services) do not. `catalog` defaults to the built-in
 * catalogue; pass null to skip the catalogue checks.
 */
export function validatePolicy(document: PolicyDocument, path: string, kind: PolicyValidationKind, catalog?: Catalog | null): Diagnostic[] {
  const c = new Collector();
  const cat = catalog === undefined ? getCatalog() : catalog;
  const version = document.Version;
  if (version === undefined) {
    // AWS Organizations "RCP syntax", "Version element": every RCP must include Version 2012-10-17.
    if (kind === 'rcp') c.error('rcp.version.required', join(path, 'Version'), 'a resource control policy needs `Version` `2012-10-17`');
    // AWS "IAM JSON policy elements: Version": without Version, 2008-10-17 applies (no policy variables).
    else c.warning('policy.version.missing', join(path, 'Version'), 'no `Version`: AWS applies `2008-10-17`, where policy variables are plain text');
  } else if (!VERSIONS.has(version)) {
    c.error('policy.version.unsupported', join(path, 'Version'), `unsupported version \`${version}\` (expected \`2012-10-17\` or \`2008-10-17\`)`);
  } else if (kind === 'rcp' && version !== '2012-10-17') {
    c.error('rcp.version.required', join(path, 'Version'), 'a resource control policy needs `Version` `2012-10-17`');
  }
  const variables = version === '2012-10-17';
  if (document.Statement.length === 0) c.warning('policy.statement.empty', join(path, 'Statement'), 'policy has no statement');
  const sids = new Map<string, number>();
  document.Statement.forEach((s, i) => {
    const at = join(path, `Statement[${i}]`);
    checkStatement(c, s, at, kind, variables, cat);
    if (s.Sid !== undefined && s.Sid !== '') {
      // AWS "IAM JSON policy elements: Sid": in IAM, the Sid must be unique within a policy.
      const first = sids.get(s.Sid);
      if (first !== undefined) c.warning('policy.statement.sid.duplicate', join(at, 'Sid'), `sid \`${s.Sid}\` repeats Statement[${first}]`);
      else sids.set(s.Sid, i);
    }
  });
  return c.diagnostics;
}
