import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'ariadne-simulate-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const alice = 'arn:aws:iam::111111111111:user/alice';
const allowGet = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const request = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' };

async function simulate(path: string) {
  const c = capture();
  const code = await runCli(['simulate', path], c.io);
  const lines = c.out
    .join('')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, err: c.err.join('') };
}

describe('ariadne simulate', () => {
  it('prints one line per case of a .jsonl file, in input order, and exits 0', async () => {
    const path = file(
      'ok.jsonl',
      [
        { id: 'a', policies: { identity: [allowGet] }, request },
        { id: 'b', policies: {}, request },
        { id: 'c', policies: { identity: [allowGet, { Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }] }, request },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
    const r = await simulate(path);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => [l['id'], l['decision']])).toEqual([
      ['a', 'allowed'],
      ['b', 'implicitDeny'],
      ['c', 'explicitDeny'],
    ]);
    expect((r.lines[2]!['explain'] as { deciding: string[] }).deciding).toEqual(['identity[1].Statement[0]']);
  });

  it('reads a .json file holding an array of cases', async () => {
    const path = file('array.json', JSON.stringify([{ id: 'x', policies: { identity: [allowGet] }, request }, { id: 'y', policies: { identity: [] }, request }]));
    const r = await simulate(path);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l['decision'])).toEqual(['allowed', 'implicitDeny']);
  });

  it('reads a .json file holding one case', async () => {
    const path = file('one.json', JSON.stringify({ id: 'solo', policies: { identity: [allowGet] }, request }));
    const r = await simulate(path);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]!['id']).toBe('solo');
    expect(r.lines[0]!['decision']).toBe('allowed');
  });

  it('gives a case that cannot be evaluated an error line, goes on, then exits 2', async () => {
    const path = file(
      'mixed.jsonl',
      [
        JSON.stringify({ id: 'bad-doc', policies: { identity: [{ Version: '2012-10-17' }] }, request }),
        'not json',
        JSON.stringify({ id: 'misspelt', policies: {}, request, expected: 'x' }),
        JSON.stringify({ id: 'bad-principal', policies: {}, request: { ...request, principal: 'nobody' } }),
        JSON.stringify({ id: 'fine', policies: { identity: [allowGet] }, request }),
      ].join('\n'),
    );
    const r = await simulate(path);
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(5);
    expect(r.lines[0]).toEqual({ id: 'bad-doc', error: 'policies.identity[0].Statement: missing `Statement`' });
    expect(r.lines[1]!['id']).toBeNull();
    expect(String(r.lines[1]!['error'])).toMatch(/^line 2: not valid JSON/);
    expect(r.lines[2]!['id']).toBe('misspelt');
    expect(String(r.lines[2]!['error'])).toMatch(/expected/);
    expect(r.lines[3]!['id']).toBe('bad-principal');
    expect(String(r.lines[3]!['error'])).toMatch(/^request\.principal: `nobody`/);
    expect(r.lines[4]).toMatchObject({ id: 'fine', decision: 'allowed' });
  });

  it('reports an unknown condition operator as the case error', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualz: { 'aws:username': 'x' } } }] };
    const path = file('operator.json', JSON.stringify({ id: 'op', policies: { identity: [doc] }, request }));
    const r = await simulate(path);
    expect(r.code).toBe(2);
    expect(String(r.lines[0]!['error'])).toMatch(/StringEqualz/);
  });

  it('explains which keys were missing and which keys it derived', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] };
    const path = file('missing.json', JSON.stringify({ id: 'm', policies: { identity: [doc] }, request }));
    const r = await simulate(path);
    const explain = r.lines[0]!['explain'] as { missingKeys: string[]; derivedKeys: Record<string, string>; deniedBy: string };
    expect(r.lines[0]!['decision']).toBe('implicitDeny');
    expect(explain.missingKeys).toEqual(['aws:SourceIp']);
    expect(explain.deniedBy).toBe('identity');
    expect(explain.derivedKeys['aws:username']).toBe('alice');
  });

  it('agrees with the engine case files on every non-condition case', async () => {
    const casesDir = join(__dirname, '..', 'core', 'cases', 'evaluate');
    const cases: { id: string; policies: unknown; request: unknown; want: string }[] = [];
    for (const f of readdirSync(casesDir).filter((n) => n.endsWith('.json') && !n.startsWith('conditions-'))) {
      const data = JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as {
        cases: { name: string; policies: unknown; request: unknown; managementAccountId?: string; expect: { decision: string } }[];
      };
      for (const c of data.cases) {
        if (c.managementAccountId !== undefined) continue;
        cases.push({ id: `${f}: ${c.name}`, policies: c.policies, request: c.request, want: c.expect.decision });
      }
    }
    const path = file('all.jsonl', cases.map(({ want: _, ...c }) => JSON.stringify(c)).join('\n'));
    const r = await simulate(path);
    expect(r.lines.map((l) => [l['id'], l['decision'] ?? l['error']])).toEqual(cases.map((c) => [c.id, c.want]));
  });

  it('rejects a missing file and a missing argument with exit code 2', async () => {
    const c1 = capture();
    expect(await runCli(['simulate', join(dir, 'nope.jsonl')], c1.io)).toBe(2);
    expect(c1.err.join('')).toMatch(/^ariadne simulate: `.*nope\.jsonl`: cannot read the file\n$/);
    const c2 = capture();
    expect(await runCli(['simulate'], c2.io)).toBe(2);
    expect(c2.err.join('')).toMatch(/expected one cases file/);
  });
});
