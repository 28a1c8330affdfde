// Pure helpers of the Principal view and the Principals table: what-can counts by service and
// access level, the escalation graph's hops out of a principal, notes on conditional answers, admin
// kind, and per-principal counts of paths and findings. Imports core types only (`import type`).
import type { AccessLevelName, EscalationPath, Finding, WhatCanResult } from '../../../core/index';

/** The access levels, in the Service Authorization Reference's order. */
export const ACCESS_LEVELS: readonly AccessLevelName[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** The actions that assume a role (AWS "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"). */
export const ASSUME_ACTIONS: readonly string[] = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/** One service's row: action counts per access level and the actions themselves. */
export interface ServiceRow {
  service: string;
  total: number;
  counts: Partial<Record<AccessLevelName, number>>;
  levels: { level: AccessLevelName; actions: string[] }[];
}

/** The what-can answer as service rows, most actions first, then by name. */
export function levelCounts(result: WhatCanResult): ServiceRow[] {
  const rows = result.services.map((s) => {
    const counts: Partial<Record<AccessLevelName, number>> = {};
    const levels = s.levels.map((l) => {
      const actions = l.groups.flatMap((g) => g.actions);
      counts[l.level] = (counts[l.level] ?? 0) + actions.length;
      return { level: l.level, actions };
    });
    levels.sort((a, b) => ACCESS_LEVELS.indexOf(a.level) - ACCESS_LEVELS.indexOf(b.level));
    return { service: s.service, total: levels.reduce((n, l) => n + l.actions.length, 0), counts, levels };
  });
  return rows.sort((a, b) => b.total - a.total || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

/** An edge of the escalation graph as the analysis keeps it. */
export interface EdgeLike {
  from: string;
  to: string;
  method: string;
}

/** One hop of the escalation graph out of a principal, and whether its escalation path takes it. */
export interface EscalationHop {
  to: string;
  method: string;
  onPath: boolean;
}

/**
 * The escalation graph's hops out of `arn`, one per target and method: the hop its path to admin
 * starts with first, then by target. The graph keeps only hops on a shortest path to admin, so
 * this is not every role or permission the principal can reach.
 */
export function escalationHops(edges: readonly EdgeLike[], arn: string, path?: { steps: readonly { from: string; to: string; method: string }[] }): EscalationHop[] {
  const first = path?.steps[0];
  const seen = new Map<string, EscalationHop>();
  for (const e of edges) {
    if (e.from !== arn) continue;
    const key = `${e.to}\u0000${e.method}`;
    if (!seen.has(key)) seen.set(key, { to: e.to, method: e.method, onPath: first !== undefined && first.from === arn && first.to === e.to && first.method === e.method });
  }
  return [...seen.values()].sort((a, b) => (a.onPath !== b.onPath ? (a.onPath ? -1 : 1) : a.to < b.to ? -1 : a.to > b.to ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
}

/** A condition a conditional answer needs, as core/access gives it. */
export interface NeededCondition {
  key: string;
  operator: string;
  values: readonly string[];
  requirement: 'satisfy' | 'avoid';
}

/** One condition in words: `aws:MultiFactorAuthPresent Bool true`, `not aws:SourceIp IpAddress 10.0.0.0/8`. */
export function conditionText(c: NeededCondition): string {
  const values = c.values.length > 3 ? `${c.values.slice(0, 3).join(', ')}, …` : c.values.join(', ');
  return `${c.requirement === 'avoid' ? 'not ' : ''}${c.key} ${c.operator} ${values}`.trimEnd();
}

/**
 * The short "needs …" note of a conditional answer, one entry per key (at most `max`), each with
 * what the request must hold: `needs aws:MultiFactorAuthPresent (Bool true; not BoolIfExists false)`.
 */
export function needsNote(conditions: readonly NeededCondition[], max = 3): string {
  const byKey = new Map<string, string[]>();
  for (const c of conditions) {
    const values = c.values.length > 3 ? `${c.values.slice(0, 3).join(', ')}, …` : c.values.join(', ');
    const part = `${c.requirement === 'avoid' ? 'not ' : ''}${c.operator} ${values}`.trimEnd();
    const parts = byKey.get(c.key);
    if (!parts) byKey.set(c.key, [part]);
    else if (!parts.includes(part)) parts.push(part);
  }
  if (byKey.size === 0) return 'needs a context the question does not give';
  const shown = [...byKey].slice(0, max).map(([key, parts]) => `${key} (${parts.join('; ')})`);
  return `needs ${shown.join(', ')}${byKey.size > max ? ` and ${byKey.size - max} more keys` : ''}`;
}

/** `full` for an administrator, `shadow` for an admin one call away, undefined otherwise. */
export function principalAdmin(data: { admins: readonly string[]; fullAdmins: readonly string[] }, arn: string): 'full' | 'shadow' | undefined {
  if (data.fullAdmins.includes(arn)) return 'full';
  return data.admins.includes(arn) ? 'shadow' : undefined;
}

/** What the Principals table shows of the analysis, per principal ARN. */
export interface PrincipalRisk {
  admin: 'full' | 'shadow' | undefined;
  /** Escalation paths of the principal (0 or 1: the shortest). */
  paths: number;
  findings: number;
}

/** Admin kind, path count and finding count of every principal the analysis mentions. */
export function riskByPrincipal(data: { admins: readonly string[]; fullAdmins: readonly string[]; paths: readonly EscalationPath[]; findings: readonly Finding[] }): Map<string, PrincipalRisk> {
  const out = new Map<string, PrincipalRisk>();
  const get = (arn: string): PrincipalRisk => {
    let r = out.get(arn);
    if (!r) out.set(arn, (r = { admin: undefined, paths: 0, findings: 0 }));
    return r;
  };
  const full = new Set(data.fullAdmins);
  for (const a of data.admins) get(a).admin = full.has(a) ? 'full' : 'shadow';
  for (const a of data.fullAdmins) get(a).admin = 'full';
  for (const p of data.paths) get(p.principal).paths++;
  for (const f of data.findings) if (f.principal) get(f.principal).findings++;
  return out;
}
