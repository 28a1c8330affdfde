// Carries triage decisions from the findings of one snapshot to those of a later snapshot of the
// same account. Imports only core/model types.
import type { TriageDecision, TriageStatus } from '../../model/diff';
import type { Finding } from '../../model/finding';

/** Decisions that judge the finding itself, and so outlive the snapshot they were made on. */
const CARRIED: ReadonlySet<TriageStatus> = new Set<TriageStatus>(['accepted-risk', 'false-positive']);

/**
 * The key two findings of different snapshots match on: the rule and the subject (principal and
 * resource). Finding ids are derived from the same rule and subject, so equal ids imply equal keys;
 * the key also matches findings whose id scheme changed between rule-set versions.
 */
export function findingMatchKey(f: Pick<Finding, 'rule' | 'principal' | 'resource'>): string {
  return JSON.stringify([f.rule, f.principal ?? null, f.resource ?? null]);
}

/** Options of `carryOverTriage`. */
export interface CarryOverOptions {
  /**
   * ARNs of principals recreated between the snapshots (same ARN, new unique id; see the diff's
   * `principal-recreated`): AWS treats them as new principals, so decisions about them do not carry.
   */
  readonly recreated?: Iterable<string>;
}

/**
 * The triage of `newFindings`: each `accepted-risk` or `false-positive` decision of the old snapshot
 * is carried, with its justification, to the new finding with the same id, or else with the same
 * rule and subject. `open` and `fixed` do not carry; decisions about findings that are gone are
 * dropped. Returned in the order of `newFindings`.
 */
export function carryOverTriage(
  oldFindings: readonly Finding[],
  oldTriage: readonly TriageDecision[],
  newFindings: readonly Finding[],
  options: CarryOverOptions = {},
): TriageDecision[] {
  const recreated = new Set(options.recreated ?? []);
  const oldById = new Map(oldFindings.map((f) => [f.id, f]));
  const byId = new Map<string, TriageDecision>();
  const byKey = new Map<string, TriageDecision>();
  for (const d of oldTriage) {
    if (!CARRIED.has(d.status)) continue;
    if (!byId.has(d.findingId)) byId.set(d.findingId, d);
    const f = oldById.get(d.findingId);
    if (f) {
      const key = findingMatchKey(f);
      if (!byKey.has(key)) byKey.set(key, d);
    }
  }
  const out: TriageDecision[] = [];
  for (const f of newFindings) {
    if (f.principal !== undefined && recreated.has(f.principal)) continue;
    const d = byId.get(f.id) ?? byKey.get(findingMatchKey(f));
    if (!d) continue;
    out.push({
      findingId: f.id,
      status: d.status,
      justification: d.justification,
      ...(d.updatedAt === undefined ? {} : { updatedAt: d.updatedAt }),
      carriedFrom: d.findingId,
    });
  }
  return out;
}
