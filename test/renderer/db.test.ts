import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type AriadneDb } from '../../renderer/db/database';
import { deleteSnapshot, findByHash, getBundle, importSnapshot, renameSnapshot, setTriage, tagSnapshot, triageOf, cacheAnalysis, cachedAnalysis } from '../../renderer/db/library';
import { CURRENT_VERSION, SCHEMA_VERSIONS } from '../../renderer/db/schema';
import type { ImportedSnapshot } from '../../renderer/worker/types';

let n = 0;
const opened: Dexie[] = [];
function freshName(): string {
  n += 1;
  return `ariadne-test-${n}-${Math.random().toString(36).slice(2)}`;
}
function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function imported(account: string, bundle = `{"format":"ariadne.snapshot/v1","account":"${account}"}`): ImportedSnapshot {
  return {
    meta: {
      account,
      alias: `alias-${account}`,
      partition: 'aws',
      collectedAt: '2026-11-29T06:00:00Z',
      source: { kind: 'file' },
      counts: { users: 1, groups: 2, roles: 3, policies: 4, customerPolicies: 3, awsManagedPolicies: 1, inlinePolicies: 0, instanceProfiles: 0, resourcePolicies: 0 },
      warnings: [],
    },
    bundle,
    hash: `hash-${account}`,
  };
}

/** Builds a database at schema version `version` with one snapshot as that version stored it. */
async function databaseAt(version: number): Promise<string> {
  const name = freshName();
  const old = openDatabase(name, version);
  await old.open();
  const v1 = { id: 's1', account: '111122223333', alias: 'prod', importedAt: '2026-01-01T00:00:00Z', counts: { users: 1 } };
  await old.table('snapshots').add(version >= 2 ? { ...v1, label: 'prod', tags: [], hash: '' } : v1);
  await old.table('snapshotData').add({ id: 's1', bundle: '{"format":"ariadne.snapshot/v1"}' });
  if (version >= 2) await old.table('triage').put({ snapshotId: 's1', findingId: 'f1', status: 'fixed', note: 'done', updatedAt: '2026-01-02T00:00:00Z' });
  old.close();
  return name;
}

describe('the database schema', () => {
  it('numbers its versions in increasing order', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(CURRENT_VERSION).toBe(versions.at(-1));
  });

  it.each(SCHEMA_VERSIONS.slice(0, -1).map((v) => v.version))('upgrades from version %i to the current one without losing data', async (version) => {
    const name = await databaseAt(version);
    const db = track(openDatabase(name));
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const s = await db.snapshots.get('s1');
    expect(s).toMatchObject({ id: 's1', account: '111122223333', tags: [], label: 'prod' });
    expect(s?.hash).toBeTruthy();
    expect(await getBundle(db, 's1')).toBe('{"format":"ariadne.snapshot/v1"}');
    if (version >= 2) expect(await triageOf(db, 's1')).toHaveLength(1);
    // Every current table works after the upgrade.
    expect((await setTriage(db, 's1', 'f2', 'accepted-risk', 'known')).kind).toBe('ok');
    expect((await cacheAnalysis(db, s!.hash, '0.1.0', { findings: [] })).kind).toBe('ok');
    expect(await cachedAnalysis(db, s!.hash, '0.1.0')).toMatchObject({ result: { findings: [] } });
    expect(await db.snapshots.where('tags').equals('x').count()).toBe(0);
  });
});

describe('the snapshot library', () => {
  async function fresh(): Promise<AriadneDb> {
    const db = track(openDatabase(freshName()));
    await db.open();
    return db;
  }

  it('imports a snapshot with its bundle and names it after its alias', async () => {
    const db = await fresh();
    const r = await importSnapshot(db, imported('111122223333'));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.value.label).toBe('alias-111122223333');
    expect(await getBundle(db, r.value.id)).toContain('111122223333');
  });

  it('finds a stored snapshot by the hash of its bundle', async () => {
    const db = await fresh();
    const r = await importSnapshot(db, imported('5'));
    expect(r.kind).toBe('ok');
    expect((await findByHash(db, 'hash-5'))?.account).toBe('5');
    expect(await findByHash(db, 'hash-6')).toBeUndefined();
  });

  it('renames, tags and deletes a snapshot with its triage', async () => {
    const db = await fresh();
    const r = await importSnapshot(db, imported('1'));
    if (r.kind !== 'ok') throw new Error('import failed');
    const id = r.value.id;
    expect((await renameSnapshot(db, id, '  Q3 audit  ')).kind).toBe('ok');
    expect((await renameSnapshot(db, id, '   ')).kind).toBe('error');
    expect((await tagSnapshot(db, id, ['prod', ' prod ', '', 'q3'])).kind).toBe('ok');
    expect(await db.snapshots.get(id)).toMatchObject({ label: 'Q3 audit', tags: ['prod', 'q3'] });
    await setTriage(db, id, 'f1', 'false-positive', 'test account');
    expect((await deleteSnapshot(db, id)).kind).toBe('ok');
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.snapshotData.count()).toBe(0);
    expect(await triageOf(db, id)).toEqual([]);
  });

  it('keeps a finding triaged under its snapshot and finding id', async () => {
    const db = await fresh();
    await setTriage(db, 's', 'iam.admin', 'accepted-risk', 'break-glass role');
    await setTriage(db, 's', 'iam.admin', 'fixed', 'removed');
    const all = await triageOf(db, 's');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'fixed', note: 'removed' });
  });

  it('reports a quota error during an import and loses nothing already stored', async () => {
    const db = await fresh();
    const first = await importSnapshot(db, imported('1'));
    if (first.kind !== 'ok') throw new Error('import failed');
    // The bundle write fails inside the transaction, after the metadata row was added.
    const unhook = (() => {
      const hook = (): void => {
        throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      };
      db.snapshotData.hook('creating', hook);
      return () => db.snapshotData.hook('creating').unsubscribe(hook);
    })();
    const second = await importSnapshot(db, imported('2'));
    unhook();
    expect(second.kind).toBe('error');
    expect(second.kind === 'error' && second.reason).toBe('quota');
    expect(second.kind === 'error' && second.message).toMatch(/^import: the browser's storage is full/);
    const left = await db.snapshots.toArray();
    expect(left.map((s) => s.account)).toEqual(['1']);
    expect(await db.snapshotData.count()).toBe(1);
    expect(await getBundle(db, first.value.id)).toContain('"1"');
  });

  it('reports any other storage failure in one line without a partial import', async () => {
    const db = await fresh();
    const hook = (): void => {
      throw new Error('disk I/O error\nstack');
    };
    db.snapshotData.hook('creating', hook);
    const r = await importSnapshot(db, imported('3'));
    db.snapshotData.hook('creating').unsubscribe(hook);
    expect(r).toMatchObject({ kind: 'error', reason: 'storage' });
    expect(r.kind === 'error' && r.message).not.toContain('\n');
    expect(await db.snapshots.count()).toBe(0);
  });
});
