// Pure helpers of the Principal view and the Principals table: what-can counts by service and
// access level, assumable roles from the escalation graph's edges, admin kind, and per-principal
// counts of paths and findings. Imports core types only (`import type`).
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

/**
 * The roles `arn` can assume or act as by the escalation graph's edges to a role, one per role:
 * an `sts.*` method (assume) wins over any other (act as, e.g. pass it to a function it runs).
 */
export function assumableRoles(edges: readonly EdgeLike[], arn: string): EdgeLike[] {
  const seen = new Map<string, EdgeLike>();
  for (const e of edges) {
    if (e.from !== arn || !/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(e.to)) continue;
    const had = seen.get(e.to);
    if (!had || (!had.method.startsWith('sts.') && e.method.startsWith('sts.'))) seen.set(e.to, e);
  }
  return [...seen.values()].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
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
