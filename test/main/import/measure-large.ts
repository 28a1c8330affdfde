// Measures import of a large authorization details file: writes one of about the requested size
// in a temporary directory (never committed), imports it, prints time and peak memory.
// Run: npx tsx test/main/import/measure-large.ts [megabytes]   (default 100)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Writes authorization details of roughly `megabytes` MB: users, groups, roles, policies with documents. */
export async function writeLargeAuthorizationDetails(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  const account = '123456789012';
  const statement = (i: number) => ({
    Sid: `S${i}`,
    Effect: i % 7 === 0 ? 'Deny' : 'Allow',
    Action: [`s3:GetObject`, `s3:PutObject`, `dynamodb:Query`, `sqs:SendMessage`, `kms:Decrypt`],
    Resource: [`arn:aws:s3:::bucket-${i}/*`, `arn:aws:dynamodb:eu-west-1:${account}:table/t-${i}`],
    Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${i % 13}` } },
  });
  const doc = (i: number, n: number) => ({
    Version: '2012-10-17',
    Statement: Array.from({ length: n }, (_, k) => statement(i + k)),
  });
  const perUnit = 4_500; // about the bytes one user + one role + one policy take below
  const units = Math.ceil((megabytes * 1_000_000) / perUnit);
  await write('{"UserDetailList":[');
  for (let i = 0; i < units; i++) {
    const user = {
      Path: '/',
      UserName: `user-${i}`,
      UserId: `AIDA${String(i).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${account}:user/user-${i}`,
      CreateDate: '2024-01-01T00:00:00Z',
      GroupList: [`group-${i % 300}`],
      AttachedManagedPolicies: [
        { PolicyName: `policy-${i % 1500}`, PolicyArn: `arn:aws:iam::${account}:policy/policy-${i % 1500}` },
      ],
      UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: doc(i, 3) }],
      Tags: [{ Key: 'team', Value: `team-${i % 13}` }],
    };
    await write((i ? ',' : '') + JSON.stringify(user));
  }
  await write('],"GroupDetailList":[');
  for (let g = 0; g < 300; g++) {
    const group = {
      Path: '/',
      GroupName: `group-${g}`,
      GroupId: `AGPA${String(g).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${account}:group/group-${g}`,
      GroupPolicyList: [],
      AttachedManagedPolicies: [
        { PolicyName: `policy-${g}`, PolicyArn: `arn:aws:iam::${account}:policy/policy-${g}` },
      ],
    };
    await write((g ? ',' : '') + JSON.stringify(group));
  }
  await write('],"RoleDetailList":[');
  for (let i = 0; i < units; i++) {
    const role = {
      Path: '/',
      RoleName: `role-${i}`,
      RoleId: `AROA${String(i).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${account}:role/role-${i}`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      InstanceProfileList: [],
      RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: doc(i, 3) }],
      AttachedManagedPolicies: [
        { PolicyName: `policy-${i % 1500}`, PolicyArn: `arn:aws:iam::${account}:policy/policy-${i % 1500}` },
      ],
      Tags: [],
      RoleLastUsed: {},
    };
    await write((i ? ',' : '') + JSON.stringify(role));
  }
  await write('],"Policies":[');
  for (let i = 0; i < units; i++) {
    const policy = {
      PolicyName: `policy-${i}`,
      PolicyId: `ANPA${String(i).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${account}:policy/policy-${i}`,
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      IsAttachable: true,
      PolicyVersionList: [
        { Document: doc(i, 2), VersionId: 'v1', IsDefaultVersion: false },
        { Document: doc(i + 1, 3), VersionId: 'v2', IsDefaultVersion: true },
      ],
    };
    await write((i ? ',' : '') + JSON.stringify(policy));
  }
  await write(']}');
  await new Promise<void>((resolve) => out.end(resolve));
}

async function measure(path: string): Promise<void> {
  const { readSnapshotFiles } = await import('../../../main/import/index');
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const result = await readSnapshotFiles([path]);
  const ms = performance.now() - start;
  const counts =
    result.kind === 'ok'
      ? `${result.snapshot.users.length} users, ${result.snapshot.roles.length} roles, ${result.snapshot.policies.length} policies`
      : 'error';
  const peak = process.resourceUsage().maxRSS * 1024;
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  console.log(
    `import: ${ms.toFixed(0)} ms (${counts}); rss before ${mb(before)}, peak rss ${mb(peak)}, rss after ${mb(process.memoryUsage().rss)}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--measure') {
    await measure(process.argv[3]!);
  } else {
    const megabytes = Number(process.argv[2] ?? 100);
    const dir = mkdtempSync(join(tmpdir(), 'ariadne-large-'));
    const path = join(dir, 'large.json');
    try {
      await writeLargeAuthorizationDetails(path, megabytes);
      console.log(`file: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
      // A fresh process, so the writer's memory does not count.
      spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', path], {
        stdio: 'inherit',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
