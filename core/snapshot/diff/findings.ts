// New and resolved findings (matched by their stable id) and escalation paths (matched by
// principal) between two snapshots. Imports only core/model types.
import type { Change, FindingRef, PathStepRef } from '../../model/diff';
import type { Finding } from '../../model/finding';
import type { EscalationPath } from '../../model/graph';

function refOf(f: Finding): FindingRef {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    title: f.title,
    ...(f.principal === undefined ? {} : { principal: f.principal }),
    ...(f.resource === undefined ? {} : { resource: f.resource }),
  };
}

/** Findings present in one snapshot only, by id (ids are stable per rule and subject). */
export function compareFindings(oldFindings: readonly Finding[], newFindings: readonly Finding[]): Change[] {
  const oldIds = new Set(oldFindings.map((f) => f.id));
  const newIds = new Set(newFindings.map((f) => f.id));
  const out: Change[] = [];
  for (const f of newFindings) if (!oldIds.has(f.id)) out.push({ kind: 'finding-new', section: 'findings', finding: refOf(f) });
  for (const f of oldFindings) if (!newIds.has(f.id)) out.push({ kind: 'finding-resolved', section: 'findings', finding: refOf(f) });
  return out;
}

function stepsOf(p: EscalationPath): PathStepRef[] {
  return p.steps.map((s) => ({ from: s.from, to: s.to, method: s.method }));
}

/** Escalation paths by principal: new (no path before), resolved (no path now) and changed (other steps). */
export function comparePaths(oldPaths: readonly EscalationPath[], newPaths: readonly EscalationPath[]): Change[] {
  const oldBy = new Map(oldPaths.map((p) => [p.principal, p]));
  const newBy = new Map(newPaths.map((p) => [p.principal, p]));
  const out: Change[] = [];
  for (const [principal, p] of newBy) {
    const o = oldBy.get(principal);
    if (!o) {
      out.push({ kind: 'escalation-path-new', section: 'findings', principal, conditional: p.conditional, steps: stepsOf(p) });
    } else if (JSON.stringify(stepsOf(o)) !== JSON.stringify(stepsOf(p))) {
      out.push({ kind: 'escalation-path-changed', section: 'findings', principal, conditional: p.conditional, oldSteps: stepsOf(o), newSteps: stepsOf(p) });
    }
  }
  for (const [principal, p] of oldBy) {
    if (!newBy.has(principal)) out.push({ kind: 'escalation-path-resolved', section: 'findings', principal, conditional: p.conditional, steps: stepsOf(p) });
  }
  return out;
}
