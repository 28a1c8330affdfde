// Fake AWS account data served by the fake AWS server: a small account for tests and a generated
// large one for the benchmark. Test-only; imports nothing from the app.

/** A JSON-like record. */
export type Json = Record<string, unknown>;

/** A resource with an optional policy document, living in one region. */
export interface FakeResource {
  name: string;
  region: string;
  policy?: Json;
}

/** Organisation data: the path from root to the account, the policies and where they are attached. */
export interface FakeOrganization {
  id: string;
  managementAccountId: string;
  /** Root first, account last. */
  path: { id: string; name: string; type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' }[];
  policies: {
    id: string;
    name: string;
    type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
    content: Json;
  }[];
  /** Target id → attached policy ids. */
  attachments: Record<string, string[]>;
}

/** Everything the fake server knows about its one account. */
export interface FakeAccount {
  accountId: string;
  callerArn: string;
  aliases: string[];
  /** Authorization-details entries, documents as objects (the server URL-encodes them). */
  users: Json[];
  groups: Json[];
  roles: Json[];
  policies: Json[];
  credentialReportCsv: string;
  mfaDevices: { serialNumber: string; userName?: string }[];
  saml: { name: string; metadata: string }[];
  oidc: { url: string; clientIds: string[]; thumbprints: string[] }[];
  passwordPolicy?: Json;
  summary: Record<string, number>;
  organization?: FakeOrganization;
  buckets: (FakeResource & { publicAccessBlock?: Json })[];
  /** The account-level S3 public access block (S3 Control); absent = no configuration. */
  accountPublicAccessBlock?: Json;
  keys: FakeResource[];
  functions: FakeResource[];
  queues: FakeResource[];
  topics: FakeResource[];
  secrets: FakeResource[];
  repositories: FakeResource[];
}

const CREATED = '2024-01-02T03:04:05Z';

function allow(action: string | string[], resource: string | string[], principal?: Json): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', ...(principal ? { Principal: principal } : {}), Action: action, Resource: resource },
    ],
  };
}

