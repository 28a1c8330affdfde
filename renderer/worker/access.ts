// who-can, what-can and the roles a principal may assume over a snapshot through core's
// effective-access engine (compiled once per snapshot), with the statements they name mapped to
// Policy-view keys. Runs in the engine worker; imports core through core/index.ts only.
import { AccessError, compileAccess, whatCan, whoCan, type CompiledAccess, type Snapshot, type WhatCanResult, type WhoCanResult } from '../../core/index';
import { policyKey } from './policy-key';
import type { AccessOutcome, WhoCanRequest } from './query-types';
import type { AssumableRole, AssumableRoles } from './types';

const compiled = new WeakMap<Snapshot, CompiledAccess>();

function access(snapshot: Snapshot): CompiledAccess {
  let c = compiled.get(snapshot);
  if (!c) compiled.set(snapshot, (c = compileAccess(snapshot)));
  return c;
}

/**
 * The Policy-view key of a core/access policy label: a managed policy's ARN, `<owner>:inline/<name>`,
 * `<role>:trust`, a resource's ARN, or `scp:<level id>/<name>` / `rcp:…`; `undefined` when unknown.
 */
export function keyOfLabel(snapshot: Snapshot, label: string): string | undefined {
  const e = snapshot.byArn.get(label);
  if (e?.kind === 'policy') return policyKey({ kind: 'managed', arn: label });
  if (label.endsWith(':trust')) {
    const role = snapshot.byArn.get(label.slice(0, -':trust'.length));
    if (role?.kind === 'role' && role.trustPolicy) return policyKey({ kind: 'trust', role: role.arn });
  }
  const inline = label.lastIndexOf(':inline/');
  if (inline > 0) {
    const owner = snapshot.byArn.get(label.slice(0, inline));
    const name = label.slice(inline + ':inline/'.length);
    if ((owner?.kind === 'user' || owner?.kind === 'group' || owner?.kind === 'role') && owner.inlinePolicies.some((p) => p.name === name)) return policyKey({ kind: 'inline', owner: owner.arn, name });
  }
  for (const kind of ['scp', 'rcp'] as const) {
    if (!label.startsWith(`${kind}:`)) continue;
    const rest = label.slice(kind.length + 1);
    const path = snapshot.organization?.path ?? [];
    for (let l = 0; l < path.length; l++) {
      const level = path[l]!;
      if (!rest.startsWith(`${level.id}/`)) continue;
      const name = rest.slice(level.id.length + 1);
      const index = level[kind === 'scp' ? 'scps' : 'rcps'].findIndex((p) => p.name === name);
      if (index >= 0) return policyKey({ kind, level: l, index });
    }
  }
  if (snapshot.resourcePolicies.some((r) => r.resource === label)) return policyKey({ kind: 'resource', resource: label });
  return undefined;
}

function keysOf(snapshot: Snapshot, statements: Iterable<string>): Record<string, { key: string; index: number }> {
  const out = new Map<string, { key: string; index: number }>();
  for (const id of statements) {
    if (out.has(id)) continue;
    const m = /^(.*)\.Statement\[(\d+)\]$/.exec(id);
    if (!m) continue;
    const key = keyOfLabel(snapshot, m[1]!);
    if (key !== undefined) out.set(id, { key, index: Number(m[2]) });
  }
  return Object.fromEntries(out);
}

function failure(e: unknown): { kind: 'error'; message: string } {
  if (e instanceof AccessError || e instanceof Error) return { kind: 'error', message: e.message.split('\n')[0] ?? 'the question could not be answered' };
  return { kind: 'error', message: String(e) };
}

/** Who can perform `q.action` on `q.resource`. */
export function runWhoCan(snapshot: Snapshot, q: WhoCanRequest): AccessOutcome<WhoCanResult> {
  try {
    const result = whoCan(access(snapshot), { action: q.action, resource: q.resource, context: q.context, strict: q.strict });
    return { kind: 'ok', result, statementKeys: keysOf(snapshot, result.principals.flatMap((p) => p.conditions.flatMap((c) => c.statements))) };
  } catch (e) {
    return failure(e);
  }
}

