import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { base, diffFixturePath, find } from '../core/snapshot/diff/helpers';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['diff', ...args], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'ariadne-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = diffFixturePath('base.json');
const changed = join(dir, 'changed.json');
{
  const a = base();
  find(a.UserDetailList, 'UserName', 'alice').AttachedManagedPolicies = [];
  find(a.UserDetailList, 'UserName', 'bob').GroupList = ['developers'];
  find(a.RoleDetailList, 'RoleName', 'deploy').AssumeRolePolicyDocument.Statement[0].Principal = { AWS: '*' };
  writeFileSync(changed, JSON.stringify(a));
}
const otherAccount = join(dir, 'other.json');
writeFileSync(otherAccount, JSON.stringify(base()).replaceAll('111122223333', '999988887777'));

describe('ariadne diff', () => {
  it('prints the changes grouped by kind, with counts', async () => {
    const r = await run(BASE, changed);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^account 111122223333, partition aws$/m);
    expect(r.stdout).toMatch(/^changes \d+: principals 0, policies 0, attachments 1, memberships 1, trust 1, boundaries 0, tags 0, access \d+, findings \d+$/m);
    expect(r.stdout).toMatch(/^attachments \(1\)\n {2}- arn:aws:iam::111122223333:policy\/s3-read detached from user arn:aws:iam::111122223333:user\/alice$/m);
    expect(r.stdout).toMatch(/^memberships \(1\)\n {2}\+ arn:aws:iam::111122223333:user\/contractors\/bob added to arn:aws:iam::111122223333:group\/developers$/m);
    expect(r.stdout).toMatch(/^ {2}~ trust policy of arn:aws:iam::111122223333:role\/deploy: principals \+AWS:\* -AWS:arn:aws:iam::444455556666:role\/ci$/m);
    expect(r.stdout).toMatch(/^ {6}lost 2 actions: s3 List \(1: s3:ListBucket\); s3 Read \(1: s3:GetObject\)$/m);
    expect(r.stdout).toMatch(/^ {2}\+ new \[critical\] trust\.principal\.wildcard: /m);
  });

  it('prints the SnapshotDiff as one JSON object with --json', async () => {
    const r = await run(BASE, changed, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const d = JSON.parse(r.stdout);
    expect(d.account).toEqual({ id: '111122223333', partition: 'aws' });
    expect(d.counts).toMatchObject({ attachments: 1, memberships: 1, trust: 1 });
    expect(d.changes.map((c: { kind: string }) => c.kind)).toContain('access-changed');
    expect(d.parts.access).toEqual({ kind: 'compared' });
  });

  it('says there are no changes between a snapshot and itself', async () => {
    const r = await run(BASE, BASE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^changes 0: /m);
    expect(r.stdout).toMatch(/^no changes$/m);
  });

  it('skips effective access and findings when asked, and says so', async () => {
    const r = await run(BASE, changed, '--no-access', '--no-findings');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^note: effective access not compared \(not asked for\)$/m);
    expect(r.stdout).toMatch(/^note: findings not compared \(not asked for\)$/m);
    expect(r.stdout).toMatch(/access 0, findings 0$/m);
  });

  it('refuses snapshots of different accounts with exit code 2 and one line', async () => {
    const r = await run(BASE, otherAccount);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('the snapshots are of different accounts (`aws:111122223333` and `aws:999988887777`)');
  });

  it('needs exactly two snapshots', async () => {
    const r = await run(BASE);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/two snapshots are needed, the old and the new: usage: ariadne diff <old> <new>/);
  });

  it('names the snapshot that cannot be read', async () => {
    const r = await run(BASE, join(dir, 'missing.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^.*new snapshot: /);
  });
});
