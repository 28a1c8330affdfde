// The shared analysis state of the Findings, Overview and Graph views: runs once through the
// engine client, is cached in the library by snapshot hash and engine version, and can be cancelled.
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../renderer/app/context';
import { openDatabase } from '../../renderer/db/database';
import { cachedAnalysis, importSnapshot } from '../../renderer/db/library';
import {
  analysisState,
  forgetAnalysis,
  startAnalysis,
  type AnalysisState,
} from '../../renderer/features/findings/analysis-state';
import { analyzeBundle, type AnalysisOutcome } from '../../renderer/worker/analysis';
import type { EngineClient } from '../../renderer/worker/client';
import { createEngine } from '../../renderer/worker/engine';

const demo = readFileSync('examples/demo-account.json', 'utf8');
const dbs: Dexie[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function setup(options: { hold?: boolean } = {}) {
  const db = openDatabase(`findings-analysis-${Math.random().toString(36).slice(2)}`);
  dbs.push(db);
  const imported = await createEngine().importFiles([{ name: 'demo.json', text: demo }]);
  if (imported.kind !== 'ok') throw new Error('demo: import failed');
  const stored = await importSnapshot(db, imported.snapshot);
  if (stored.kind !== 'ok') throw new Error('demo: store failed');
  const calls = { analyze: 0, cancelled: 0 };
  const engine = {
    engineVersion: () => Promise.resolve('test-1'),
    analyze: (bundle: string) => {
      calls.analyze++;
      let release!: (v: AnalysisOutcome) => void;
      const held = new Promise<AnalysisOutcome>((ok) => (release = ok));
      if (!options.hold) release(analyzeBundle(bundle));
      return { result: held, cancel: () => void calls.cancelled++ };
    },
  } as unknown as EngineClient;
  const services = { db, engine } as unknown as Services;
  return { db, services, id: stored.value.id, hash: stored.value.hash, calls };
}

async function settled(id: string): Promise<AnalysisState> {
  for (let i = 0; i < 200; i++) {
    const s = analysisState(id);
    if (s.kind !== 'running' && s.kind !== 'idle') return s;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  return analysisState(id);
}

describe('the shared analysis state', () => {
  it('runs the analysis once, then reads it from the library cache', async () => {
    const t = await setup();
    startAnalysis(t.services, t.id);
    startAnalysis(t.services, t.id);
    const first = await settled(t.id);
    expect(first).toMatchObject({ kind: 'ok', cached: false });
    expect(t.calls.analyze).toBe(1);
    await new Promise((ok) => setTimeout(ok, 50));
    expect((await cachedAnalysis(t.db, t.hash, 'test-1'))?.result).toMatchObject({
      summary: { critical: 2 },
    });
    forgetAnalysis(t.id);
    startAnalysis(t.services, t.id);
    const second = await settled(t.id);
    expect(second).toMatchObject({ kind: 'ok', cached: true });
    expect(second.kind === 'ok' && second.data.admins).toContain(
      'arn:aws:iam::111122223333:role/PlatformAdmin',
    );
    expect(t.calls.analyze).toBe(1);
    forgetAnalysis(t.id);
  });

  it('cancels a running analysis, caches nothing, and runs again on request', async () => {
    const t = await setup({ hold: true });
    startAnalysis(t.services, t.id);
    for (let i = 0; i < 100 && t.calls.analyze === 0; i++) await new Promise((ok) => setTimeout(ok, 10));
    const running = analysisState(t.id);
    expect(running.kind).toBe('running');
    if (running.kind === 'running') running.cancel();
    expect(analysisState(t.id).kind).toBe('cancelled');
    expect(t.calls.cancelled).toBe(1);
    expect(await cachedAnalysis(t.db, t.hash, 'test-1')).toBeUndefined();
    startAnalysis(t.services, t.id);
    expect(analysisState(t.id).kind).toBe('running');
    forgetAnalysis(t.id);
  });
});
