import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, RULES } from '../../../core/analyze/index';
import type { EscalationInput, Finding } from '../../../core/model/finding';
import type { Snapshot } from '../../../core/model/snapshot';
import { ACCOUNT, doc, group, managedPolicy, report, reportRow, role, snapshotOf, user } from './helpers';

interface RuleCase {
  rule: string;
  name: string;
  fires: boolean;
  snapshot: () => Snapshot;
  escalation?: EscalationInput;
}

const arn = (kind: string, name: string): string => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const assume = (principal: object, condition?: object) =>
  doc({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRole',
    ...(condition ? { Condition: condition } : {}),
  });
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const github = (condition: object) =>
  doc({
    Effect: 'Allow',
    Principal: { Federated: GITHUB },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  });
const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;
const saml = (condition?: object) =>
  doc({
    Effect: 'Allow',
    Principal: { Federated: SAML },
    Action: 'sts:AssumeRoleWithSAML',
    ...(condition ? { Condition: condition } : {}),
  });
const bucketPolicy = (statement: object) => [
  { resource: 'arn:aws:s3:::b', account: ACCOUNT, policy: doc(statement) },
];
const inline = (name: string, document: object) => ({
  UserPolicyList: [{ PolicyName: name, PolicyDocument: document }],
});
const oneUser = (document: object) => snapshotOf({ users: [user('u', inline('p', document))] });
const escalation = (e: Partial<EscalationInput>): EscalationInput => ({
  admins: [],
  fullAdmins: [],
  paths: [],
  ...e,
});

