// Triage carried across snapshots of one account in the app's library: the demo account, a month
// later (test/fixtures/compare/demo-account-changed.json) and a third month; chains, own records
// winning, open and fixed not carried, other accounts and recreated principals left out, reports.
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AriadneDb, type SnapshotRecord } from '../../renderer/db/database';
import { cacheAnalysis, earlierSnapshots, importSnapshot, setTriage, snapshotTime } from '../../renderer/db/library';
import { carriedTriage } from '../../renderer/features/findings/triage-carry';
import {
  carriedFromText,
  effectiveTriage,
  findingKeys,
  reportRecords,
  type CarriedTriage,
} from '../../renderer/features/findings/triage-effective';
import { reportFromLibrary } from '../../renderer/features/report/report-library';
import { analyzeBundle, type AnalysisData } from '../../renderer/worker/analysis';
import { createEngine } from '../../renderer/worker/engine';

const ENGINE = 'test-engine';
const DEMO = readFileSync('examples/demo-account.json', 'utf8');
const CHANGED = readFileSync('test/fixtures/compare/demo-account-changed.json', 'utf8');
const OTHER = readFileSync('test/fixtures/compare/other-account.json', 'utf8');
const NOTE = 'prototype account, reviewed by security (SEC-1412)';
const DAN = 'arn:aws:iam::111122223333:user/dan.kowalski';

/** The changed demo collected on another day (a third month, or a copy for another case). */
function collectedOn(text: string, at: string): string {
  return text.replace(/"collectedAt": "[^"]*"/, `"collectedAt": "${at}"`);
}

/** The changed demo with dan.kowalski deleted and created again: same ARN, a new unique id. */
function danRecreated(text: string): string {
  const json = JSON.parse(text) as { authorizationDetails: { UserDetailList: { UserName: string; UserId: string }[] } };
  const dan = json.authorizationDetails.UserDetailList.find((u) => u.UserName === 'dan.kowalski');
  if (!dan) throw new Error('fixture: no dan.kowalski');
  dan.UserId = 'AIDARECREATEDDAN00001';
  return JSON.stringify(json);
}

const engine = createEngine();
const analyses = new Map<string, AnalysisData>();
let passRoleId = '';
let keyRotationId = '';