/** Everything `principal` can do, by service and access level. */
export function runWhatCan(snapshot: Snapshot, principal: string): AccessOutcome<WhatCanResult> {
  try {
    const result = whatCan(access(snapshot), principal);
    const ids: string[] = [];
    for (const s of result.services) for (const l of s.levels) for (const g of l.groups) for (const st of [...g.grants, ...g.limits]) ids.push(st.statement);
    for (const r of result.viaResourcePolicies) ids.push(r.statement);
    return { kind: 'ok', result, statementKeys: keysOf(snapshot, ids) };
  } catch (e) {
    return failure(e);
  }
}

/** Answers of `runAssumableRoles` per snapshot, by principal ARN, least recent dropped first. */
const assumableCache = new WeakMap<Snapshot, Map<string, AccessOutcome<AssumableRoles>>>();
const ASSUMABLE_KEPT = 16;

/** The action a role is assumed with by a user or a role session (AWS STS "AssumeRole"). */
const ASSUME_ROLE = 'sts:AssumeRole';

function byName(a: AssumableRole, b: AssumableRole): number {
  if (a.decision !== b.decision) return a.decision === 'allowed' ? -1 : 1;
  const n = a.name.localeCompare(b.name, 'en');
  return n !== 0 ? n : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
}

/**
 * Every role of the snapshot that `principal` (a user or role of it) may assume with
 * `sts:AssumeRole`: allowed, or conditional with what the request's context must hold. Each answer
 * is core/access's who-can decision for that principal alone, so it matches the role's "Who can
 * assume it": the role's trust policy and the principal's identity side, SCPs and permissions
 * boundary (AWS "Policy evaluation logic",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html; a
 * boundary must allow sts:AssumeRole too, "Update a role trust policy",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html).
 * A context key the question does not give makes the answer conditional, not denied.
 */
export function runAssumableRoles(snapshot: Snapshot, principal: string): AccessOutcome<AssumableRoles> {
  let cache = assumableCache.get(snapshot);
  if (!cache) assumableCache.set(snapshot, (cache = new Map()));
  const hit = cache.get(principal);
  if (hit) {
    cache.delete(principal);
    cache.set(principal, hit);
    return hit.kind === 'ok' ? { ...hit, result: { ...hit.result, ms: 0 } } : hit;
  }
  const started = performance.now();
  let out: AccessOutcome<AssumableRoles>;
  try {
    const c = access(snapshot);
    const p = c.byArn.get(principal);
    if (!p) return { kind: 'error', message: `assumable roles: \`${principal}\` is not a user or role of the snapshot` };
    // INVARIANT: whoCan decides the principals of `c.principals` and only those (plus principals
    // outside the snapshot that a trust policy names, skipped below); every other part of the
    // compiled snapshot is read through `c`. A view of `c` whose only principal is `p` therefore
    // asks exactly "may p assume this role?", with who-can's conditional answers, in one pass.
    const one = Object.create(c, { principals: { value: [p] } }) as CompiledAccess;
    const roles: AssumableRole[] = [];
    const statements: string[] = [];
    for (const role of snapshot.roles) {
      const r = whoCan(one, { action: ASSUME_ROLE, resource: role.arn, strict: false });
      const e = r.principals.find((x) => !x.external && x.arn === p.arn);
      if (!e) continue;
      roles.push({ arn: role.arn, name: role.name, decision: e.decision, conditions: [...e.conditions], via: e.via });
      for (const cond of e.conditions) statements.push(...cond.statements);
    }
    roles.sort(byName);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    out = { kind: 'ok', result: { principal: p.arn, roles, checked: snapshot.roles.length, ms }, statementKeys: keysOf(snapshot, statements) };
  } catch (e) {
    out = failure(e);
  }
  if (cache.size >= ASSUMABLE_KEPT) cache.delete(cache.keys().next().value as string);
  cache.set(principal, out);
  return out;
}
