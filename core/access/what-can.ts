// what-can: every catalogue action a principal may perform on some resource, grouped by service and
// access level, with the statements that grant and limit each group. Walks bitsets; never evaluates
// action by action. Imports only core/; no node:*, no DOM.
import type { ActionSet } from '../catalog/action-set';
import type { AccessLevelName, StatementLimit, WhatCanGroup, WhatCanResult } from '../model/access';
import {
  statementLabel,
  type CompiledAccess,
  type PolicyUnit,
  type PrincipalAccess,
  type StatementInfo,
} from './compile';
import { AccessError, namesPrincipal } from './query';
import { parsePrincipal } from '../evaluate/request';
import type { PrincipalInfo } from '../model/evaluate';

interface Tagged {
  readonly layer: StatementLimit['layer'];
  readonly unit: PolicyUnit;
  readonly st: StatementInfo;
  /** Actions this limit does not restrict (covered by an unconditional Allow on `*` of the same layer or level). */
  readonly free?: ActionSet;
}

function limitOf(t: Tagged): StatementLimit {
  return {
    statement: statementLabel(t.unit.label, t.st.index),
    layer: t.layer,
    effect: t.st.effect,
    resources: t.st.resources,
    notResource: t.st.notResource,
    conditions: t.st.conditions,
  };
}

function resolve(
  c: CompiledAccess,
  arn: string,
): { access: NonNullable<ReturnType<CompiledAccess['byArn']['get']>>; info: PrincipalInfo } {
  const direct = c.byArn.get(arn);
  if (direct) return { access: direct, info: direct.info };
  let info: PrincipalInfo;
  try {
    info = parsePrincipal(arn);
  } catch {
    throw new AccessError(`principal: \`${arn}\` is not a user, role or role session ARN`);
  }
  const name =
    info.kind === 'assumedRole'
      ? info.roleName
      : info.kind === 'role' || info.kind === 'user'
        ? info.name
        : undefined;
  const entity =
    name === undefined
      ? undefined
      : info.kind === 'user'
        ? c.snapshot.usersByName.get(name)
        : c.snapshot.rolesByName.get(name);
  const access = entity ? c.byArn.get(entity.arn) : undefined;
  if (
    !access ||
    !('account' in info) ||
    !('account' in access.info) ||
    access.info.account !== info.account
  ) {
    throw new AccessError(`principal: \`${arn}\` is not a user or role of the snapshot`);
  }
  return { access, info };
}

/** True when the organisation's SCPs govern the principal's requests. */
function scpGoverns(c: CompiledAccess, p: PrincipalAccess): boolean {
  return c.scp !== null && p.scpApplies && 'account' in p.info && p.info.account === c.account;
}

/**
 * The catalogue actions `p` may perform on some resource through its identity policies: some
 * identity Allow covers it, so does the boundary (if any) and every SCP level (if governed), and
 * no unconditional Deny on `*` removes it. An upper bound: resources and conditions may still limit
 * each action (what-can lists them); a fresh set the caller may change.
 */
export function allowedActions(c: CompiledAccess, p: PrincipalAccess): ActionSet {
  const allowed = c.catalog.emptySet();
  const denyStar = c.catalog.emptySet();
  for (const u of p.identity) {
    u.allow.addTo(allowed);
    u.denyStar.addTo(denyStar);
  }
  // AWS "Permissions boundaries for IAM entities": effective permissions are the intersection of
  // identity-based policies and the boundary.
  if (p.boundary) {
    const b = c.catalog.emptySet();
    for (const u of p.boundary) {
      u.allow.addTo(b);
      u.denyStar.addTo(denyStar);
    }
    allowed.intersectWith(b);
  }
  if (c.scp && scpGoverns(c, p)) {
    allowed.intersectWith(c.scp.allow);
    denyStar.unionWith(c.scp.denyStar);
  }
  return allowed.subtractWith(denyStar);
}

/**
 * The catalogue actions `p` may perform on every resource whatever the context: allowed by an
 * unconditional identity Allow on `*`, likewise by the boundary and every SCP level, and covered by
 * no Deny at all (a conditional or resource-specific Deny might apply). A lower bound: with
 * `actionCount` actions, `p` is an administrator in SPEC.md's first sense. A fresh set.
 */
export function actionsAllowedEverywhere(c: CompiledAccess, p: PrincipalAccess): ActionSet {
  const allowed = c.catalog.emptySet();
  const deny = c.catalog.emptySet();
  for (const u of p.identity) {
    u.allowStar.addTo(allowed);
    u.deny.addTo(deny);
  }
  if (p.boundary) {
    const b = c.catalog.emptySet();
    for (const u of p.boundary) {
      u.allowStar.addTo(b);
      u.deny.addTo(deny);
    }
    allowed.intersectWith(b);
  }
  if (c.scp && scpGoverns(c, p)) {
    allowed.intersectWith(c.scp.allowStar);
    deny.unionWith(c.scp.deny);
  }
  return allowed.subtractWith(deny);
}

