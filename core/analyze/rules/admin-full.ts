// Rule admin.full: principals whose effective permissions allow every action on every resource,
// as the escalation graph (core/graph) computes them. Pure: imports only core/model and
// core/analyze; the admins come in through the rule context.
//
// AWS "AWS managed policies for job functions", section "Administrator"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html): full
// access should be held by few principals, protected by MFA.
import type { Rule } from '../../model/finding';
import { makeFinding } from '../finding-builder';

/** The rule. */
export const rule: Rule = {
  id: 'admin.full',
  title: 'Administrator',
  severity: 'info',
  description:
    'A user or role whose effective permissions (after boundaries, SCPs and explicit denies) allow every action on every resource. Listed so the auditor can check each one is intended.',
  remediation: 'Keep administrators few: prefer roles assumed with MFA over users, and review each one.',
  docs: [
    {
      title: 'AWS managed policies for job functions: Administrator',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
    },
  ],
  run(ctx) {
    const e = ctx.escalation;
    if (!e) return [];
    return [...e.fullAdmins]
      .sort()
      .map((arn) => makeFinding(rule, { title: `\`${arn}\` is an administrator`, principal: arn }));
  },
};
