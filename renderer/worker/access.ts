// who-can and what-can over a snapshot through core's effective-access engine (compiled once per
// snapshot), with the statements they name mapped to Policy-view keys. Runs in the engine worker;
// imports core through core/index.ts only.
import { AccessError, compileAccess, whatCan, whoCan, type CompiledAccess, type Snapshot, type WhatCanResult, type WhoCanResult } from '../../core/index';
import { policyKey } from './policy-key';
import type { AccessOutcome, WhoCanRequest } from './query-types';

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
