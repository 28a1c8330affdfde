// Maps a `can` answer (decision, explanation, named policies) to what the Query view shows: the
// headline, one section per policy kind with its statements and why each did or did not apply,
// and "allowed if …" hints for missing context keys. Pure; imports core types only.
import type { ConditionCheck, ContextValue, Decision, LayerResult, PolicyKind, StatementResult } from '../../../core/index';
import type { CanOutcome, ExplainedPolicy } from '../../worker/query-types';

/** What one statement did. */
export type StatementStatus = 'allows' | 'denies' | 'notMatched' | 'conditionFailed';

/** One statement as the trace shows it. */
export interface StatementView {
  id: string;
  policyId: string;
  /** Index in the policy's `Statement` list. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  status: StatementStatus;
  deciding: boolean;
  /** Why it did not apply (empty when it did). */
  reasons: string[];
  policy: ExplainedPolicy;
}

/** One policy kind's section. */
export interface LayerView {
  kind: PolicyKind;
  title: string;
  verdict: string;
  tone: 'allow' | 'deny' | 'none' | 'na';
  /** Statements worth showing: those that applied, or failed on something other than the action. */
  statements: StatementView[];
  /** Statements about other actions, not shown one by one. */
  otherActions: number;
}

/** The whole answer as the view shows it. */
export interface ExplanationView {
  decision: Decision;
  headline: string;
  detail: string;
  deciding: StatementView[];
  layers: LayerView[];
  missingKeys: string[];
  hints: string[];
}

const TITLES: Record<PolicyKind, string> = {
  identity: 'Identity policies',
  resource: 'Resource-based policy',
  boundary: 'Permissions boundary',
  session: 'Session policy',
  scp: 'Service control policies (SCPs)',
  rcp: 'Resource control policies (RCPs)',
  endpoint: 'VPC endpoint policy',
};

const SHORT: Record<PolicyKind, string> = {
  identity: 'identity policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'SCP',
  rcp: 'RCP',
  endpoint: 'VPC endpoint policy',
};

// Order of the trace: the order AWS's evaluation logic describes (AWS "Policy evaluation logic").
const ORDER: PolicyKind[] = ['scp', 'rcp', 'resource', 'identity', 'boundary', 'session', 'endpoint'];

/** The headline of a decision. */
export function decisionHeadline(d: Decision): string {
  return d === 'allowed' ? 'Allowed' : d === 'explicitDeny' ? 'Denied: explicit deny' : 'Denied: implicit deny';
}

/** `identity[0].Statement[1]` → policy id `identity[0]` and index 1. */
export function splitStatementId(id: string): { policyId: string; index: number } {
  const at = id.lastIndexOf('.Statement[');
  if (at < 0) return { policyId: id, index: 0 };
  const index = Number.parseInt(id.slice(at + '.Statement['.length), 10);
  return { policyId: id.slice(0, at), index: Number.isFinite(index) ? index : 0 };
}

function showValue(v: ContextValue | undefined): string {
  if (v === undefined) return 'absent';
  return typeof v === 'string' ? `\`${v}\`` : `[${v.map((x) => `\`${x}\``).join(', ')}]`;
}

function showValues(values: readonly string[]): string {
  return values.length === 1 ? `\`${values[0]}\`` : `one of ${values.map((x) => `\`${x}\``).join(', ')}`;
}

/** A condition as a requirement: `aws:MultiFactorAuthPresent = true`. */
export function requirement(c: Pick<ConditionCheck, 'operator' | 'key' | 'policyValues'>): string {
  const op = c.operator.replace(/IfExists$/, '').replace(/^(ForAnyValue|ForAllValues):/, '');
  const v = showValues(c.policyValues);
  const key = `\`${c.key}\``;
  if (op === 'Null') return c.policyValues[0]?.toLowerCase() === 'true' ? `${key} is absent` : `${key} is present`;
  if (/^(StringEquals|StringEqualsIgnoreCase|Bool|NumericEquals|DateEquals|ArnEquals|BinaryEquals)$/.test(op)) return `${key} = ${v}`;
  if (/^(StringNotEquals|StringNotEqualsIgnoreCase|NumericNotEquals|DateNotEquals|ArnNotEquals)$/.test(op)) return `${key} ≠ ${v}`;
  if (op === 'StringLike' || op === 'ArnLike') return `${key} matches ${v}`;
  if (op === 'StringNotLike' || op === 'ArnNotLike') return `${key} does not match ${v}`;
  if (op === 'IpAddress') return `${key} is in ${v}`;
  if (op === 'NotIpAddress') return `${key} is not in ${v}`;
  if (op === 'NumericLessThan' || op === 'DateLessThan') return `${key} < ${v}`;
  if (op === 'NumericLessThanEquals' || op === 'DateLessThanEquals') return `${key} ≤ ${v}`;
  if (op === 'NumericGreaterThan' || op === 'DateGreaterThan') return `${key} > ${v}`;
  if (op === 'NumericGreaterThanEquals' || op === 'DateGreaterThanEquals') return `${key} ≥ ${v}`;
  return `${c.operator} ${key} ${v}`;
}

