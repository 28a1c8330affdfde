// The Query view's computations over a snapshot: `can` with its explanation (core/evaluate), the
// policies it names mapped to Policy-view keys, picker options and action suggestions from the
// catalogue. Runs in the engine worker; imports core through core/index.ts only.
import {
  compilePolicySet,
  evaluateRequest,
  formatDiagnostic,
  gatherPolicies,
  getCatalog,
  parseArn,
  type ContextValue,
  type Snapshot,
  type StoredPolicy,
} from '../../core/index';
import { policyKey, parsePolicyKey, type PolicyLocation } from './policy-key';
import type { CanOutcome, CanRequest, ExplainedPolicy, PolicySourceDetail, QueryOptions } from './query-types';
import { prettyPolicy } from './summary';

// Same trust-policy actions as core/evaluate/from-snapshot.ts (AWS "Roles terms and concepts": the
// trust policy is the role's resource-based policy).
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/** The users and roles to pick from, and ARNs worth suggesting as resources. */
export function queryOptions(snapshot: Snapshot): QueryOptions {
  const principals: QueryOptions['principals'] = [
    ...snapshot.users.map((u) => ({ arn: u.arn, name: u.name, kind: 'user' as const, path: u.path })),
    ...snapshot.roles.map((r) => ({ arn: r.arn, name: r.name, kind: 'role' as const, path: r.path })),
  ];
  const resources = [...new Set([...snapshot.resourcePolicies.map((r) => r.resource), ...snapshot.roles.map((r) => r.arn), ...snapshot.users.map((u) => u.arn)])];
  return { principals, resources };
}

let actionNames: { name: string; folded: string }[] | undefined;

/** Up to `limit` catalogue actions matching `text`: prefix matches first, then substring matches. */
export function suggestActions(text: string, limit = 40): string[] {
  const catalog = getCatalog();
  if (!actionNames) {
    actionNames = [];
    for (let id = 0; id < catalog.actionCount; id++) {
      const name = catalog.actionName(id);
      actionNames.push({ name, folded: name.toLowerCase() });
    }
  }
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const prefix: string[] = [];
  const inner: string[] = [];
  for (const a of actionNames) {
    if (a.folded.startsWith(q)) prefix.push(a.name);
    else if (inner.length < limit && a.folded.includes(q)) inner.push(a.name);
    if (prefix.length >= limit) break;
  }
  return [...prefix, ...inner].slice(0, limit);
}

/** True when the catalogue knows `action` (`service:Action`, case-insensitive). */
export function knownAction(action: string): boolean {
  return getCatalog().actionId(action) !== undefined;
}

/**
 * The Policy-view keys of the policies gatherPolicies collects, by engine id, in the same order
 * (identity: own inline, own attached, then each group's inline and attached; boundary; resource;
 * SCP and RCP levels). Managed policies missing from the snapshot are skipped, as there.
 */
export function policyKeys(snapshot: Snapshot, principalArn: string, action: string, resource: string): Map<string, string> {
  const keys = new Map<string, string>();
  let entity = snapshot.byArn.get(principalArn);
  const arn = parseArn(principalArn);
  if (!entity && arn?.service === 'sts' && arn.resource.startsWith('assumed-role/')) entity = snapshot.rolesByName.get(arn.resource.split('/')[1] ?? '');
  let n = 0;
  const add = (loc: PolicyLocation): void => {
    keys.set(`identity[${n++}]`, policyKey(loc));
  };
  const addEntity = (e: { arn: string; inlinePolicies: readonly { name: string }[]; attachedPolicies: readonly { arn: string }[] }): void => {
    for (const p of e.inlinePolicies) add({ kind: 'inline', owner: e.arn, name: p.name });
    for (const a of e.attachedPolicies) if (snapshot.byArn.get(a.arn)?.kind === 'policy') add({ kind: 'managed', arn: a.arn });
  };
  if (entity?.kind === 'user' || entity?.kind === 'role') {
    addEntity(entity);
    if (entity.kind === 'user') {
      for (const g of snapshot.groupsOfUser.get(entity.arn) ?? []) {
        const group = snapshot.byArn.get(g);
        if (group?.kind === 'group') addEntity(group);
      }
    }
    const pb = entity.permissionsBoundary;
    if (pb && snapshot.byArn.get(pb.arn)?.kind === 'policy') keys.set('boundary[0]', policyKey({ kind: 'managed', arn: pb.arn }));
  }
  const target = snapshot.byArn.get(resource);
  if (TRUST_ACTIONS.has(action.toLowerCase()) && target?.kind === 'role') {
    if (target.trustPolicy) keys.set('resource[0]', policyKey({ kind: 'trust', role: target.arn }));
  } else {
    let best: string | undefined;
    for (const rp of snapshot.resourcePolicies) {
      if ((rp.resource === resource || resource.startsWith(`${rp.resource}/`)) && (best === undefined || rp.resource.length > best.length)) best = rp.resource;
    }
    if (best !== undefined) keys.set('resource[0]', policyKey({ kind: 'resource', resource: best }));
  }
  snapshot.organization?.path.forEach((level, l) => {
    level.scps.forEach((_, i) => keys.set(`scp[${l}][${i}]`, policyKey({ kind: 'scp', level: l, index: i })));
    level.rcps.forEach((_, i) => keys.set(`rcp[${l}][${i}]`, policyKey({ kind: 'rcp', level: l, index: i })));
  });
  return keys;
}

