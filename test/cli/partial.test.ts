// SPEC.md: a bad input exits 2 with one line. A malformed entity that import had to leave out is a
// bad input for every command, unless `--partial` accepts analysing the rest.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';

let damaged: string;

beforeAll(() => {
  const demo = JSON.parse(readFileSync('examples/demo-account.json', 'utf8')) as {
    authorizationDetails: { RoleDetailList: { AssumeRolePolicyDocument: unknown }[] };
  };
  // The raw API's form, broken: not JSON after URL decoding.
  demo.authorizationDetails.RoleDetailList[3]!.AssumeRolePolicyDocument = '%7B%22Version%22%3A';
  damaged = join(mkdtempSync(join(tmpdir(), 'ariadne-partial-')), 'damaged.json');
  writeFileSync(damaged, JSON.stringify(demo));
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('a snapshot with a malformed entity', () => {
  it('makes `can` exit 2 with one line naming where and what', async () => {
    const r = await run('can', damaged, '--principal', 'arn:aws:iam::111122223333:user/dan.kowalski', '--action', 's3:ListBucket', '--resource', '*');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/RoleDetailList\[3\]\.AssumeRolePolicyDocument: .*not valid JSON/);
    expect(r.stderr).toContain('--partial');
  });

  it('is analysed without the malformed entity when --partial is given', async () => {
    const r = await run('can', damaged, '--partial', '--principal', 'arn:aws:iam::111122223333:user/dan.kowalski', '--action', 's3:ListBucket', '--resource', '*', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).decision).toMatch(/allowed|implicitDeny|explicitDeny/);
  });

  it('makes `inspect` print its report, then exit 2; --partial exits 0', async () => {
    const strict = await run('inspect', damaged);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain('roles               14');
    expect(strict.stderr).toMatch(/RoleDetailList\[3\]\.AssumeRolePolicyDocument/);
    const partial = await run('inspect', damaged, '--partial');
    expect(partial.code).toBe(0);
  });

  it('makes who-can, what-can, paths, audit and diff exit 2 too', async () => {
    const who = await run('who-can', damaged, '--action', 's3:ListBucket', '--resource', '*');
    const paths = await run('paths', damaged);
    const audit = await run('audit', damaged, '--skip-escalation');
    const what = await run('what-can', damaged, '--principal', 'arn:aws:iam::111122223333:user/dan.kowalski');
    const diff = await run('diff', 'examples/demo-account.json', damaged, '--no-findings', '--no-access');
    for (const r of [who, what, paths, audit, diff]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/RoleDetailList\[3\]/);
    }
  });
});
