// Builds findings with stable ids (a hash of rule id and subject) and evidence records.
// Pure: imports only core/model types.
import type {
  EvidenceStatement,
  EvidenceStep,
  EvidenceValue,
  Finding,
  FindingSeverity,
  Rule,
} from '../model/finding';
import type { PolicyStatement } from '../model/policy';

/**
 * 64-bit FNV-1a over the UTF-16 code units of `text`, as 16 hex digits. Not cryptographic: ids
 * only need to be stable and unlikely to collide within one account.
 */
export function stableHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

/** What a rule says about one subject; the builder adds id, rule and defaults. */
export interface FindingDraft {
  readonly title: string;
  readonly principal?: string;
  readonly resource?: string;
  /** Distinguishes several findings of one rule about the same principal/resource (a key number, a statement). */
  readonly discriminator?: string;
  readonly severity?: FindingSeverity;
  readonly statements?: readonly EvidenceStatement[];
  readonly steps?: readonly EvidenceStep[];
  readonly values?: readonly (readonly [string, EvidenceValue])[];
  /** Overrides the rule's remediation with a more specific one. */
  readonly remediation?: string;
}

/** Makes a finding of `rule` with a stable id of rule id, principal, resource and discriminator. */
export function makeFinding(rule: Rule, d: FindingDraft): Finding {
  const key = [rule.id, d.principal ?? '', d.resource ?? '', d.discriminator ?? ''].join('\u0000');
  return {
    id: `${rule.id}/${stableHash(key)}`,
    rule: rule.id,
    severity: d.severity ?? rule.severity,
    title: d.title,
    ...(d.principal === undefined ? {} : { principal: d.principal }),
    ...(d.resource === undefined ? {} : { resource: d.resource }),
    evidence: { statements: d.statements ?? [], steps: d.steps ?? [], values: d.values ?? [] },
    remediation: d.remediation ?? rule.remediation,
  };
}

/** Quotes one statement as evidence. */
export function quoteStatement(
  where: Omit<EvidenceStatement, 'statementIndex' | 'sid' | 'text'>,
  statement: PolicyStatement,
  statementIndex: number,
): EvidenceStatement {
  return {
    ...where,
    statementIndex,
    ...(statement.Sid === undefined || statement.Sid === '' ? {} : { sid: statement.Sid }),
    text: JSON.stringify(statement),
  };
}
