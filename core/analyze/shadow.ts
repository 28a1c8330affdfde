// Whether an unconditional Deny of a policy always overrides one of its Allow statements.
// Pure: imports only core/model, core/policy and ./policies.
//
// AWS "Policy evaluation logic"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit deny in any policy overrides any allow.
//
// INVARIANT: a Deny pattern covers an Allow pattern when the Deny glob, without `?`, matches the
// Allow pattern's text: each `*` of the Allow can then only be absorbed by a `*` of the Deny,
// which matches whatever the Allow's `*` stands for. Patterns with `?` or policy variables are
// never taken as covering (the check would be unsound), so the rule may miss cases, never invent them.
import type { PolicyStatement } from '../model/policy';
import { compilePattern } from '../policy/pattern';
import { hasConditions } from './policies';

function covers(deny: readonly string[], allow: readonly string[], caseInsensitive: boolean): boolean {
  const usable = deny.filter((d) => !d.includes('?') && !d.includes('${'));
  return allow.every(
    (a) =>
      !a.includes('${') &&
      usable.some((d) => compilePattern(d, { caseInsensitive, variables: false }).match(a).matched),
  );
}

/** True when the unconditional `deny` statement always overrides the `allow` statement. */
export function shadows(deny: PolicyStatement, allow: PolicyStatement): boolean {
  if (deny.Effect !== 'Deny' || hasConditions(deny) || !deny.Action || deny.NotResource || !deny.Resource)
    return false;
  if (!allow.Action || !allow.Resource) return false;
  return covers(deny.Action, allow.Action, true) && covers(deny.Resource, allow.Resource, false);
}

/** True when another statement of `statements` always overrides `allow`. */
export function shadowedInPolicy(statements: readonly PolicyStatement[], allow: PolicyStatement): boolean {
  return statements.some((d) => shadows(d, allow));
}