/**
 * Every action `principalArn` may perform on some resource: allowed by some identity Allow, by
 * the boundary (if any) and by every SCP level (if governed), minus the actions an unconditional
 * Deny on `*` removes. Each group lists the identity statements granting it and the statements
 * (Denies, boundary and SCP allows) that restrict it to some resources or conditions.
 */
export function whatCan(c: CompiledAccess, principalArn: string): WhatCanResult {
  const { access: p, info } = resolve(c, principalArn);
  const catalog = c.catalog;
  const allowed = allowedActions(c, p);
  const grants: Tagged[] = [];
  const limits: Tagged[] = [];
  for (const unit of p.identity) {
    for (const st of unit.statements) {
      if (st.effect === 'Allow') grants.push({ layer: 'identity', unit, st });
      else if (!(st.anyResource && st.conditions.length === 0)) limits.push({ layer: 'identity', unit, st });
    }
  }
  if (p.boundary) {
    const free = catalog.emptySet();
    for (const unit of p.boundary) unit.allowStar.addTo(free);
    for (const unit of p.boundary) {
      for (const st of unit.statements) {
        if (st.anyResource && st.conditions.length === 0) continue;
        // A boundary Allow limits only the actions its unconditional `*` statements do not cover.
        limits.push(
          st.effect === 'Allow' ? { layer: 'boundary', unit, st, free } : { layer: 'boundary', unit, st },
        );
      }
    }
  }
  const scp = c.scp;
  if (scp && scpGoverns(c, p)) {
    for (const level of scp.units) {
      const free = catalog.emptySet();
      for (const unit of level) unit.allowStar.addTo(free);
      for (const unit of level) {
        for (const st of unit.statements) {
          if (st.anyResource && st.conditions.length === 0) continue;
          limits.push(st.effect === 'Allow' ? { layer: 'scp', unit, st, free } : { layer: 'scp', unit, st });
        }
      }
    }
  }
  // Group actions by the exact list of statements that grant and limit them.
  const groups = new Map<
    string,
    { service: string; level: AccessLevelName; ids: number[]; grants: number[]; limits: number[] }
  >();
  const grantHits: number[] = [];
  const limitHits: number[] = [];
  for (const id of allowed) {
    grantHits.length = 0;
    limitHits.length = 0;
    for (let i = 0; i < grants.length; i++) if ((grants[i] as Tagged).st.actions.has(id)) grantHits.push(i);
    for (let i = 0; i < limits.length; i++) {
      const t = limits[i] as Tagged;
      if (t.st.actions.has(id) && !(t.free?.has(id) ?? false)) limitHits.push(i);
    }
    const service = catalog.serviceOf(id);
    const level = catalog.accessLevel(id);
    const key = `${service}|${level}|${grantHits.join(',')}|${limitHits.join(',')}`;
    let g = groups.get(key);
    if (!g) {
      g = { service, level, ids: [], grants: [...grantHits], limits: [...limitHits] };
      groups.set(key, g);
    }
    g.ids.push(id);
  }

  const services = new Map<string, Map<AccessLevelName, WhatCanGroup[]>>();
  for (const g of groups.values()) {
    let levels = services.get(g.service);
    if (!levels) services.set(g.service, (levels = new Map()));
    let list = levels.get(g.level);
    if (!list) levels.set(g.level, (list = []));
    list.push({
      actions: g.ids.map((id) => catalog.actionName(id)),
      grants: g.grants.map((i) => limitOf(grants[i] as Tagged)),
      limits: g.limits.map((i) => limitOf(limits[i] as Tagged)),
    });
  }
  const levelOrder: AccessLevelName[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
  return {
    principal: p.arn,
    actionCount: allowed.count(),
    services: [...services].map(([service, levels]) => ({
      service,
      levels: levelOrder
        .filter((l) => levels.has(l))
        .map((level) => ({ level, groups: levels.get(level) ?? [] })),
    })),
    viaResourcePolicies: viaResourcePolicies(c, info),
  };
}

/** Allow statements of the snapshot's resource and trust policies that name the principal itself (or everyone). */
function viaResourcePolicies(c: CompiledAccess, info: PrincipalInfo): WhatCanResult['viaResourcePolicies'] {
  const out: { resource: string; statement: string; actions: string[]; conditional: boolean }[] = [];
  for (const ru of c.allResourcePolicies()) {
    for (const st of ru.unit.statements) {
      if (st.effect !== 'Allow' || st.principal === null || st.principal.not) continue;
      if (namesPrincipal(st.principal.spec, info) === null) continue;
      const actions = actionNames(c, st.actions);
      out.push({
        resource: ru.resource,
        statement: statementLabel(ru.unit.label, st.index),
        actions,
        conditional: st.conditions.length > 0,
      });
    }
  }
  return out;
}

function actionNames(c: CompiledAccess, ids: { addTo(into: ActionSet): void }): string[] {
  const set = c.catalog.emptySet();
  ids.addTo(set);
  const n = set.count();
  if (n > 50) return [`${n} actions`];
  return set.toArray().map((id) => c.catalog.actionName(id));
}