const cases: RuleCase[] = [
  // trust
  {
    rule: 'trust.principal.wildcard',
    name: 'a role trusting "*"',
    fires: true,
    snapshot: () => snapshotOf({ roles: [role('r', assume({ AWS: '*' }))] }),
  },
  {
    rule: 'trust.principal.wildcard',
    name: 'a role trusting "*" only within the organisation',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [role('r', assume({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }))],
      }),
  },
  {
    rule: 'trust.principal.wildcard',
    name: 'a "*" trust limited by a negative condition only',
    fires: true,
    snapshot: () =>
      snapshotOf({
        roles: [
          role('r', assume('*' as unknown as object, { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } })),
        ],
      }),
  },
  {
    rule: 'trust.principal.wildcard',
    name: 'a role trusting its own account',
    fires: false,
    snapshot: () => snapshotOf({ roles: [role('r', assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` }))] }),
  },
  {
    rule: 'trust.cross-account.no-external-id',
    name: 'a role trusting another account without sts:ExternalId',
    fires: true,
    snapshot: () => snapshotOf({ roles: [role('r', assume({ AWS: 'arn:aws:iam::222222222222:root' }))] }),
  },
  {
    rule: 'trust.cross-account.no-external-id',
    name: 'a role trusting another account with sts:ExternalId',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [role('r', assume({ AWS: '222222222222' }, { StringEquals: { 'sts:ExternalId': 'x-1' } }))],
      }),
  },
  {
    rule: 'trust.cross-account.no-external-id',
    name: 'a role trusting the organisation management account',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [role('r', assume({ AWS: 'arn:aws:iam::999999999999:root' }))],
        organization: { id: 'o-1', managementAccountId: '999999999999', path: [] },
      }),
  },
  {
    rule: 'trust.oidc.github-subject',
    name: 'a GitHub role checking only the audience',
    fires: true,
    snapshot: () =>
      snapshotOf({
        roles: [
          role(
            'r',
            github({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
          ),
        ],
      }),
  },
  {
    rule: 'trust.oidc.github-subject',
    name: 'a GitHub role with a wildcard-only subject `repo:*`',
    fires: true,
    snapshot: () =>
      snapshotOf({
        roles: [
          role(
            'r',
            github({
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
            }),
          ),
        ],
      }),
  },
  {
    rule: 'trust.oidc.github-subject',
    name: 'a GitHub role limited to one organisation',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [
          role(
            'r',
            github({
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
            }),
          ),
        ],
      }),
  },
  {
    rule: 'trust.oidc.audience-missing',
    name: 'an OIDC trust without aud',
    fires: true,
    snapshot: () =>
      snapshotOf({
        roles: [
          role('r', github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/x:*' } })),
        ],
      }),
  },
  {
    rule: 'trust.oidc.audience-missing',
    name: 'an OIDC trust with aud',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [
          role(
            'r',
            github({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
          ),
        ],
      }),
  },
  {
    rule: 'trust.saml.federation',
    name: 'a SAML-federated role',
    fires: true,
    snapshot: () => snapshotOf({ roles: [role('r', saml())] }),
  },
  {
    rule: 'trust.saml.federation',
    name: 'a role trusting a service',
    fires: false,
    snapshot: () => snapshotOf({ roles: [role('r', assume({ Service: 'ec2.amazonaws.com' }))] }),
  },
  {
    rule: 'trust.saml.audience-missing',
    name: 'a SAML trust without SAML:aud',
    fires: true,
    snapshot: () => snapshotOf({ roles: [role('r', saml())] }),
  },
  {
    rule: 'trust.saml.audience-missing',
    name: 'a SAML trust with SAML:aud',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [role('r', saml({ StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }))],
      }),
  },
  {
    rule: 'trust.external-account',
    name: 'an account named in a bucket policy',
    fires: true,
    snapshot: () =>
      snapshotOf({
        resourcePolicies: bucketPolicy({
          Effect: 'Allow',
          Principal: { AWS: '333333333333' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        }),
      }),
  },
  {
    rule: 'trust.external-account',
    name: 'only the own account trusted',
    fires: false,
    snapshot: () => snapshotOf({ roles: [role('r', assume({ AWS: ACCOUNT }))] }),
  },
  // resources
  {
    rule: 'resource.policy.public',
    name: 'a bucket readable by "*"',
    fires: true,
    snapshot: () =>
      snapshotOf({
        resourcePolicies: bucketPolicy({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        }),
      }),
  },
  {
    rule: 'resource.policy.public',
    name: 'a bucket readable by "*" through one VPC endpoint',
    fires: false,
    snapshot: () =>
      snapshotOf({
        resourcePolicies: bucketPolicy({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
        }),
      }),
  },
  {
    rule: 'resource.policy.public',
    name: 'a Deny to "*"',
    fires: false,
    snapshot: () =>
      snapshotOf({
        resourcePolicies: bucketPolicy({
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      }),
  },
  {
    rule: 'resource.policy.cross-account',
    name: 'a bucket shared with another account',
    fires: true,
    snapshot: () =>
      snapshotOf({
        resourcePolicies: bucketPolicy({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::333333333333:role/x' },
          Action: 's3:GetObject',
          Resource: '*',
        }),
      }),
  },
  {
    rule: 'resource.policy.cross-account',
    name: 'a bucket shared with a service',
    fires: false,
    snapshot: () =>
      snapshotOf({
        resourcePolicies: bucketPolicy({
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: '*',
        }),
      }),
  },
  {
    rule: 'resource.s3.acl-public',
    name: 'a bucket ACL granting AllUsers READ',
    fires: true,
    snapshot: () =>
      snapshotOf({
        s3Buckets: [
          {
            bucket: 'b',
            arn: 'arn:aws:s3:::b',
            region: 'eu-west-1',
            acl: {
              Grants: [
                {
                  Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
                  Permission: 'READ',
                },
              ],
            },
          },
        ],
      }),
  },
  {
    rule: 'resource.s3.acl-public',
    name: 'a bucket ACL granting only its owner',
    fires: false,
    snapshot: () =>
      snapshotOf({
        s3Buckets: [
          {
            bucket: 'b',
            arn: 'arn:aws:s3:::b',
            region: 'eu-west-1',
            acl: {
              Grants: [
                {
                  Grantee: { Type: 'CanonicalUser', ID: 'owner-id' },
                  Permission: 'FULL_CONTROL',
                },
              ],
            },
          },
        ],
      }),
  },
  // credentials
  {
    rule: 'credentials.console.no-mfa',
    name: 'a console user without MFA',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', { password_enabled: 'true', password_last_used: '2026-11-20T00:00:00+00:00' }),
        ),
      }),
  },
  {
    rule: 'credentials.console.no-mfa',
    name: 'a console user with MFA',
    fires: false,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(reportRow('u', { password_enabled: 'true', mfa_active: 'true' })),
      }),
  },
  {
    rule: 'credentials.password.unused',
    name: 'a password never used in two years',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', {
            password_enabled: 'true',
            password_last_used: 'no_information',
            password_last_changed: '2024-06-01T00:00:00+00:00',
          }),
        ),
      }),
  },
  {
    rule: 'credentials.password.unused',
    name: 'a password used last week',
    fires: false,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', { password_enabled: 'true', password_last_used: '2026-11-20T00:00:00+00:00' }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.not-rotated',
    name: 'an active key created 91 days before collection',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', {
            access_key_1_active: 'true',
            access_key_1_last_rotated: '2026-08-29T00:00:00+00:00',
            access_key_1_last_used_date: '2026-11-28T00:00:00+00:00',
          }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.not-rotated',
    name: 'an active key created 90 days before collection',
    fires: false,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', {
            access_key_1_active: 'true',
            access_key_1_last_rotated: '2026-08-31T00:00:00+00:00',
          }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.not-rotated',
    name: 'an old key that is inactive',
    fires: false,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', {
            access_key_1_active: 'false',
            access_key_1_last_rotated: '2020-01-01T00:00:00+00:00',
          }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.unused',
    name: 'an active key never used since 2024',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', {
            access_key_2_active: 'true',
            access_key_2_last_rotated: '2024-01-08T00:00:00+00:00',
          }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.unused',
    name: 'an active key used yesterday',
    fires: false,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', {
            access_key_1_active: 'true',
            access_key_1_last_rotated: '2024-01-08T00:00:00+00:00',
            access_key_1_last_used_date: '2026-11-28T00:00:00+00:00',
          }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.two-active',
    name: 'two active keys',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', { access_key_1_active: 'true', access_key_2_active: 'true' }),
        ),
      }),
  },
  {
    rule: 'credentials.access-key.two-active',
    name: 'one active key and one inactive',
    fires: false,
    snapshot: () =>
      snapshotOf({
        credentialReport: report(
          reportRow('u', { access_key_1_active: 'true', access_key_2_active: 'false' }),
        ),
      }),
  },
  {
    rule: 'credentials.root.access-key',
    name: 'root with an active key',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: [
          report().trimEnd().split('\n')[0],
          reportRow('<root_account>', { mfa_active: 'true', access_key_1_active: 'true' }),
        ].join('\n'),
      }),
  },
  {
    rule: 'credentials.root.access-key',
    name: 'root without keys',
    fires: false,
    snapshot: () => snapshotOf({ credentialReport: report() }),
  },
  {
    rule: 'credentials.root.access-key',
    name: 'an account summary showing root keys',
    fires: true,
    snapshot: () => snapshotOf({ accountSummary: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 1 } }),
  },
  {
    rule: 'credentials.root.no-mfa',
    name: 'root without MFA',
    fires: true,
    snapshot: () =>
      snapshotOf({
        credentialReport: [
          report().trimEnd().split('\n')[0],
          reportRow('<root_account>', { mfa_active: 'false' }),
        ].join('\n'),
      }),
  },
  {
    rule: 'credentials.root.no-mfa',
    name: 'root with MFA',
    fires: false,
    snapshot: () => snapshotOf({ credentialReport: report() }),
  },
  {
    rule: 'credentials.password-policy.weak',
    name: 'a policy of 8 characters',
    fires: true,
    snapshot: () =>
      snapshotOf({
        passwordPolicy: {
          MinimumPasswordLength: 8,
          PasswordReusePrevention: 24,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          ExpirePasswords: true,
          MaxPasswordAge: 90,
        },
      }),
  },
  {
    rule: 'credentials.password-policy.weak',
    name: 'a policy meeting every CIS threshold',
    fires: false,
    snapshot: () =>
      snapshotOf({
        passwordPolicy: {
          MinimumPasswordLength: 14,
          PasswordReusePrevention: 24,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          ExpirePasswords: true,
          MaxPasswordAge: 90,
        },
      }),
  },
  {
    rule: 'credentials.password-policy.missing',
    name: 'a pulled bundle without a password policy',
    fires: true,
    snapshot: () =>
      snapshotOf({ source: { kind: 'aws-pull', tool: 'ariadne' }, accountSummary: { Users: 0 } }),
  },
  {
    rule: 'credentials.password-policy.missing',
    name: 'a hand-written bundle that says nothing',
    fires: false,
    snapshot: () => snapshotOf({}),
  },
  {
    rule: 'credentials.password-policy.missing',
    name: 'a pull that could not read the password policy',
    fires: false,
    snapshot: () =>
      snapshotOf({
        source: { kind: 'aws-pull', tool: 'ariadne' },
        accountSummary: { Users: 0 },
        warnings: ['iam:GetAccountPasswordPolicy: AccessDenied'],
      }),
  },
  // hygiene
  {
    rule: 'hygiene.role.unused',
    name: 'a role last used 120 days ago',
    fires: true,
    snapshot: () =>
      snapshotOf({
        roles: [
          role('r', assume({ Service: 'ec2.amazonaws.com' }), {
            RoleLastUsed: { LastUsedDate: '2026-08-01T00:00:00Z' },
          }),
        ],
      }),
  },
  {
    rule: 'hygiene.role.unused',
    name: 'a role never used since its creation in 2024',
    fires: true,
    snapshot: () =>
      snapshotOf({ roles: [role('r', assume({ Service: 'ec2.amazonaws.com' }), { RoleLastUsed: {} })] }),
  },
  {
    rule: 'hygiene.role.unused',
    name: 'a role used yesterday',
    fires: false,
    snapshot: () => snapshotOf({ roles: [role('r', assume({ Service: 'ec2.amazonaws.com' }))] }),
  },
  {
    rule: 'hygiene.role.unused',
    name: 'an unused service-linked role',
    fires: false,
    snapshot: () =>
      snapshotOf({
        roles: [
          role('r', assume({ Service: 'ec2.amazonaws.com' }), {
            Path: '/aws-service-role/ec2.amazonaws.com/',
            RoleLastUsed: {},
          }),
        ],
      }),
  },
  {
    rule: 'hygiene.policy.full-admin',
    name: 'an inline "*" on "*"',
    fires: true,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
  },
  {
    rule: 'hygiene.policy.full-admin',
    name: 'an inline "*" on one bucket',
    fires: false,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' })),
  },
  {
    rule: 'hygiene.policy.full-admin',
    name: 'a "*" on "*" overridden by a Deny of the same policy',
    fires: false,
    snapshot: () =>
      oneUser(
        doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }),
      ),
  },
  {
    rule: 'hygiene.passrole.wildcard',
    name: 'iam:PassRole on "*"',
    fires: true,
    snapshot: () =>
      oneUser(doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' })),
  },
  {
    rule: 'hygiene.passrole.wildcard',
    name: 'iam:Pass* on "*"',
    fires: true,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: 'iam:Pass*', Resource: '*' })),
  },
  {
    rule: 'hygiene.passrole.wildcard',
    name: 'iam:PassRole on one role',
    fires: false,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role', 'app') })),
  },
  {
    rule: 'hygiene.passrole.wildcard',
    name: 'iam:PassRole on "*" limited by iam:PassedToService',
    fires: false,
    snapshot: () =>
      oneUser(
        doc({
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        }),
      ),
  },
  {
    rule: 'hygiene.action.sensitive-wildcard',
    name: 'kms:* on "*"',
    fires: true,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })),
  },
  {
    rule: 'hygiene.action.sensitive-wildcard',
    name: 'kms:Decrypt on "*"',
    fires: false,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })),
  },
  {
    rule: 'hygiene.action.service-wildcard',
    name: 'ecs:* on "*"',
    fires: true,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: 'ecs:*', Resource: '*' })),
  },
  {
    rule: 'hygiene.action.service-wildcard',
    name: 'iam:* (a sensitive service)',
    fires: false,
    snapshot: () => oneUser(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })),
  },
  {
    rule: 'hygiene.policy.unattached',
    name: 'a customer policy attached to nothing',
    fires: true,
    snapshot: () =>
      snapshotOf({
        policies: [
          managedPolicy('lonely', doc({ Effect: 'Deny', Action: '*', Resource: '*' }), {
            AttachmentCount: 0,
          }),
        ],
      }),
  },
  {
    rule: 'hygiene.policy.unattached',
    name: 'a customer policy attached to a user',
    fires: false,
    snapshot: () =>
      snapshotOf({
        users: [
          user('u', { AttachedManagedPolicies: [{ PolicyName: 'used', PolicyArn: arn('policy', 'used') }] }),
        ],
        policies: [managedPolicy('used', doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))],
      }),
  },
  {
    rule: 'hygiene.statement.shadowed',
    name: 'an Allow of iam:* under a Deny of iam:*',
    fires: true,
    snapshot: () =>
      oneUser(
        doc(
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        ),
      ),
  },
  {
    rule: 'hygiene.statement.shadowed',
    name: 'an Allow under a conditional Deny',
    fires: false,
    snapshot: () =>
      oneUser(
        doc(
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          {
            Effect: 'Deny',
            Action: 'iam:*',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ),
      ),
  },
  {
    rule: 'hygiene.statement.shadowed',
    name: 'an Allow of s3:Get* under a Deny of s3:GetObject only',
    fires: false,
    snapshot: () =>
      oneUser(
        doc(
          { Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
          { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
        ),
      ),
  },
  {
    rule: 'hygiene.boundary.inconsistent',
    name: 'one of two developers without the boundary',
    fires: true,
    snapshot: () =>
      snapshotOf({
        groups: [group('dev')],
        users: [
          user('a', {
            GroupList: ['dev'],
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: arn('policy', 'B'),
            },
          }),
          user('b', { GroupList: ['dev'] }),
        ],
        policies: [managedPolicy('B', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))],
      }),
  },
  {
    rule: 'hygiene.boundary.inconsistent',
    name: 'every member with the boundary',
    fires: false,
    snapshot: () =>
      snapshotOf({
        groups: [group('dev')],
        users: ['a', 'b'].map((n) =>
          user(n, {
            GroupList: ['dev'],
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: arn('policy', 'B'),
            },
          }),
        ),
        policies: [managedPolicy('B', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))],
      }),
  },
  {
    rule: 'snapshot.boundary.document-missing',
    name: 'a boundary the snapshot lacks',
    fires: true,
    snapshot: () =>
      snapshotOf({
        users: [
          user('u', {
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: arn('policy', 'Gone'),
            },
          }),
        ],
      }),
  },
  {
    rule: 'snapshot.boundary.document-missing',
    name: 'a boundary present in the snapshot',
    fires: false,
    snapshot: () =>
      snapshotOf({
        users: [
          user('u', {
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: arn('policy', 'B'),
            },
          }),
        ],
        policies: [managedPolicy('B', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))],
      }),
  },
  {
    rule: 'snapshot.policy.document-missing',
    name: 'an attached policy the snapshot lacks',
    fires: true,
    snapshot: () =>
      snapshotOf({
        users: [
          user('u', { AttachedManagedPolicies: [{ PolicyName: 'Gone', PolicyArn: arn('policy', 'Gone') }] }),
        ],
      }),
  },
  {
    rule: 'snapshot.policy.document-missing',
    name: 'no attached policy',
    fires: false,
    snapshot: () => snapshotOf({ users: [user('u')] }),
  },
  {
    rule: 'snapshot.collection.incomplete',
    name: 'a bundle warning',
    fires: true,
    snapshot: () => snapshotOf({ warnings: ['kms:ListKeys in eu-west-1: AccessDenied'] }),
  },
  {
    rule: 'snapshot.collection.incomplete',
    name: 'an unreadable credential report',
    fires: true,
    snapshot: () => snapshotOf({ credentialReport: 'nothing,useful\n1,2\n' }),
  },
  {
    rule: 'snapshot.collection.incomplete',
    name: 'a complete bundle',
    fires: false,
    snapshot: () => snapshotOf({}),
  },
  // escalation and admins
  {
    rule: 'escalation.path.admin',
    name: 'a path from a user to admin',
    fires: true,
    snapshot: () => snapshotOf({}),
    escalation: escalation({
      admins: [arn('role', 'Admin')],
      fullAdmins: [arn('role', 'Admin')],
      paths: [
        {
          principal: arn('user', 'u'),
          conditional: false,
          steps: [
            {
              from: arn('user', 'u'),
              to: arn('role', 'Admin'),
              method: 'sts.assume-role',
              pathfindingId: null,
              permissions: ['sts:AssumeRole'],
              conditional: false,
              prerequisites: [],
            },
          ],
        },
      ],
    }),
  },
  {
    rule: 'escalation.path.admin',
    name: 'a path that starts at a service-linked role',
    fires: false,
    snapshot: () => snapshotOf({}),
    escalation: escalation({
      paths: [
        {
          principal: arn('role', 'aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO'),
          conditional: false,
          steps: [
            {
              from: arn('role', 'aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO'),
              to: 'admin',
              method: 'iam.put-role-policy',
              pathfindingId: null,
              permissions: ['iam:PutRolePolicy'],
              conditional: false,
              prerequisites: [],
            },
          ],
        },
      ],
    }),
  },
  {
    rule: 'escalation.path.admin',
    name: 'no paths',
    fires: false,
    snapshot: () => snapshotOf({}),
    escalation: escalation({ admins: [arn('role', 'Admin')], fullAdmins: [arn('role', 'Admin')] }),
  },
  {
    rule: 'admin.full',
    name: 'a full administrator',
    fires: true,
    snapshot: () => snapshotOf({}),
    escalation: escalation({ admins: [arn('role', 'Admin')], fullAdmins: [arn('role', 'Admin')] }),
  },
  {
    rule: 'admin.full',
    name: 'only a shadow administrator',
    fires: false,
    snapshot: () => snapshotOf({}),
    escalation: escalation({ admins: [arn('user', 'u')] }),
  },
  {
    rule: 'admin.shadow',
    name: 'a shadow administrator',
    fires: true,
    snapshot: () => snapshotOf({}),
    escalation: escalation({ admins: [arn('user', 'u')] }),
  },
  {
    rule: 'admin.shadow',
    name: 'only a full administrator',
    fires: false,
    snapshot: () => snapshotOf({}),
    escalation: escalation({ admins: [arn('role', 'Admin')], fullAdmins: [arn('role', 'Admin')] }),
  },
];

function run(c: RuleCase): readonly Finding[] {
  return analyzeSnapshot(c.snapshot(), { rules: [c.rule], escalation: c.escalation ?? false }).findings;
}

describe('finding rules', () => {
  for (const c of cases) {
    it(`${c.rule} ${c.fires ? 'fires' : 'does not fire'} for ${c.name}`, () => {
      const findings = run(c);
      if (c.fires) {
        expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) expect(f.rule).toBe(c.rule);
      } else {
        expect(findings).toEqual([]);
      }
    });
  }

  it('has a case that fires and a case that does not for every registered rule', () => {
    for (const r of RULES) {
      expect(
        cases.some((c) => c.rule === r.id && c.fires),
        `${r.id} fires`,
      ).toBe(true);
      expect(
        cases.some((c) => c.rule === r.id && !c.fires),
        `${r.id} stays silent`,
      ).toBe(true);
    }
  });
});
