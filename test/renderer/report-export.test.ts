// The app's reports: the worker's buildReport writes, for the demo and the same triage, the same
// bytes as `ariadne audit` on the stored bundle, in every format; the library's triage records
// become core's triage; file names are safe.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/index';
import { VERSION } from '../../cli/version';
import { Dexie } from 'dexie';
import { openDatabase, type TriageRecord } from '../../renderer/db/database';
import { cacheAnalysis, importSnapshot, setTriage } from '../../renderer/db/library';
import { reportFileName, reportTriage } from '../../renderer/features/report/formats';
import { reportFromLibrary } from '../../renderer/features/report/report-library';
import {
  analyzeBundle,
  buildReport,
  type AnalysisData,
  type ReportFormat,
} from '../../renderer/worker/analysis';
import { createEngine } from '../../renderer/worker/engine';

const dir = mkdtempSync(join(tmpdir(), 'ariadne-report-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let bundle = '';
let hash = '';
let data: AnalysisData;
let records: TriageRecord[] = [];
let imported: Extract<Awaited<ReturnType<ReturnType<typeof createEngine>['importFiles']>>, { kind: 'ok' }>;

beforeAll(async () => {
  const demo = readFileSync('examples/demo-account.json', 'utf8');
  const result = await createEngine().importFiles([{ name: 'demo-account.json', text: demo }]);
  if (result.kind !== 'ok') throw new Error('demo: import failed');
  imported = result;
  bundle = imported.snapshot.bundle;
  hash = imported.snapshot.hash;
  const analysed = analyzeBundle(bundle);
  if (analysed.kind !== 'ok') throw new Error('demo: analysis failed');
  data = analysed.data;
  const [a, b, c] = data.findings;
  if (!a || !b || !c) throw new Error('demo: expected findings');
  const at = '2026-11-29T09:00:00.000Z';
  records = [
    {
      snapshotId: 's',
      findingId: a.id,
      status: 'accepted-risk',
      note: 'prototype account, reviewed by security (SEC-1412)',
      updatedAt: at,
    },
    { snapshotId: 's', findingId: b.id, status: 'fixed', note: '', updatedAt: at },
    {
      snapshotId: 's',
      findingId: c.id,
      status: 'false-positive',
      note: 'the "role" is a break-glass role, see <RUNBOOK-7>',
      updatedAt: at,
    },
  ];
});

/** What `ariadne audit` writes for the stored bundle with the same triage. */
async function cliReport(format: 'json' | 'sarif' | 'csv' | 'md' | 'html' | 'principals'): Promise<string> {
  const file = join(dir, 'bundle.json');
  writeFileSync(file, bundle);
  const triageFile = join(dir, 'triage.json');
  writeFileSync(triageFile, JSON.stringify(Object.fromEntries(reportTriage(records))));
  const out = join(dir, `out-${format}`);
  const args =
    format === 'principals'
      ? ['audit', file, '--format', 'json', '--out', join(dir, 'ignored.json'), '--principals-out', out]
      : ['audit', file, '--format', format, '--out', out];
  const code = await runCli([...args, '--triage', triageFile], {
    stdout: () => undefined,
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  return readFileSync(out, 'utf8');
}

function appReport(format: ReportFormat, analysis: AnalysisData = data): string {
  const r = buildReport({
    format,
    bundle,
    sha256: hash,
    analysis,
    triage: reportTriage(records),
    toolVersion: VERSION,
  });
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.text;
}

describe('a report exported from the app', () => {
  const pairs: [ReportFormat, Parameters<typeof cliReport>[0]][] = [
    ['json', 'json'],
    ['sarif', 'sarif'],
    ['csv', 'csv'],
    ['principals-csv', 'principals'],
    ['md', 'md'],
    ['html', 'html'],
  ];
  for (const [app, cli] of pairs) {
    it(`is byte for byte the CLI's ${app} report of the demo with the same triage`, async () => {
      expect(appReport(app)).toBe(await cliReport(cli));
    });
  }

  it('carries the evidence block and each triaged finding with its justification', () => {
    const json = JSON.parse(appReport('json')) as {
      tool: { version: string };
      snapshot: { account: string; sha256: string; collectedAt: string };
      findings: { id: string; triage?: { state: string; justification?: string } }[];
    };
    expect(json.tool.version).toBe(VERSION);
    expect(json.snapshot).toEqual({ account: '111122223333', sha256: hash, collectedAt: expect.any(String) });
    const byId = new Map(json.findings.map((f) => [f.id, f]));
    expect(JSON.stringify(byId.get(records[0]!.findingId))).toContain('SEC-1412');
    expect(JSON.stringify(byId.get(records[1]!.findingId))).toContain('resolved');
    const html = appReport('html');
    expect(html).toContain(hash);
    expect(html).toContain('prototype account, reviewed by security (SEC-1412)');
    expect(html).toContain('&lt;RUNBOOK-7&gt;');
    expect(html).not.toContain('<RUNBOOK-7>');
  });

  it('redoes an analysis cached without the rules that ran, and still writes the CLI bytes', async () => {
    const { rulesRun: _dropped, ...old } = data;
    expect(appReport('md', old)).toBe(await cliReport('md'));
  });

  it('says so in one line when the stored bundle is unreadable', () => {
    const r = buildReport({
      format: 'json',
      bundle: '{"format": 7',
      sha256: hash,
      analysis: data,
      triage: [],
      toolVersion: VERSION,
    });
    expect(r).toEqual({ kind: 'error', message: 'report: the stored snapshot is unreadable' });
  });
});

describe('a report written from the library (what the report worker runs)', () => {
  async function library(cache: boolean) {
    const db = openDatabase(`report-export-${Math.random().toString(36).slice(2)}`);
    const stored = await importSnapshot(db, imported.snapshot);
    if (stored.kind !== 'ok') throw new Error('demo: store failed');
    const id = stored.value.id;
    for (const r of records) await setTriage(db, id, r.findingId, r.status, r.note);
    if (cache) await cacheAnalysis(db, stored.value.hash, 'engine-test', data);
    return { db, id };
  }

  for (const cache of [true, false]) {
    it(`reads the hash, bundle, triage and ${cache ? 'cached analysis' : 'no analysis (so runs it)'} and writes the CLI's bytes`, async () => {
      const { db, id } = await library(cache);
      try {
        const r = await reportFromLibrary(db, {
          snapshotId: id,
          format: 'sarif',
          toolVersion: VERSION,
          engineVersion: 'engine-test',
        });
        expect(r.kind).toBe('ok');
        expect(r.kind === 'ok' && r.text).toBe(await cliReport('sarif'));
      } finally {
        db.close();
        await Dexie.delete(db.name);
      }
    });
  }

  it('says so when the snapshot is not in the library', async () => {
    const { db } = await library(false);
    try {
      expect(
        await reportFromLibrary(db, {
          snapshotId: 'gone',
          format: 'json',
          toolVersion: VERSION,
          engineVersion: 'x',
        }),
      ).toEqual({
        kind: 'error',
        message: 'report: the snapshot data is missing from the library',
      });
    } finally {
      db.close();
      await Dexie.delete(db.name);
    }
  });
});

describe('the triage given to the report writers', () => {
  it('maps the library states to core states and keeps a note only when it says something', () => {
    const at = '2026-11-29T09:00:00.000Z';
    expect(
      reportTriage([
        { snapshotId: 's', findingId: 'f1', status: 'fixed', note: '  ', updatedAt: at },
        { snapshotId: 's', findingId: 'f2', status: 'accepted-risk', note: 'ok by CISO', updatedAt: at },
        { snapshotId: 's', findingId: 'f3', status: 'open', note: '', updatedAt: at },
      ]),
    ).toEqual([
      ['f1', { state: 'resolved' }],
      ['f2', { state: 'accepted-risk', justification: 'ok by CISO' }],
      ['f3', { state: 'open' }],
    ]);
  });

  it('offers file names without path separators or leading dots', () => {
    expect(reportFileName('larkspur-prod', 'pdf')).toBe('larkspur-prod-audit.pdf');
    expect(reportFileName('../../etc/passwd', 'html')).toBe('etc-passwd-audit.html');
    expect(reportFileName('', 'principals-csv')).toBe('snapshot-principals.csv');
    expect(reportFileName('a b/c', 'sarif')).toBe('a-b-c-audit.sarif');
  });
});
