// Prepares a request for the engine: who the principal is, which account owns the resource, and the
// request context with the global keys AWS sets itself. Imports only core/model and core/policy.
import type { ContextValue, RequestContext } from '../model/context';
import type { PrincipalInfo, RequestPrincipal, SimulationRequest } from '../model/evaluate';
import { parseArn } from '../policy/arn';

/** A request ready for `evaluatePrepared`: parsed principal, owning account and full context. */
export interface PreparedRequest {
  readonly principal: PrincipalInfo;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string | undefined;
  readonly context: RequestContext;
  /** The keys the engine added to the context (for the explanation). */
  readonly derivedKeys: { readonly [key: string]: ContextValue };
}

/** A request context over a map; keys are looked up case-insensitively, as AWS compares condition keys. */
export class MapContext implements RequestContext {
  private readonly values = new Map<string, ContextValue>();
  /** Changes with every value set (see RequestContext.revision). */
  revision = 0;

  constructor(entries: Iterable<readonly [string, ContextValue]> = []) {
    for (const [k, v] of entries) this.values.set(k.toLowerCase(), v);
  }

  /** The value of `key` (any case), or undefined. */
  get(key: string): ContextValue | undefined {
    return this.values.get(key.toLowerCase());
  }

  /** Sets `key` unless the context already has it. */
  setDefault(key: string, value: ContextValue): boolean {
    const k = key.toLowerCase();
    if (this.values.has(k)) return false;
    this.values.set(k, value);
    this.revision++;
    return true;
  }
}

// AWS "IAM JSON policy elements: Principal", "Web identity session principals": the identity
// providers named in a `Federated` principal without an ARN.
const WEB_IDENTITY_PROVIDERS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

/** Error thrown for a principal the engine cannot understand. */
export class RequestError extends Error {}

/** Parses the `principal` of a request: an IAM or STS ARN, an account id, a service principal, or anonymous. */
export function parsePrincipal(principal: RequestPrincipal): PrincipalInfo {
  if (typeof principal !== 'string') return { kind: 'anonymous' };
  if (/^\d{12}$/.test(principal)) {
    return { kind: 'root', arn: `arn:aws:iam::${principal}:root`, account: principal, partition: 'aws' };
  }
  const arn = parseArn(principal);
  if (arn === undefined) {
    if (WEB_IDENTITY_PROVIDERS.has(principal.toLowerCase())) return { kind: 'federated', provider: principal };
    if (principal.includes('.') && !/\s/.test(principal)) return { kind: 'service', name: principal };
    throw new RequestError(`request.principal: \`${principal}\` is neither an ARN, an account id, a service principal nor {"type": "Anonymous"}`);
  }
  const { partition, service, account, resource } = arn;
  const last = resource.slice(resource.lastIndexOf('/') + 1);
  if (service === 'iam') {
    if (resource === 'root') return { kind: 'root', arn: principal, account, partition };
    if (resource.startsWith('user/')) return { kind: 'user', arn: principal, account, partition, name: last };
    if (resource.startsWith('role/')) return { kind: 'role', arn: principal, account, partition, name: last };
    if (resource.startsWith('saml-provider/') || resource.startsWith('oidc-provider/')) return { kind: 'federated', provider: principal };
  }
  if (service === 'sts') {
    const parts = resource.split('/');
    if (parts[0] === 'assumed-role' && parts.length >= 3) {
      const roleName = parts[1] as string;
      return {
        kind: 'assumedRole',
        arn: principal,
        account,
        partition,
        roleName,
        sessionName: parts.slice(2).join('/'),
        roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      };
    }
    if (parts[0] === 'federated-user' && parts.length >= 2) {
      return { kind: 'federatedUser', arn: principal, account, partition, name: parts.slice(1).join('/') };
    }
  }
  throw new RequestError(`request.principal: \`${principal}\` is not the ARN of a user, role, role session, federated user or root`);
}

/** The account of an IAM principal, or undefined for services, web identities and anonymous. */
export function principalAccount(p: PrincipalInfo): string | undefined {
  return 'account' in p ? p.account : undefined;
}

/**
 * Builds the request context: the request's own keys, then the global keys AWS sets from the
 * principal and the resource where the request did not give them.
 * AWS "AWS global condition context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * - aws:PrincipalArn: the user's ARN, the role's ARN for a role session (not the session ARN),
 *   the federated user's ARN, the root ARN; not set for service principals or anonymous requests.
 * - aws:PrincipalAccount: the account of the principal ("Principal properties").
 * - aws:PrincipalType: `Account` (root), `User`, `FederatedUser`, `AssumedRole`, `Anonymous`.
 * - aws:username: IAM users only.
 * - aws:userid: the account id for root, `account:caller-specified-name` for federated users,
 *   `anonymous` for anonymous requests (user and role ids are not derivable from ARNs).
 * - aws:PrincipalIsAWSService: `true` for a service principal, `false` otherwise (always present).
 * - aws:PrincipalServiceName: the service principal's name.
 * - aws:ResourceAccount: the account that owns the resource.
 * Keys that depend on the network, time or session (aws:SourceIp, aws:CurrentTime,
 * aws:MultiFactorAuthPresent…) are never invented: a case gives them or they are absent.
 */
