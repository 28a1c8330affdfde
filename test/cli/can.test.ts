import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

const A = '111122223333';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

const bundle = {
  format: 'ariadne.snapshot/v1',
  account: { id: A, partition: 'aws' },
  authorizationDetails: {
    UserDetailList: [
      {
        Path: '/',
        UserName: 'alice',
        UserId: 'AIDAALICE',
        Arn: `arn:aws:iam::${A}:user/alice`,
        GroupList: ['readers'],
        AttachedManagedPolicies: [],
        UserPolicyList: [{ PolicyName: 'own-folder', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::data/home/${aws:username}/*' }) }],
        Tags: [{ Key: 'team', Value: 'red' }],
      },
      {
        Path: '/',
        UserName: 'bob',
        UserId: 'AIDABOB',
        Arn: `arn:aws:iam::${A}:user/bob`,
        GroupList: [],
        AttachedManagedPolicies: [{ PolicyName: 'Admin', PolicyArn: `arn:aws:iam::${A}:policy/Admin` }],
        UserPolicyList: [],
        PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${A}:policy/Boundary` },
        Tags: [],
      },
    ],
    GroupDetailList: [
      {
        Path: '/',
        GroupName: 'readers',
        GroupId: 'AGPAREADERS',
        Arn: `arn:aws:iam::${A}:group/readers`,
        GroupPolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: 'Read', PolicyArn: `arn:aws:iam::${A}:policy/Read` }],
      },
    ],
    RoleDetailList: [
      {
        Path: '/',
        RoleName: 'deploy',
        RoleId: 'AROADEPLOY',
        Arn: `arn:aws:iam::${A}:role/deploy`,
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole' }),
        InstanceProfileList: [],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        Tags: [],
      },
    ],
    Policies: [
      managed(
        'Read',
        doc(
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } },
          { Effect: 'Allow', Action: 'sns:Publish', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        ),
      ),
      managed('Admin', doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
      managed('Boundary', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })),
    ],
  },
  resourcePolicies: [
    { resource: 'arn:aws:s3:::public', account: A, policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }) },
  ],
  organization: {
    id: 'o-test',
    managementAccountId: '999999999999',
    path: [
      { id: 'r-1', name: 'Root', scps: [{ name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }], rcps: [] },
      {
        id: A,
        name: 'prod',
        scps: [
          { name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
          { name: 'no-kms-delete', document: doc({ Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }) },
        ],
        rcps: [],
      },
    ],
  },
};

function managed(name: string, document: object) {
  return {
    PolicyName: name,
    PolicyId: `ANPA${name.toUpperCase()}`,
    Arn: `arn:aws:iam::${A}:policy/${name}`,
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    IsAttachable: true,
    PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true }],
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ariadne-can-'));
const snapshot = join(dir, 'bundle.json');
writeFileSync(snapshot, JSON.stringify(bundle));

async function can(...args: string[]) {
  const c = capture();
  const code = await runCli(['can', snapshot, ...args], c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

const alice = `arn:aws:iam::${A}:user/alice`;
const bob = `arn:aws:iam::${A}:user/bob`;

describe('ariadne can', () => {
  it('allows an action granted by a managed policy of the user group, naming the policy', async () => {
    const r = await can('--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::data/report.csv');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^allowed: /);
    expect(r.out).toContain(`managed policy \`arn:aws:iam::${A}:policy/Read\` via \`arn:aws:iam::${A}:group/readers\``);
    expect(r.out).toContain('SCP `FullAWSAccess` at `Root`');
  });

  it('prints the decision and its explanation as JSON with --json', async () => {
    const r = await can('--principal', alice, '--action', 's3:DeleteObject', '--resource', 'arn:aws:s3:::data/report.csv', '--json');
    const out = JSON.parse(r.out) as { decision: string; explain: { deniedBy: string; deciding: string[]; policies: Record<string, string> } };
    expect(out.decision).toBe('implicitDeny');
    expect(out.explain.deniedBy).toBe('identity');
    expect(out.explain.deciding).toEqual([]);
    expect(Object.values(out.explain.policies)).toContain('inline policy `own-folder` of `arn:aws:iam::111122223333:user/alice`');
  });

  it('resolves the user name policy variable from the snapshot principal', async () => {
    const own = await can('--principal', alice, '--action', 's3:PutObject', '--resource', 'arn:aws:s3:::data/home/alice/x', '--json');
    const other = await can('--principal', alice, '--action', 's3:PutObject', '--resource', 'arn:aws:s3:::data/home/bob/x', '--json');
    expect(JSON.parse(own.out).decision).toBe('allowed');
    expect(JSON.parse(other.out).decision).toBe('implicitDeny');
  });

  it('fills principal tags from the snapshot and lets --context add keys', async () => {
    const tagged = await can('--principal', alice, '--action', 'sqs:SendMessage', '--resource', `arn:aws:sqs:eu-west-1:${A}:q`, '--json');
    expect(JSON.parse(tagged.out).decision).toBe('allowed');
    const withoutIp = await can('--principal', alice, '--action', 'sns:Publish', '--resource', `arn:aws:sns:eu-west-1:${A}:t`);
    expect(withoutIp.out).toMatch(/^implicitDeny: /);
    expect(withoutIp.out).toContain('missing context keys: aws:SourceIp');
    const withIp = await can('--principal', alice, '--action', 'sns:Publish', '--resource', `arn:aws:sns:eu-west-1:${A}:t`, '--context', 'aws:SourceIp=203.0.113.7', '--json');
    expect(JSON.parse(withIp.out).decision).toBe('allowed');
  });

  it('limits an administrator by the permissions boundary', async () => {
    const r = await can('--principal', bob, '--action', 'iam:CreateUser', '--resource', `arn:aws:iam::${A}:user/x`);
    expect(r.out).toMatch(/^implicitDeny: /);
    expect(r.out).toContain('denied by: boundary: no statement allows');
  });

  it('denies explicitly through an SCP of the organisation path', async () => {
    const r = await can('--principal', bob, '--action', 'kms:ScheduleKeyDeletion', '--resource', `arn:aws:kms:eu-west-1:${A}:key/k`, '--json');
    const out = JSON.parse(r.out);
    expect(out.decision).toBe('explicitDeny');
    expect(out.explain.deciding).toEqual(['scp[1][1].Statement[0]']);
  });

  it('uses the role trust policy for sts:AssumeRole', async () => {
    const yes = await can('--principal', alice, '--action', 'sts:AssumeRole', '--resource', `arn:aws:iam::${A}:role/deploy`, '--json');
    const no = await can('--principal', bob, '--action', 'sts:AssumeRole', '--resource', `arn:aws:iam::${A}:role/deploy`, '--json');
    expect(JSON.parse(yes.out).decision).toBe('allowed');
    expect(JSON.parse(no.out).decision).toBe('implicitDeny');
    expect(JSON.parse(no.out).explain.deniedBy).toBe('resource');
  });

  it('uses the bucket policy for an object of the bucket', async () => {
    const r = await can('--principal', bob, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::public/index.html', '--json');
    const out = JSON.parse(r.out);
    expect(out.decision).toBe('allowed');
    expect(out.explain.deciding).toContain('resource[0].Statement[0]');
  });

  it('evaluates a session of a snapshot role with the role policies', async () => {
    const r = await can('--principal', `arn:aws:sts::${A}:assumed-role/deploy/ci`, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::data/x', '--json');
    const out = JSON.parse(r.out);
    // The role has no permission policy: its session is denied for lack of an identity allow.
    expect(out.decision).toBe('implicitDeny');
    expect(out.explain.deniedBy).toBe('identity');
    expect(out.explain.principal).toMatchObject({ kind: 'assumedRole', roleName: 'deploy', sessionName: 'ci' });
  });

  it('rejects a principal that is not in the snapshot, and missing options, with exit code 2', async () => {
    const r = await can('--principal', `arn:aws:iam::${A}:user/nobody`, '--action', 's3:GetObject', '--resource', '*');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`ariadne can: --principal: \`arn:aws:iam::${A}:user/nobody\` is not a user, role, role session or root of the snapshot\n`);
    const m = await can('--principal', alice, '--resource', '*');
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/missing --action/);
    const bad = await can('--principal', alice, '--action', 'a', '--resource', '*', '--context', 'novalue');
    expect(bad.err).toMatch(/--context: expected `key=value`, found `novalue`/);
  });
});

describe('ariadne can with a session policy or VPC endpoint policies', () => {
  const policyFile = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  const onlySqs = policyFile('session-sqs.json', doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }));
  const onlyPublic = policyFile(
    'endpoint-public.json',
    doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::public', 'arn:aws:s3:::public/*'] }),
  );

  it('denies through the session layer what the session policy does not allow, naming the file', async () => {
    const r = await can('--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::data/x', '--session-policy', onlySqs, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { decision: string; explain: { deniedBy: string; policies: Record<string, string> } };
    expect(json.decision).toBe('implicitDeny');
    expect(json.explain.deniedBy).toBe('session');
    expect(json.explain.policies['session[0]']).toContain('session-sqs.json');
  });

  it('allows what both the session policy and the identity policies allow', async () => {
    const r = await can('--principal', alice, '--action', 'sqs:SendMessage', '--resource', `arn:aws:sqs:eu-west-1:${A}:q`, '--session-policy', onlySqs);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^allowed:/);
  });

  it('denies through the endpoint a bucket its policy does not name', async () => {
    const other = await can('--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::data/x', '--endpoint-policy', onlyPublic, '--json');
    expect((JSON.parse(other.out) as { explain: { deniedBy: string } }).explain.deniedBy).toBe('endpoint');
    const named = await can('--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::public/x', '--endpoint-policy', onlyPublic);
    expect(named.out).toMatch(/^allowed:/);
  });

  it('rejects a policy file that is missing or not a policy with exit code 2 and one line', async () => {
    const missing = await can('--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::data/x', '--session-policy', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--session-policy: `.*nope\.json`: no such file/);
    const bad = policyFile('bad.json', '{"Statement": 3');
    const broken = await can('--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::data/x', '--endpoint-policy', bad);
    expect(broken.code).toBe(2);
    expect(broken.err.trim().split('\n')).toHaveLength(1);
    expect(broken.err).toContain('--endpoint-policy:');
  });
});
