// Pure helpers of the Findings view and the Overview: filtering findings by severity, rule,
// principal and triage state, counting, and ranking the riskiest principals. Imports core types only.
import type { EscalationPath, Finding, FindingSeverity } from '../../../core/index';

/** The triage states, as stored (renderer/db) plus `open` for an untriaged finding. */
export type TriageState = 'open' | 'accepted-risk' | 'false-positive' | 'fixed';

/** Every triage state, in the order the form offers them. */
export const TRIAGE_STATES: readonly TriageState[] = ['open', 'accepted-risk', 'false-positive', 'fixed'];

/** Every severity, worst first (core's order, repeated here so the UI loads no core code). */
export const SEVERITY_ORDER: readonly FindingSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** A readable name of a triage state. */
export function triageLabel(s: TriageState): string {
  return s === 'accepted-risk'
    ? 'Accepted risk'
    : s === 'false-positive'
      ? 'False positive'
      : s === 'fixed'
        ? 'Fixed'
        : 'Open';
}

/** What the Findings view filters on; an empty string is "any". */
export interface FindingFilter {
  severity: FindingSeverity | '';
  rule: string;
  /** Text matched against the principal or resource (case-insensitive). */
  principal: string;
  triage: TriageState | '';
}

/** No filter. */
export const NO_FILTER: FindingFilter = { severity: '', rule: '', principal: '', triage: '' };

/** The findings that pass `filter`; `triageOf` gives a finding's triage state. */
export function filterFindings(
  findings: readonly Finding[],
  filter: FindingFilter,
  triageOf: (id: string) => TriageState,
): Finding[] {
  const text = filter.principal.trim().toLowerCase();
  return findings.filter(
    (f) =>
      (filter.severity === '' || f.severity === filter.severity) &&
      (filter.rule === '' || f.rule === filter.rule) &&
      (text === '' ||
        (f.principal ?? '').toLowerCase().includes(text) ||
        (f.resource ?? '').toLowerCase().includes(text)) &&
      (filter.triage === '' || triageOf(f.id) === filter.triage),
  );
}

/** Counts of findings per severity, every severity present. */
export function countBySeverity(findings: readonly Finding[]): Record<FindingSeverity, number> {
  const out: Record<FindingSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** The rule ids of `findings`, sorted, each with its count. */
export function rulesOf(findings: readonly Finding[]): { rule: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([rule, count]) => ({ rule, count }));
}

/** A principal ranked by risk: its findings (by severity weight) and whether it has a path to admin. */
export interface RiskyPrincipal {
  arn: string;
  findings: number;
  worst: FindingSeverity;
  hasPath: boolean;
  score: number;
}

const WEIGHT: Record<FindingSeverity, number> = { critical: 100, high: 30, medium: 8, low: 2, info: 0 };

/** The riskiest IAM principals (users, roles, groups): most and worst findings, escalation paths first on ties. */
export function riskiestPrincipals(
  findings: readonly Finding[],
  paths: readonly EscalationPath[],
  limit = 8,
): RiskyPrincipal[] {
  const by = new Map<string, RiskyPrincipal>();
  const isIam = (arn: string): boolean => /^arn:aws[a-z-]*:iam::\d{12}:(user|role|group)\//.test(arn);
  const get = (arn: string): RiskyPrincipal => {
    let r = by.get(arn);
    if (!r) by.set(arn, (r = { arn, findings: 0, worst: 'info', hasPath: false, score: 0 }));
    return r;
  };
  for (const f of findings) {
    if (!f.principal || !isIam(f.principal)) continue;
    const r = get(f.principal);
    r.findings++;
    r.score += WEIGHT[f.severity];
    if (SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(r.worst)) r.worst = f.severity;
  }
  for (const p of paths) {
    if (!isIam(p.principal)) continue;
    const r = get(p.principal);
    if (!r.hasPath) r.score += p.conditional ? 10 : 40;
    r.hasPath = true;
  }
  return [...by.values()]
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || b.findings - a.findings || (a.arn < b.arn ? -1 : 1))
    .slice(0, limit);
}

/** A short name of an ARN: its last path segment. */
export function shortName(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 && slash < arn.length - 1 ? arn.slice(slash + 1) : arn;
}

/** The Principal-view link of an IAM user, group or role ARN, or undefined for anything else. */
export function principalHref(snapshotId: string, arn: string): string | undefined {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:(user|role|group)\//.test(arn)) return undefined;
  return `#/s/${encodeURIComponent(snapshotId)}/principal/${encodeURIComponent(arn)}`;
}

/** The graph link focusing `arn`, or drawing finding `findingId`'s path. */
export function graphHref(snapshotId: string, arn?: string, findingId?: string): string {
  const base = `#/s/${encodeURIComponent(snapshotId)}/graph`;
  const withArn = arn === undefined ? base : `${base}/${encodeURIComponent(arn)}`;
  return findingId === undefined ? withArn : `${withArn}?finding=${encodeURIComponent(findingId)}`;
}

/** `filter` with every part that hides `finding` cleared (the rest kept), so a deep link shows it. */
export function revealFilter(
  filter: FindingFilter,
  finding: Finding,
  triageOf: (id: string) => TriageState,
): FindingFilter {
  const passes = (f: FindingFilter): boolean => filterFindings([finding], f, triageOf).length === 1;
  const out = { ...filter };
  for (const key of ['severity', 'rule', 'principal', 'triage'] as const)
    if (!passes({ ...NO_FILTER, [key]: filter[key] })) out[key] = '';
  return out;
}
