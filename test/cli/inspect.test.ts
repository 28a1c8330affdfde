import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { fixturePath, samplePath, urlEncodeDocuments, loadSample } from '../core/snapshot/helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

async function run(...args: string[]) {
  const c = capture();
  const code = await runCli(['inspect', ...args], c.io);
  return { code, stdout: c.out.join(''), stderr: c.err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'ariadne-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ariadne inspect', () => {
  it('reports 44 users, 5 groups, 78 roles and 84 managed policies for the cloudsplaining sample', async () => {
    const r = await run(samplePath('cloudsplaining-example.json'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^account {13}200611803367, partition aws$/m);
    expect(r.stdout).toMatch(/^users {15}44$/m);
    expect(r.stdout).toMatch(/^groups {14}5$/m);
    expect(r.stdout).toMatch(/^roles {15}78$/m);
    expect(r.stdout).toMatch(/^managed policies {4}84 \(46 customer, 38 AWS-managed\)$/m);
  });

  it('prints one JSON object with --json', async () => {
    const r = await run(samplePath('cloudsplaining-example.json'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(out.account).toEqual({ id: '200611803367', partition: 'aws' });
    expect(out.counts).toMatchObject({
      users: 44,
      groups: 5,
      roles: 78,
      managedPolicies: { total: 84, customer: 46, awsManaged: 38 },
    });
  });

  it('reports the same counts for the sample with URL-encoded documents', async () => {
    const path = join(dir, 'encoded.json');
    writeFileSync(path, JSON.stringify(urlEncodeDocuments(loadSample('cloudsplaining-example.json'))));
    const out = JSON.parse((await run(path, '--json')).stdout);
    expect(out.counts).toMatchObject({ users: 44, groups: 5, roles: 78, managedPolicies: { total: 84 } });
  });

  it('lists the warnings of an incomplete snapshot with their ids', async () => {
    const r = await run(samplePath('awscli-doc-example.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ {2}warning: .*awscli-doc-example\.json: IsTruncated: the last page is marked truncated .* \[snapshot\.page\.truncated\]$/m,
    );
    const json = JSON.parse((await run(samplePath('awscli-doc-example.json'), '--json')).stdout);
    expect(json.warnings.map((w: { id: string }) => w.id)).toContain('snapshot.policy.missing');
  });

  it('counts the optional parts of a bundle', async () => {
    const out = JSON.parse((await run(fixturePath('small-bundle.json'), '--json')).stdout);
    expect(out.account).toEqual({ id: '111122223333', alias: 'prod', partition: 'aws' });
    expect(out.counts).toMatchObject({ identityProviders: { saml: 1, oidc: 1 }, resourcePolicies: 1 });
    expect(out.organization).toEqual({ id: 'o-abc123', levels: 3 });
    expect(out.collectionWarnings).toEqual(['s3: access denied listing bucket policies in us-east-2']);
  });

  it('takes several files as pages of one account', async () => {
    const out = JSON.parse(
      (await run(fixturePath('small-account.json'), samplePath('awscli-doc-example.json'), '--json')).stdout,
    );
    expect(out.counts.users).toBe(5);
  });

  it('lists at most 100 warnings in text and every one with --json', async () => {
    const path = join(dir, 'many.json');
    const groups = Array.from({ length: 150 }, (_, i) => `missing-${i}`);
    writeFileSync(
      path,
      JSON.stringify({
        UserDetailList: [
          { UserName: 'u', UserId: 'AIDAU', Arn: 'arn:aws:iam::111122223333:user/u', GroupList: groups },
        ],
      }),
    );
    const text = (await run(path)).stdout;
    expect(text.match(/^ {2}warning: /gm)).toHaveLength(100);
    expect(text).toContain('  … and 50 more warnings (all of them with --json)\n');
    expect(JSON.parse((await run(path, '--json')).stdout).warnings).toHaveLength(150);
  });

  it('exits 2 with one line naming the file, where and what, for bad input', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"UserDetailList": 7}');
    const r = await run(path);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ariadne inspect: ${path}: UserDetailList: expected a list, found a number\n`);
  });

  it('exits 2 with one line for a binary file and for invalid JSON', async () => {
    const bin = join(dir, 'x.bin');
    writeFileSync(bin, new Uint8Array([0, 1, 2, 3, 255]));
    expect((await run(bin)).stderr).toBe(`ariadne inspect: ${bin}: a binary file, not JSON text\n`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"a": [1,,2]}');
    const r = await run(broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `ariadne inspect: ${broken}: not valid JSON at line 1, column 10: unexpected character \`,\`\n`,
    );
  });

  it('exits 2 with a usage line when no file is given or an option is unknown', async () => {
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'ariadne inspect: no snapshot given: usage: ariadne inspect <snapshot...> [--json] [--partial]\n',
    );
    const bad = await run('--frob', 'x.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^ariadne inspect: unknown option `--frob`.*: usage: ariadne inspect <snapshot\.\.\.> \[--json\] \[--partial\]\n$/,
    );
  });
});