let n = 0;
const opened: Dexie[] = [];
function freshDb(): AriadneDb {
  n += 1;
  const db = openDatabase(`ariadne-carry-${n}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** Imports `text` into `db`, caching its analysis unless `analysed` is false. */
async function add(db: AriadneDb, text: string, analysed = true): Promise<{ record: SnapshotRecord; data: AnalysisData }> {
  const imported = await engine.importFiles([{ name: 'snapshot.json', text }]);
  if (imported.kind !== 'ok') throw new Error('fixture: import failed');
  const stored = await importSnapshot(db, imported.snapshot);
  if (stored.kind !== 'ok') throw new Error('fixture: store failed');
  let data = analyses.get(imported.snapshot.hash);
  if (!data) {
    const outcome = analyzeBundle(imported.snapshot.bundle);
    if (outcome.kind !== 'ok') throw new Error('fixture: analysis failed');
    data = outcome.data;
    analyses.set(imported.snapshot.hash, data);
  }
  if (analysed) await cacheAnalysis(db, imported.snapshot.hash, ENGINE, data);
  return { record: stored.value, data };
}

async function carriedTo(db: AriadneDb, s: { record: SnapshotRecord; data: AnalysisData }): Promise<Map<string, CarriedTriage>> {
  const list = await carriedTriage(db, s.record.id, ENGINE, findingKeys(s.data.findings));
  return new Map(list.map((c) => [c.findingId, c]));
}

beforeAll(async () => {
  const db = freshDb();
  const { data } = await add(db, DEMO);
  const passRole = data.findings.find((f) => f.rule === 'hygiene.passrole.wildcard' && f.principal === DAN);
  const rotation = data.findings.find((f) => f.rule === 'credentials.access-key.not-rotated' && f.principal === DAN);
  if (!passRole || !rotation) throw new Error('demo: expected dan.kowalski findings');
  passRoleId = passRole.id;
  keyRotationId = rotation.id;
});

describe('earlier snapshots of an account', () => {
  it('lists the snapshots of the same account collected before, oldest first', async () => {
    const db = freshDb();
    const mar = await add(db, collectedOn(CHANGED, '2027-01-29T06:00:00Z'));
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    await add(db, collectedOn(OTHER, '2026-10-01T00:00:00Z'));
    const earlier = await earlierSnapshots(db, mar.record);
    expect(earlier.map((s) => s.id)).toEqual([jan.record.id, feb.record.id]);
    expect(await earlierSnapshots(db, jan.record)).toEqual([]);
  });

  it('orders a snapshot without a collection time by its import time', () => {
    expect(snapshotTime({ collectedAt: '2026-11-29T06:00:00Z', importedAt: '2027-05-01T00:00:00Z' })).toBe(
      Date.parse('2026-11-29T06:00:00Z'),
    );
    expect(snapshotTime({ importedAt: '2027-05-01T00:00:00Z' })).toBe(Date.parse('2027-05-01T00:00:00Z'));
  });
});

describe('triage carried to a later snapshot', () => {
  it('carries an accepted risk with its note to the same finding of the next month', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    const carried = await carriedTo(db, feb);
    expect(feb.data.findings.some((f) => f.id === passRoleId)).toBe(true);
    expect(carried.size).toBe(1);
    const c = carried.get(passRoleId);
    expect(c).toMatchObject({ status: 'accepted-risk', note: NOTE, from: { snapshotId: jan.record.id, findingId: passRoleId } });
    expect(carriedFromText(c!)).toBe('carried from larkspur-prod, 2026-11-29');
  });

  it('carries false positives too, but not open or fixed', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    const [a, b] = jan.data.findings.filter((f) => feb.data.findings.some((g) => g.id === f.id) && f.id !== passRoleId);
    if (!a || !b) throw new Error('demo: expected findings in both months');
    await setTriage(db, jan.record.id, passRoleId, 'false-positive', 'the role cannot be passed in practice');
    await setTriage(db, jan.record.id, a.id, 'open', 'looked at, still open');
    await setTriage(db, jan.record.id, b.id, 'fixed', 'key rotated');
    const carried = await carriedTo(db, feb);
    expect([...carried.keys()]).toEqual([passRoleId]);
    expect(carried.get(passRoleId)?.status).toBe('false-positive');
  });

  it('chains January to February to March through what February carried', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    const mar = await add(db, collectedOn(CHANGED, '2027-01-29T06:00:00Z'));
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    await setTriage(db, feb.record.id, keyRotationId, 'false-positive', 'key 2 belongs to a test fixture');
    const carried = await carriedTo(db, mar);
    expect(carried.get(passRoleId)).toMatchObject({ status: 'accepted-risk', note: NOTE, from: { snapshotId: jan.record.id } });
    expect(carried.get(keyRotationId)).toMatchObject({ status: 'false-positive', from: { snapshotId: feb.record.id } });
  });

  it('goes past a middle snapshot whose analysis is not cached', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    await add(db, CHANGED, false);
    const mar = await add(db, collectedOn(CHANGED, '2027-01-29T06:00:00Z'));
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    expect((await carriedTo(db, mar)).get(passRoleId)?.from.snapshotId).toBe(jan.record.id);
  });

  it('stops at a middle snapshot whose own record reopened the finding', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    const mar = await add(db, collectedOn(CHANGED, '2027-01-29T06:00:00Z'));
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    await setTriage(db, feb.record.id, passRoleId, 'open', 'the exception expired');
    expect((await carriedTo(db, feb)).has(passRoleId)).toBe(true);
    expect((await carriedTo(db, mar)).has(passRoleId)).toBe(false);
  });

  it('lets a snapshot own record win over the carried decision', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    const own = await setTriage(db, feb.record.id, passRoleId, 'fixed', 'policy removed');
    if (own.kind !== 'ok') throw new Error('store failed');
    const effective = effectiveTriage([own.value], (await carriedTo(db, feb)).values());
    expect(effective.get(passRoleId)).toEqual({ kind: 'own', record: own.value });
  });

  it('never carries to an earlier snapshot or across accounts', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    const other = await add(db, collectedOn(OTHER, '2027-03-01T00:00:00Z'));
    await setTriage(db, feb.record.id, passRoleId, 'accepted-risk', NOTE);
    expect((await carriedTo(db, jan)).size).toBe(0);
    expect(other.data.findings.length).toBeGreaterThan(0);
    expect((await carriedTo(db, other)).size).toBe(0);
  });

  it('does not carry decisions about a principal deleted and created again', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, danRecreated(CHANGED));
    const other = jan.data.findings.find(
      (f) => f.principal !== DAN && f.principal !== undefined && feb.data.findings.some((g) => g.id === f.id),
    );
    if (!other) throw new Error('demo: expected another finding');
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    await setTriage(db, jan.record.id, other.id, 'accepted-risk', 'reviewed');
    const carried = await carriedTo(db, feb);
    expect(carried.has(passRoleId)).toBe(false);
    expect(carried.has(other.id)).toBe(true);
  });
});

describe('reports of a later snapshot', () => {
  it('give carried decisions with their note and where they come from, own records as they are', () => {
    const carried: CarriedTriage = {
      findingId: 'f1',
      status: 'accepted-risk',
      note: NOTE,
      from: { snapshotId: 'jan', label: 'larkspur-prod', at: '2026-11-29T06:00:00.000Z', findingId: 'f1' },
    };
    const own = { snapshotId: 'feb', findingId: 'f2', status: 'fixed' as const, note: '', updatedAt: 't' };
    expect(reportRecords('feb', [own], [carried, { ...carried, findingId: 'f2' }])).toEqual([
      { snapshotId: 'feb', findingId: 'f1', status: 'accepted-risk', note: `${NOTE} (carried from larkspur-prod, 2026-11-29)`, updatedAt: '' },
      own,
    ]);
  });

  it('write the carried note into the HTML report of the later snapshot', async () => {
    const db = freshDb();
    const jan = await add(db, DEMO);
    const feb = await add(db, CHANGED);
    await setTriage(db, jan.record.id, passRoleId, 'accepted-risk', NOTE);
    const report = await reportFromLibrary(db, { snapshotId: feb.record.id, format: 'json', toolVersion: '0.0.0', engineVersion: ENGINE });
    if (report.kind !== 'ok') throw new Error(report.message);
    expect(report.text).toContain(`${NOTE} (carried from larkspur-prod, 2026-11-29)`);
    expect(report.text).toContain('accepted-risk');
  });
});