export function buildContext(
  principal: PrincipalInfo,
  resourceAccount: string | undefined,
  given: { readonly [key: string]: ContextValue } | undefined,
): { context: MapContext; derivedKeys: { [key: string]: ContextValue } } {
  const context = new MapContext(given ? Object.entries(given) : []);
  const derived: [string, ContextValue][] = [];
  const add = (key: string, value: ContextValue | undefined): void => {
    if (value !== undefined && context.setDefault(key, value)) derived.push([key, value]);
  };
  switch (principal.kind) {
    case 'user':
      add('aws:PrincipalArn', principal.arn);
      add('aws:PrincipalAccount', principal.account);
      add('aws:PrincipalType', 'User');
      add('aws:username', principal.name);
      break;
    case 'role':
    case 'assumedRole':
      add('aws:PrincipalArn', principal.kind === 'role' ? principal.arn : principal.roleArn);
      add('aws:PrincipalAccount', principal.account);
      add('aws:PrincipalType', 'AssumedRole');
      break;
    case 'federatedUser':
      add('aws:PrincipalArn', principal.arn);
      add('aws:PrincipalAccount', principal.account);
      add('aws:PrincipalType', 'FederatedUser');
      add('aws:userid', `${principal.account}:${principal.name}`);
      break;
    case 'root':
      add('aws:PrincipalArn', principal.arn);
      add('aws:PrincipalAccount', principal.account);
      add('aws:PrincipalType', 'Account');
      add('aws:userid', principal.account);
      break;
    case 'anonymous':
      add('aws:PrincipalType', 'Anonymous');
      add('aws:userid', 'anonymous');
      break;
    case 'service':
      add('aws:PrincipalServiceName', principal.name);
      break;
    case 'federated':
      break;
  }
  add('aws:PrincipalIsAWSService', principal.kind === 'service' ? 'true' : 'false');
  add('aws:ResourceAccount', resourceAccount);
  return { context, derivedKeys: Object.fromEntries(derived) };
}

/** What the snapshot knows of a user or role beyond its ARN (see `principalEntityKeys`). */
export interface PrincipalEntityFacts {
  readonly kind: 'user' | 'role';
  /** The unique id (`UserId` / `RoleId`); empty when the input lacks it. */
  readonly id: string;
  readonly account: string | undefined;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

/** The organisation the snapshot's account belongs to. */
export interface PrincipalOrgFacts {
  readonly id?: string;
  /** The snapshot's account: the organisation's keys are set for its principals only. */
  readonly account: string;
}

/**
 * The context keys AWS sets from a user's or role's IAM entity that its ARN does not show, for
 * requests made by the user or by the role's sessions. AWS "AWS global condition context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
 * "Principal properties":
 * - aws:PrincipalTag/<tag-key>: the tags attached to the principal, one key per tag ("Pass session
 *   tags in AWS STS": a role session carries the role's tags; a session tag with the same key
 *   overrides the role's, so a query's own value wins here too).
 * - aws:userid: for an IAM user its unique id (`AIDA…`); for a role session it is
 *   `role-id:session-name`, which a snapshot cannot know, so it is not set for roles.
 * - aws:PrincipalOrgID: the organisation's id, for principals of an account in an organisation.
 * aws:PrincipalOrgPaths is left unset: whether the path AWS puts there ends at the account or its
 * parent OU is not something a bundle's path settles, so a policy testing it stays conditional.
 * Tag keys come from input data: the result is a list of pairs, never a record.
 */
export function principalEntityKeys(entity: PrincipalEntityFacts, org: PrincipalOrgFacts | undefined): [string, ContextValue][] {
  const out: [string, ContextValue][] = [];
  const seen = new Set<string>();
  for (const t of entity.tags) {
    const key = `aws:PrincipalTag/${t.key}`;
    // IAM tag keys are unique regardless of case; keep the first should an input repeat one.
    if (seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    out.push([key, t.value]);
  }
  if (entity.kind === 'user' && entity.id !== '') out.push(['aws:userid', entity.id]);
  if (org !== undefined && entity.account !== undefined && entity.account === org.account) {
    if (org.id !== undefined && org.id !== '') out.push(['aws:PrincipalOrgID', org.id]);
  }
  return out;
}

/**
 * The account that owns the resource: the request's `resourceAccount`, else the ARN's account
 * field, else (ARNs without one, such as S3 buckets) the principal's account.
 */
export function resolveResourceAccount(request: SimulationRequest, principal: PrincipalInfo): string | undefined {
  if (request.resourceAccount !== undefined && request.resourceAccount !== '') return request.resourceAccount;
  const arn = parseArn(request.resource);
  if (arn !== undefined && /^\d{12}$/.test(arn.account)) return arn.account;
  return principalAccount(principal);
}

/** Prepares a simulation request: parses the principal and builds the context. Throws RequestError on a bad principal. */
export function prepareRequest(request: SimulationRequest): PreparedRequest {
  const principal = parsePrincipal(request.principal);
  const resourceAccount = resolveResourceAccount(request, principal);
  const { context, derivedKeys } = buildContext(principal, resourceAccount, request.context);
  return { principal, action: request.action, resource: request.resource, resourceAccount, context, derivedKeys };
}
