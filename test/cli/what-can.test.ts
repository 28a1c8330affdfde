import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';

const FIXTURE = 'test/fixtures/access/basic.json';
const A = '123456789012';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('ariadne what-can', () => {
  it('prints the actions grouped by service and access level as JSON', async () => {
    const r = await run(['what-can', FIXTURE, '--principal', `arn:aws:iam::${A}:user/alice`, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      principal: string;
      services: { service: string; levels: { level: string; groups: { actions: string[] }[] }[] }[];
    };
    expect(json.principal).toBe(`arn:aws:iam::${A}:user/alice`);
    expect(json.services.map((s) => s.service)).toEqual(['dynamodb', 's3']);
    expect(json.services[1]?.levels).toEqual([
      expect.objectContaining({
        level: 'Read',
        groups: [expect.objectContaining({ actions: ['s3:GetObject'] })],
      }),
    ]);
  });

  it('prints readable text with the statements that grant and limit each group', async () => {
    const r = await run(['what-can', FIXTURE, '--principal', `arn:aws:iam::${A}:user/alice`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `s3\n  Read (1): s3:GetObject\n      granted by arn:aws:iam::${A}:policy/dev-policy.Statement[0] on arn:aws:s3:::data/*\n`,
    );
    expect(r.out).toContain(
      `through resource policies naming it\n  sts:AssumeRole on arn:aws:iam::${A}:role/deploy`,
    );
  });

  it('says when the principal is not in the snapshot, with exit code 2', async () => {
    const r = await run(['what-can', FIXTURE, '--principal', `arn:aws:iam::${A}:user/nobody`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `ariadne what-can: principal: \`arn:aws:iam::${A}:user/nobody\` is not a user or role of the snapshot\n`,
    );
  });

  it('requires --principal', async () => {
    const r = await run(['what-can', FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--principal is required');
  });
});
