import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';

const FIXTURE = 'test/fixtures/access/basic.json';
const DEMO = 'examples/demo-account.json';
const A = '123456789012';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

async function run(args: string[]) {
  const c = capture();
  const code = await runCli(args, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

describe('ariadne who-can', () => {
  it('prints the JSON of SPEC.md with the principals allowed and conditional', async () => {
    const r = await run([
      'who-can',
      FIXTURE,
      '--action',
      'iam:PassRole',
      '--resource',
      `arn:aws:iam::${A}:role/deploy`,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      action: string;
      resource: string;
      principals: { arn: string; decision: string; conditions: { key: string; values: string[] }[] }[];
    };
    expect(json.action).toBe('iam:PassRole');
    expect(json.resource).toBe(`arn:aws:iam::${A}:role/deploy`);
    expect(json.principals.map((p) => [p.arn, p.decision])).toEqual([
      [`arn:aws:iam::${A}:user/erin`, 'conditional'],
    ]);
    expect(json.principals[0]?.conditions[0]).toMatchObject({
      key: 'aws:MultiFactorAuthPresent',
      values: ['true'],
    });
  });

  it('lists only allowed principals with --strict, and reads --context', async () => {
    const base = [
      'who-can',
      FIXTURE,
      '--action',
      'iam:PassRole',
      '--resource',
      `arn:aws:iam::${A}:role/deploy`,
      '--json',
      '--strict',
    ];
    const strict = JSON.parse((await run(base)).out) as { principals: unknown[] };
    expect(strict.principals).toEqual([]);
    const given = JSON.parse((await run([...base, '--context', 'aws:MultiFactorAuthPresent=true'])).out) as {
      principals: { arn: string; decision: string }[];
    };
    expect(given.principals.map((p) => [p.arn, p.decision])).toEqual([
      [`arn:aws:iam::${A}:user/erin`, 'allowed'],
    ]);
  });

  it('makes a context key given twice multi-valued', async () => {
    const r = await run([
      'who-can',
      DEMO,
      '--action',
      'sts:AssumeRole',
      '--resource',
      'arn:aws:iam::111122223333:role/PlatformAdmin',
      '--context',
      'aws:RequestedRegion=eu-west-1',
      '--context',
      'aws:TagKeys=a',
      '--context',
      'aws:TagKeys=b',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { principals: { arn: string; decision: string }[] };
    expect(
      json.principals.find((p) => p.arn === 'arn:aws:iam::111122223333:role/ops-support')?.decision,
    ).toBe('allowed');
    expect(
      json.principals.find((p) => p.arn === 'arn:aws:iam::111122223333:user/alice.nguyen')?.decision,
    ).toBe('conditional');
  });

  it('prints readable text by default, naming external principals', async () => {
    const r = await run([
      'who-can',
      FIXTURE,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::shared/k',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^who can s3:GetObject on arn:aws:s3:::shared\/k: 4 allowed, 0 conditional/);
    expect(r.out).toContain(
      `allowed      user      arn:aws:iam::${A}:user/frank\n      through the resource policy`,
    );
    expect(r.out).toContain(
      "arn:aws:iam::999988887777:root\n      through the resource policy; outside the snapshot: its own account's policies must allow too",
    );
  });

  it('rejects a missing --action or a bad --context with exit code 2 and one line', async () => {
    const r = await run(['who-can', FIXTURE, '--resource', '*']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'ariadne who-can: --action is required: usage: ariadne who-can <snapshot> --action A --resource ARN [--context k=v]... [--strict] [--session-policy FILE] [--endpoint-policy FILE]... [--json] [--partial]\n',
    );
    const bad = await run([
      'who-can',
      FIXTURE,
      '--action',
      's3:GetObject',
      '--resource',
      '*',
      '--context',
      'novalue',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^ariadne who-can: --context: expected `key=value`, found `novalue`/);
  });

  it('warns on stderr about an action the catalogue lacks', async () => {
    const r = await run(['who-can', FIXTURE, '--action', 'madeup:DoThing', '--resource', '*', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('action `madeup:DoThing` is not in the action catalogue');
    // dave's `NotAction: iam:*` covers any action outside IAM, catalogued or not.
    expect((JSON.parse(r.out) as { principals: { arn: string }[] }).principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${A}:user/dave`,
    ]);
  });
});

describe('ariadne who-can with a session policy, VPC endpoint policies and principal tags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ariadne-who-can-'));
  const file = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
  const onlyEc2 = file('session-ec2.json', doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }));
  const notDave = file(
    'endpoint-not-dave.json',
    doc(
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/dave` }, Action: '*', Resource: '*' },
    ),
  );
  const arns = (out: string): string[] =>
    (JSON.parse(out) as { principals: { arn: string }[] }).principals.map((p) => p.arn);

  it('applies the session policy to every principal', async () => {
    const s3 = await run([
      'who-can',
      FIXTURE,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::any/x',
      '--session-policy',
      onlyEc2,
      '--json',
    ]);
    expect(s3.code).toBe(0);
    expect(arns(s3.out)).toEqual([]);
    const ec2 = await run([
      'who-can',
      FIXTURE,
      '--action',
      'ec2:RunInstances',
      '--resource',
      '*',
      '--session-policy',
      onlyEc2,
    ]);
    expect(ec2.out).toContain('through sessions limited by the session policy: 2 allowed');
    expect(ec2.out).toContain(`user/carol`);
  });

  it('leaves out a principal an endpoint policy denies', async () => {
    const before = await run([
      'who-can',
      FIXTURE,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::any/x',
      '--json',
    ]);
    expect(arns(before.out)).toEqual([`arn:aws:iam::${A}:user/carol`, `arn:aws:iam::${A}:user/dave`]);
    const after = await run([
      'who-can',
      FIXTURE,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::any/x',
      '--endpoint-policy',
      notDave,
      '--json',
    ]);
    expect(arns(after.out)).toEqual([`arn:aws:iam::${A}:user/carol`]);
  });

  it('rejects a missing policy file with exit code 2 and one line', async () => {
    const r = await run([
      'who-can',
      FIXTURE,
      '--action',
      's3:GetObject',
      '--resource',
      '*',
      '--endpoint-policy',
      join(dir, 'nope.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('--endpoint-policy:');
  });

  it("reads each principal's own tags, and a tag given with --context for everyone", async () => {
    const user = (name: string, team: string) => ({
      Path: '/',
      UserName: name,
      UserId: `AIDA${name.toUpperCase()}`,
      Arn: `arn:aws:iam::${A}:user/${name}`,
      GroupList: [],
      AttachedManagedPolicies: [{ PolicyName: 'Send', PolicyArn: `arn:aws:iam::${A}:policy/Send` }],
      UserPolicyList: [],
      Tags: [{ Key: 'team', Value: team }],
    });
    const snapshot = file('tags.json', {
      format: 'ariadne.snapshot/v1',
      account: { id: A, partition: 'aws' },
      authorizationDetails: {
        UserDetailList: [user('red1', 'red'), user('blue1', 'blue')],
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [
          {
            PolicyName: 'Send',
            PolicyId: 'ANPASEND',
            Arn: `arn:aws:iam::${A}:policy/Send`,
            Path: '/',
            DefaultVersionId: 'v1',
            PolicyVersionList: [
              {
                Document: doc({
                  Effect: 'Allow',
                  Action: 'sqs:SendMessage',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
                }),
                VersionId: 'v1',
                IsDefaultVersion: true,
              },
            ],
          },
        ],
      },
    });
    const q = [
      'who-can',
      snapshot,
      '--action',
      'sqs:SendMessage',
      '--resource',
      `arn:aws:sqs:eu-west-1:${A}:q`,
      '--json',
    ];
    expect(arns((await run(q)).out)).toEqual([`arn:aws:iam::${A}:user/red1`]);
    expect(arns((await run([...q, '--context', 'aws:PrincipalTag/team=red'])).out)).toEqual([
      `arn:aws:iam::${A}:user/red1`,
      `arn:aws:iam::${A}:user/blue1`,
    ]);
  });
});