function reasonsOf(st: StatementResult, resource: string): string[] {
  const o = st.outcome;
  if (o.kind === 'matched') return [];
  if (o.kind === 'notMatched') {
    const what = o.element === 'Resource' || o.element === 'NotResource' ? `${o.element} does not match \`${resource}\`` : `${o.element} does not match`;
    return [o.missingVariables.length > 0 ? `${what} (policy variables not in the request: ${o.missingVariables.join(', ')})` : what];
  }
  return o.conditions
    .filter((c) => !c.matched)
    .map((c) => `condition ${c.operator} \`${c.key}\`: policy wants ${showValues(c.policyValues)}, request has ${c.missing ? 'no value' : showValue(c.requestValue)}`);
}

function statusOf(st: StatementResult): StatementStatus {
  if (st.outcome.kind === 'matched') return st.effect === 'Allow' ? 'allows' : 'denies';
  return st.outcome.kind;
}

function verdictOf(l: LayerResult): { verdict: string; tone: LayerView['tone'] } {
  const v = l.verdict;
  switch (v.kind) {
    case 'notApplicable':
      return { verdict: `Not applicable: ${v.reason}`, tone: 'na' };
    case 'allow':
      return { verdict: 'Allows', tone: 'allow' };
    case 'explicitDeny':
      return { verdict: 'Denies explicitly', tone: 'deny' };
    case 'noAllow':
      return { verdict: `No statement allows${v.levels && v.levels.length > 0 ? ` (at ${v.levels.join(', ')})` : ''}`, tone: 'none' };
  }
}

function deniedByText(d: string | null, crossAccount: boolean): string {
  if (d === 'crossAccount') return 'The resource belongs to another account and its policy does not allow this principal.';
  if (d === 'scp' || d === 'rcp') return `No statement allows the request at some level of the ${d === 'scp' ? 'service' : 'resource'} control policies.`;
  if (d) return `No statement in the ${Object.hasOwn(SHORT, d) ? SHORT[d as PolicyKind] : d} allows the request.`;
  return crossAccount ? 'Cross-account request.' : '';
}

/** The view of a successful `can` answer. */
export function explanationView(outcome: Extract<CanOutcome, { kind: 'ok' }>): ExplanationView {
  const e = outcome.explain;
  const deciding = new Set(e.deciding);
  const byId = new Map<string, StatementView>();
  const layers: LayerView[] = [...e.layers]
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
    .map((l) => {
      const statements: StatementView[] = [];
      let otherActions = 0;
      for (const st of l.statements) {
        const o = st.outcome;
        const { policyId, index } = splitStatementId(st.id);
        const view: StatementView = {
          id: st.id,
          policyId,
          index,
          effect: st.effect,
          status: statusOf(st),
          deciding: deciding.has(st.id),
          reasons: reasonsOf(st, e.resource),
          policy: Object.hasOwn(outcome.policies, policyId) ? outcome.policies[policyId]! : { id: policyId, label: policyId },
        };
        if (st.sid !== undefined) view.sid = st.sid;
        byId.set(st.id, view);
        if (o.kind === 'notMatched' && (o.element === 'Action' || o.element === 'NotAction') && !view.deciding) otherActions++;
        else statements.push(view);
      }
      return { kind: l.kind, title: TITLES[l.kind], ...verdictOf(l), statements, otherActions };
    });
  // Hints: a statement that failed only on its conditions tells what the request would need.
  const hints: string[] = [];
  for (const l of layers) {
    for (const s of l.statements) {
      const st = e.layers.find((x) => x.kind === l.kind)?.statements.find((x) => x.id === s.id);
      if (!st || st.outcome.kind !== 'conditionFailed') continue;
      const failed = st.outcome.conditions.filter((c) => !c.matched);
      if (failed.length === 0) continue;
      const verb = st.effect === 'Allow' ? 'Allowed by' : 'Denied by';
      hints.push(`${verb} ${s.sid ? `\`${s.sid}\`` : s.id} (${SHORT[l.kind]}) if ${failed.map(requirement).join(' and ')}`);
    }
  }
  const headline = decisionHeadline(outcome.decision);
  const detail =
    outcome.decision === 'allowed'
      ? 'Every policy kind that applies allows the request and none denies it.'
      : outcome.decision === 'explicitDeny'
        ? 'A Deny statement matches the request; nothing can override it.'
        : deniedByText(e.deniedBy, e.crossAccount);
  return {
    decision: outcome.decision,
    headline,
    detail,
    deciding: e.deciding.map((id) => byId.get(id)).filter((s): s is StatementView => s !== undefined),
    layers,
    missingKeys: [...e.missingKeys],
    hints: [...new Set(hints)],
  };
}
