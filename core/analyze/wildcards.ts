// Shared check of the service-wildcard rules: a policy allows every action of one service
// (`iam:*`, `s3:*`…). Pure: imports only core/model and core/analyze.
//
// AWS "Security best practices in IAM", section "Apply least-privilege permissions"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege);
// a service wildcard also grants every action the service adds later.
import type { Finding, Rule, RuleContext } from '../model/finding';
import { makeFinding } from './finding-builder';
import { shadowedInPolicy } from './shadow';
import { coversAllResources, identityPolicies, policySubject, quoteIdentityStatement } from './policies';

/** Services whose every action is dangerous: identity, keys, secrets, code execution, audit trail. */
export const SENSITIVE_SERVICES: readonly string[] = [
  'cloudformation',
  'cloudtrail',
  'ec2',
  'iam',
  'kms',
  'lambda',
  'organizations',
  's3',
  'secretsmanager',
  'ssm',
  'sso',
  'sts',
];

/** The service of a whole-service wildcard action (`iam:*` → `iam`), or undefined. */
export function serviceWildcard(action: string): string | undefined {
  const m = /^([a-z0-9-]+):\*$/i.exec(action);
  return m ? (m[1] as string).toLowerCase() : undefined;
}

/** Findings of `rule` for service wildcards of sensitive (or other) services. */
export function wildcardFindings(rule: Rule, ctx: RuleContext, sensitive: boolean): Finding[] {
  const out: Finding[] = [];
  for (const ref of identityPolicies(ctx.snapshot)) {
    ref.document.Statement.forEach((s, index) => {
      if (s.Effect !== 'Allow' || !s.Action || shadowedInPolicy(ref.document.Statement, s)) return;
      const services = [
        ...new Set(
          s.Action.map(serviceWildcard).filter(
            (svc): svc is string => svc !== undefined && SENSITIVE_SERVICES.includes(svc) === sensitive,
          ),
        ),
      ].sort();
      if (services.length === 0) return;
      const resources = s.Resource ?? (s.NotResource ? ['NotResource'] : []);
      out.push(
        makeFinding(rule, {
          title: `${ref.kind} policy \`${ref.name}\`${ref.holder ? ` of \`${ref.holder}\`` : ''} allows ${services.map((x) => `\`${x}:*\``).join(', ')} on ${coversAllResources(s) ? '`*`' : `${resources.length} resource pattern(s)`}`,
          ...policySubject(ref),
          discriminator: `${ref.name}:${index}`,
          statements: [quoteIdentityStatement(ref, s, index)],
          values: [
            ['services', services],
            ['allResources', coversAllResources(s)],
            ['resources', resources],
          ],
        }),
      );
    });
  }
  return out;
}

/** The documentation both wildcard rules cite. */
export const WILDCARD_DOCS = [
  {
    title: 'Security best practices in IAM: Apply least-privilege permissions',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  },
];