function trust(service: string): Json {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

function user(accountId: string, name: string, index: number, extra: Json = {}): Json {
  return {
    Path: '/',
    UserName: name,
    UserId: `AIDA${String(index).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${accountId}:user/${name}`,
    CreateDate: CREATED,
    UserPolicyList: [],
    GroupList: [],
    AttachedManagedPolicies: [],
    Tags: [],
    ...extra,
  };
}

function role(accountId: string, name: string, index: number, extra: Json = {}): Json {
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${String(index).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${accountId}:role/${name}`,
    CreateDate: CREATED,
    AssumeRolePolicyDocument: trust('lambda.amazonaws.com'),
    InstanceProfileList: [],
    RolePolicyList: [],
    AttachedManagedPolicies: [],
    Tags: [],
    ...extra,
  };
}

function managed(accountId: string, name: string, index: number, document: Json): Json {
  return {
    PolicyName: name,
    PolicyId: `ANPA${String(index).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${accountId}:policy/${name}`,
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: CREATED,
    UpdateDate: CREATED,
    PolicyVersionList: [
      { Document: document, VersionId: 'v2', IsDefaultVersion: true, CreateDate: CREATED },
      { Document: allow('*', '*'), VersionId: 'v1', IsDefaultVersion: false, CreateDate: CREATED },
    ],
  };
}

function credentialReport(names: string[]): string {
  const header = 'user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active';
  return (
    [header, ...names.map((n) => `${n},arn:aws:iam::111122223333:user/${n},${CREATED},true,false,true`)].join(
      '\n',
    ) + '\n'
  );
}

/** A small account with a bit of everything (two regions of resources, an organisation). */
export function smallAccount(): FakeAccount {
  const id = '111122223333';
  const policyArn = `arn:aws:iam::${id}:policy/ReadBuckets`;
  return {
    accountId: id,
    callerArn: `arn:aws:iam::${id}:user/auditor`,
    aliases: ['example-prod'],
    users: [
      user(id, 'alice', 1, {
        GroupList: ['admins'],
        UserPolicyList: [
          { PolicyName: 'inline-s3', PolicyDocument: allow('s3:GetObject', 'arn:aws:s3:::data/*') },
        ],
      }),
      user(id, 'bob', 2, { AttachedManagedPolicies: [{ PolicyName: 'ReadBuckets', PolicyArn: policyArn }] }),
      user(id, 'carol', 3),
    ],
    groups: [
      {
        Path: '/',
        GroupName: 'admins',
        GroupId: 'AGPA00000000000000001',
        Arn: `arn:aws:iam::${id}:group/admins`,
        CreateDate: CREATED,
        GroupPolicyList: [{ PolicyName: 'admin', PolicyDocument: allow('*', '*') }],
        AttachedManagedPolicies: [],
      },
    ],
    roles: [
      role(id, 'app', 1, {
        RolePolicyList: [{ PolicyName: 'queue', PolicyDocument: allow('sqs:SendMessage', '*') }],
      }),
      role(id, 'deployer', 2, {
        AttachedManagedPolicies: [{ PolicyName: 'ReadBuckets', PolicyArn: policyArn }],
      }),
    ],
    policies: [managed(id, 'ReadBuckets', 1, allow(['s3:ListBucket', 's3:GetObject'], '*'))],
    credentialReportCsv: credentialReport(['alice', 'bob', 'carol']),
    mfaDevices: [
      { serialNumber: `arn:aws:iam::${id}:mfa/alice`, userName: 'alice' },
      { serialNumber: `arn:aws:iam::${id}:mfa/spare` },
    ],
    saml: [{ name: 'okta', metadata: '<EntityDescriptor entityID="okta"/>' }],
    oidc: [
      {
        url: 'token.actions.githubusercontent.com',
        clientIds: ['sts.amazonaws.com'],
        thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      },
    ],
    passwordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, ExpirePasswords: false },
    summary: { Users: 3, Groups: 1, Roles: 2, Policies: 1, AccountMFAEnabled: 1 },
    organization: {
      id: 'o-abc123',
      managementAccountId: '999999999999',
      path: [
        { id: 'r-ab12', name: 'Root', type: 'ROOT' },
        { id: 'ou-ab12-prod', name: 'Prod', type: 'ORGANIZATIONAL_UNIT' },
        { id, name: 'prod', type: 'ACCOUNT' },
      ],
      policies: [
        {
          id: 'p-FullAWSAccess',
          name: 'FullAWSAccess',
          type: 'SERVICE_CONTROL_POLICY',
          content: allow('*', '*'),
        },
        {
          id: 'p-denyregions',
          name: 'DenyRegions',
          type: 'SERVICE_CONTROL_POLICY',
          content: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Action: '*',
                Resource: '*',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
              },
            ],
          },
        },
        {
          id: 'p-rcpfull',
          name: 'RCPFullAWSAccess',
          type: 'RESOURCE_CONTROL_POLICY',
          content: allow('*', '*', { AWS: '*' }),
        },
      ],
      attachments: {
        'r-ab12': ['p-FullAWSAccess', 'p-rcpfull'],
        'ou-ab12-prod': ['p-FullAWSAccess', 'p-denyregions'],
        [id]: ['p-FullAWSAccess'],
      },
    },
    buckets: [
      {
        name: 'data',
        region: 'eu-west-1',
        policy: allow('s3:GetObject', 'arn:aws:s3:::data/*', { AWS: 'arn:aws:iam::444455556666:root' }),
        publicAccessBlock: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
      { name: 'logs', region: 'eu-west-1' },
    ],
    // BlockPublicPolicy left out, as GetPublicAccessBlock may answer.
    accountPublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    keys: [
      {
        name: '1234abcd-12ab-34cd-56ef-1234567890ab',
        region: 'eu-west-1',
        policy: allow('kms:*', '*', { AWS: `arn:aws:iam::${id}:root` }),
      },
    ],
    functions: [
      {
        name: 'resize',
        region: 'eu-west-1',
        policy: allow('lambda:InvokeFunction', '*', { Service: 's3.amazonaws.com' }),
      },
      { name: 'private', region: 'eu-west-1' },
      {
        name: 'edge',
        region: 'us-east-1',
        policy: allow('lambda:InvokeFunction', '*', { Service: 'cloudfront.amazonaws.com' }),
      },
    ],
    queues: [
      {
        name: 'jobs',
        region: 'eu-west-1',
        policy: allow('sqs:SendMessage', '*', { Service: 'sns.amazonaws.com' }),
      },
      { name: 'quiet', region: 'eu-west-1' },
    ],
    topics: [{ name: 'alerts', region: 'eu-west-1', policy: allow('sns:Publish', '*', { AWS: '*' }) }],
    secrets: [
      {
        name: 'db',
        region: 'eu-west-1',
        policy: allow('secretsmanager:GetSecretValue', '*', { AWS: 'arn:aws:iam::444455556666:root' }),
      },
      { name: 'api', region: 'eu-west-1' },
    ],
    repositories: [
      { name: 'web', region: 'eu-west-1', policy: allow('ecr:BatchGetImage', '*', { AWS: '*' }) },
      { name: 'tools', region: 'eu-west-1' },
    ],
  };
}

/** A generated account of the given size (the benchmark's "large" account: 5,000 / 5,000 / 1,500). */
export function largeAccount(size: {
  users: number;
  roles: number;
  policies: number;
  groups?: number;
}): FakeAccount {
  const base = smallAccount();
  const id = base.accountId;
  const groups = size.groups ?? 100;
  const policies = Array.from({ length: size.policies }, (_, i) =>
    managed(
      id,
      `policy-${i}`,
      i + 10,
      allow(
        [`s3:GetObject`, `sqs:SendMessage`, `dynamodb:GetItem`],
        [`arn:aws:s3:::bucket-${i}/*`, `arn:aws:sqs:eu-west-1:${id}:queue-${i}`],
      ),
    ),
  );
  const attached = (i: number): Json[] => [
    {
      PolicyName: `policy-${i % size.policies}`,
      PolicyArn: `arn:aws:iam::${id}:policy/policy-${i % size.policies}`,
    },
  ];
  return {
    ...base,
    users: Array.from({ length: size.users }, (_, i) =>
      user(id, `user-${i}`, i + 10, {
        GroupList: [`group-${i % groups}`],
        AttachedManagedPolicies: attached(i),
        UserPolicyList:
          i % 5 === 0
            ? [{ PolicyName: 'inline', PolicyDocument: allow('s3:ListBucket', `arn:aws:s3:::bucket-${i}`) }]
            : [],
      }),
    ),
    groups: Array.from({ length: groups }, (_, i) => ({
      Path: '/',
      GroupName: `group-${i}`,
      GroupId: `AGPA${String(i + 10).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${id}:group/group-${i}`,
      CreateDate: CREATED,
      GroupPolicyList: [],
      AttachedManagedPolicies: attached(i),
    })),
    roles: Array.from({ length: size.roles }, (_, i) =>
      role(id, `role-${i}`, i + 10, {
        AttachedManagedPolicies: attached(i + 7),
        RolePolicyList:
          i % 3 === 0
            ? [
                {
                  PolicyName: 'inline',
                  PolicyDocument: allow(
                    'sts:AssumeRole',
                    `arn:aws:iam::${id}:role/role-${(i + 1) % size.roles}`,
                  ),
                },
              ]
            : [],
      }),
    ),
    policies,
    credentialReportCsv: credentialReport(Array.from({ length: size.users }, (_, i) => `user-${i}`)),
  };
}