/** Answers a `can` question over `snapshot` with the explanation and the policies it names. */
export function runCan(snapshot: Snapshot, q: CanRequest): CanOutcome {
  const gathered = gatherPolicies(snapshot, q.principal, q.action, q.resource);
  if (gathered.kind === 'error') return { kind: 'error', message: gathered.message.replace(/^--principal: /, 'principal: ') };
  const compiled = compilePolicySet(gathered.set);
  const firstError = compiled.diagnostics.find((d) => d.severity === 'error');
  if (firstError) return { kind: 'error', message: formatDiagnostic(firstError) };
  const context: Record<string, ContextValue> = { ...gathered.context, ...q.context };
  try {
    const r = evaluateRequest(compiled, {
      principal: q.principal,
      action: q.action,
      resource: q.resource,
      ...(gathered.resourceAccount === undefined ? {} : { resourceAccount: gathered.resourceAccount }),
      context,
    });
    const keys = policyKeys(snapshot, q.principal, q.action, q.resource);
    const policies: Record<string, ExplainedPolicy> = {};
    for (const [id, label] of Object.entries(gathered.sources)) {
      const key = keys.get(id);
      policies[id] = key === undefined ? { id, label } : { id, label, key };
    }
    const notes = [...gathered.notes];
    if (!knownAction(q.action) && !q.action.includes('*')) notes.push(`\`${q.action}\` is not in the action catalogue: check the spelling`);
    return {
      kind: 'ok',
      decision: r.decision,
      explain: r.explain,
      policies,
      context,
      snapshotKeys: Object.keys(gathered.context).filter((k) => !Object.hasOwn(q.context, k)),
      notes,
    };
  } catch (e) {
    return { kind: 'error', message: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'the question could not be evaluated' };
  }
}

function source(key: string, name: string, kindLabel: string, where: string, policy: StoredPolicy | undefined, ownerArn?: string): PolicySourceDetail {
  const d: PolicySourceDetail = { key, name, kindLabel, where, text: prettyPolicy(policy) };
  if (ownerArn !== undefined) d.ownerArn = ownerArn;
  return d;
}

/** Any non-managed policy document by key (managed policies have their own detail), or `undefined`. */
export function policySource(snapshot: Snapshot, key: string): PolicySourceDetail | undefined {
  const loc = parsePolicyKey(key);
  if (!loc || loc.kind === 'managed') return undefined;
  if (loc.kind === 'inline') {
    const owner = snapshot.byArn.get(loc.owner);
    if (!owner || (owner.kind !== 'user' && owner.kind !== 'group' && owner.kind !== 'role')) return undefined;
    const p = owner.inlinePolicies.find((i) => i.name === loc.name);
    return p ? source(key, p.name, 'Inline policy', `${owner.kind} ${owner.name}`, p.policy, owner.arn) : undefined;
  }
  if (loc.kind === 'trust') {
    const role = snapshot.byArn.get(loc.role);
    return role?.kind === 'role' && role.trustPolicy ? source(key, `${role.name} trust policy`, 'Role trust policy', `role ${role.name}`, role.trustPolicy, role.arn) : undefined;
  }
  if (loc.kind === 'resource') {
    const rp = snapshot.resourcePolicies.find((r) => r.resource === loc.resource);
    return rp ? source(key, 'Resource policy', 'Resource-based policy', rp.resource, rp.policy) : undefined;
  }
  const level = snapshot.organization?.path[loc.level];
  const p = level?.[loc.kind === 'scp' ? 'scps' : 'rcps'][loc.index];
  if (!level || !p) return undefined;
  return source(key, p.name, loc.kind === 'scp' ? 'Service control policy' : 'Resource control policy', `organisation level ${level.name ?? level.id}`, p.policy);
}
