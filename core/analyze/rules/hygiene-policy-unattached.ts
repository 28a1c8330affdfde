// Rule hygiene.policy.unattached: a customer-managed policy attached to nothing and used as no
// permissions boundary, so it can never apply. Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Regularly review and remove unused users,
// roles, permissions, policies, and credentials"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#remove-credentials);
// `AttachmentCount` and `PermissionsBoundaryUsageCount` of the `ManagedPolicyDetail` type.
import type { Finding, Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';
import { REMOVE_UNUSED_DOC } from '../credential-report';

/** The rule. */
export const rule: Rule = {
  id: 'hygiene.policy.unattached',
  title: 'Customer-managed policy attached nowhere',
  severity: 'info',
  description:
    'A customer-managed policy is attached to no user, group or role and bounds no one (no attachment in the snapshot, `AttachmentCount` and `PermissionsBoundaryUsageCount` 0 or absent): it never applies, and a later attachment would grant whatever it says unreviewed.',
  remediation: 'Delete policies nobody uses, or document why they are kept.',
  docs: [REMOVE_UNUSED_DOC],
  run(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.snapshot.policies) {
      if (p.awsManaged) continue;
      const usage = ctx.snapshot.policyUsage.get(p.arn);
      const used =
        (usage?.attachedTo.length ?? 0) > 0 ||
        (usage?.boundaryOf.length ?? 0) > 0 ||
        (p.attachmentCount ?? 0) > 0 ||
        (p.permissionsBoundaryUsageCount ?? 0) > 0;
      if (used) continue;
      const statements = p.defaultDocument.document.Statement;
      const denyOnly = statements.length > 0 && statements.every((s) => s.Effect === 'Deny');
      out.push(
        makeFinding(rule, {
          title: `customer-managed policy \`${p.name}\` is attached to nothing${denyOnly ? ' (and holds only Deny statements)' : ''}`,
          resource: p.arn,
          values: [
            ['statements', statements.length],
            ['denyOnly', denyOnly],
            ['AttachmentCount', p.attachmentCount ?? null],
          ],
        }),
      );
    }
    return out;
  },
};
