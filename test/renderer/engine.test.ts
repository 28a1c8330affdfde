import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../renderer/worker/engine';
import type { Progress } from '../../renderer/worker/types';

const demo = readFileSync('examples/demo-account.json', 'utf8');
const sample = readFileSync('/work/shared/samples/cloudsplaining-example.json', 'utf8');

describe('the engine worker API', () => {
  it('imports an authorization-details file with its counts, a bundle and a hash, reporting progress', async () => {
    const engine = createEngine();
    const stages: Progress[] = [];
    const r = await engine.importFiles([{ name: 'cloudsplaining-example.json', text: sample }], (p) => stages.push(p));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.snapshot.meta.counts).toMatchObject({ users: 44, groups: 5, roles: 78 });
    expect(r.snapshot.meta.account).toBe('200611803367');
    expect(r.snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(r.snapshot.bundle)).toMatchObject({ format: 'ariadne.snapshot/v1' });
    expect(stages.map((s) => s.stage)).toContain('parsing');
    expect(stages.at(-1)).toMatchObject({ stage: 'done', done: 3, total: 3 });
  });

  it('gives the same hash to the same input', async () => {
    const engine = createEngine();
    const a = await engine.importFiles([{ name: 'a.json', text: demo }]);
    const b = await engine.importFiles([{ name: 'b.json', text: demo }]);
    expect(a.kind === 'ok' && b.kind === 'ok' && a.snapshot.hash === b.snapshot.hash).toBe(true);
  });

  it('refuses a file that is not JSON with a one-line message naming the file and the place', async () => {
    const engine = createEngine();
    const r = await engine.importFiles([{ name: 'broken.json', text: '{"UserDetailList": [,]}' }]);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(/^broken\.json: .*line 1, column \d+/);
    expect(r.kind === 'error' && r.message).not.toContain('\n');
  });

  it('refuses a JSON file that is not a snapshot', async () => {
    const r = await createEngine().importFiles([{ name: 'x.json', text: '[1, 2, 3]' }]);
    expect(r.kind).toBe('error');
  });

  it('reports a broken page among several files by its name', async () => {
    const r = await createEngine().importFiles([
      { name: 'page1.json', text: sample },
      { name: 'page2.json', text: '{"RoleDetailList": ' },
    ]);
    expect(r.kind === 'error' && r.message).toMatch(/^page2\.json: not valid JSON/);
  });

  it('opens a stored bundle and answers the principal and policy views', async () => {
    const engine = createEngine();
    const imported = await engine.importFiles([{ name: 'sample.json', text: sample }]);
    if (imported.kind !== 'ok') throw new Error('import failed');
    const opened = await engine.open('s1', imported.snapshot.bundle);
    expect(opened.kind).toBe('ok');
    if (opened.kind !== 'ok') return;
    expect(opened.opened.principals.filter((p) => p.kind === 'user')).toHaveLength(44);
    expect(engine.isOpen('s1')).toBe(true);
    const user = engine.principal('s1', 'arn:aws:iam::200611803367:user/fn1-privesc3-partial-user');
    expect(user?.attached.map((p) => p.name)).toContain('fn1-passrole-star');
    expect(user?.attached.find((p) => p.name === 'fn1-passrole-star')?.text).toContain('iam:PassRole');
    const policy = engine.policy('s1', 'arn:aws:iam::200611803367:policy/fn1-passrole-star');
    expect(policy?.attachedTo.map((a) => a.name)).toContain('fn1-privesc3-partial-user');
    expect(engine.principal('s1', 'arn:aws:iam::200611803367:user/nobody')).toBeUndefined();
    expect(engine.principal('other', 'arn:aws:iam::200611803367:user/fn1-privesc3-partial-user')).toBeUndefined();
  });

  it('shows a role trust policy and a user policies inherited from its groups', async () => {
    const engine = createEngine();
    const imported = await engine.importFiles([{ name: 'demo.json', text: demo }]);
    if (imported.kind !== 'ok') throw new Error('import failed');
    const opened = await engine.open('d', imported.snapshot.bundle);
    if (opened.kind !== 'ok') throw new Error('open failed');
    const role = opened.opened.principals.find((p) => p.kind === 'role');
    const roleDetail = engine.principal('d', role!.arn);
    expect(roleDetail?.trustPolicy?.text).toContain('Statement');
    const member = opened.opened.principals.find((p) => p.kind === 'user' && p.groups > 0);
    const userDetail = engine.principal('d', member!.arn);
    expect(userDetail?.groups.length).toBeGreaterThan(0);
    expect(userDetail?.inherited.every((p) => p.via !== undefined)).toBe(true);
  });
});
