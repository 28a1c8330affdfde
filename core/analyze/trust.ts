// Reads roles' trust policies for the trust rules. Pure: imports only core/model and ./policies.
import type { EvidenceStatement } from '../model/finding';
import type { PolicyStatement } from '../model/policy';
import type { Role } from '../model/snapshot';
import { quoteStatement } from './finding-builder';
import { statementCoversAction } from './policies';

/** One Allow statement of a role's trust policy, with its index. */
export interface TrustStatement {
  readonly role: Role;
  readonly statement: PolicyStatement;
  readonly index: number;
}

/** The Allow statements of every role's trust policy that cover `action` (any `sts:AssumeRole*` when omitted). */
export function trustStatements(roles: readonly Role[], action?: string): TrustStatement[] {
  const actions = action
    ? [action]
    : ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];
  const out: TrustStatement[] = [];
  for (const role of roles) {
    const doc = role.trustPolicy?.document;
    if (!doc) continue;
    doc.Statement.forEach((statement, index) => {
      if (statement.Effect !== 'Allow') return;
      if (!actions.some((a) => statementCoversAction(statement, a))) return;
      out.push({ role, statement, index });
    });
  }
  return out;
}

/** Quotes a trust policy statement as evidence. */
export function quoteTrust(t: TrustStatement): EvidenceStatement {
  return quoteStatement(
    { policy: 'trust policy', policyKind: 'trust', policyArn: t.role.arn },
    t.statement,
    t.index,
  );
}

/** The account id of the snapshot, or else of the role's ARN. */
export function ownAccount(accountId: string, arn: string): string {
  if (accountId !== '') return accountId;
  const parts = arn.split(':');
  return parts[4] ?? '';
}
