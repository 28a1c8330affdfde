// The engine worker's `compare`: core's diff of two opened snapshots with the details the comparison
// view needs (policy keys, both versions of changed statements), findings once analyses are given,
// and the refusal of snapshots of different accounts. Fixtures: test/fixtures/compare/README.md.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../renderer/worker/engine';
import { analyzeBundle } from '../../renderer/worker/analysis';
import type { CompareAnalysis, Comparison } from '../../renderer/worker/types';

const demo = readFileSync('examples/demo-account.json', 'utf8');
const changed = readFileSync('test/fixtures/compare/demo-account-changed.json', 'utf8');
const other = readFileSync('test/fixtures/compare/other-account.json', 'utf8');
const ACCOUNT = 'arn:aws:iam::111122223333';

async function bundleOf(name: string, text: string): Promise<string> {
  const r = await createEngine().importFiles([{ name, text }]);
  if (r.kind !== 'ok') throw new Error(`import of ${name} failed`);
  return r.snapshot.bundle;
}

function analysisOf(bundle: string): CompareAnalysis {
  const r = analyzeBundle(bundle);
  if (r.kind !== 'ok') throw new Error('analysis failed');
  return {
    findings: r.data.findings,
    admins: r.data.admins,
    fullAdmins: r.data.fullAdmins,
    paths: r.data.paths,
  };
}

let bundles: { demo: string; changed: string; other: string };

beforeAll(async () => {
  bundles = {
    demo: await bundleOf('demo.json', demo),
    changed: await bundleOf('changed.json', changed),
    other: await bundleOf('other.json', other),
  };
});

async function compared(withAnalyses: boolean): Promise<Comparison> {
  const engine = createEngine();
  await engine.open('a', bundles.demo);
  await engine.open('b', bundles.changed);
  const r = engine.compare(
    'a',
    'b',
    withAnalyses ? { analyses: { old: analysisOf(bundles.demo), new: analysisOf(bundles.changed) } } : {},
  );
  if (r.kind !== 'ok') throw new Error(`compare: ${r.kind}`);
  return r.comparison;
}

describe('the engine worker compares two opened snapshots', () => {
  it('finds each kind of change of the changed demo account, with one detail per change', async () => {
    const c = await compared(false);
    const kinds = c.diff.changes.map((x) => x.kind);
    expect(c.details).toHaveLength(c.diff.changes.length);
    expect(c.diff.changes).toContainEqual(
      expect.objectContaining({ kind: 'principal-added', arn: `${ACCOUNT}:user/lena.fischer` }),
    );
    expect(c.diff.changes).toContainEqual(
      expect.objectContaining({ kind: 'principal-removed', arn: `${ACCOUNT}:user/kate.sullivan` }),
    );
    expect(c.diff.changes).toContainEqual(
      expect.objectContaining({
        kind: 'membership-added',
        user: `${ACCOUNT}:user/jamal.reed`,
        group: `${ACCOUNT}:group/platform-ops`,
      }),
    );
    expect(c.diff.changes).toContainEqual(
      expect.objectContaining({
        kind: 'trust-policy-changed',
        role: `${ACCOUNT}:role/vendor-quillbooks-costs`,
      }),
    );
    expect(kinds).toContain('policy-document-changed');
    expect(kinds).toContain('access-changed');
    expect(c.diff.parts.access.kind).toBe('compared');
  });

  it('gives a changed statement of a managed policy both versions and the policy key in the newer snapshot', async () => {
    const c = await compared(false);
    const i = c.diff.changes.findIndex((x) => x.kind === 'policy-document-changed');
    const detail = c.details[i];
    expect(detail?.policyKey).toBe(`${ACCOUNT}:policy/vendor-cobalt-monitoring-read`);
    expect(detail?.policyIn).toBe('new');
    const pair = detail?.pairs?.[0];
    expect(pair?.before?.Action).toContain('logs:FilterLogEvents');
    expect(pair?.after?.Action).toContain('cloudwatch:DescribeAlarms');
    expect(pair?.after?.Action).not.toContain('logs:FilterLogEvents');
  });

  it('gives a changed trust policy its trust key and both statements', async () => {
    const c = await compared(false);
    const i = c.diff.changes.findIndex((x) => x.kind === 'trust-policy-changed');
    expect(c.details[i]?.policyKey).toBe(`trust:${ACCOUNT}:role/vendor-quillbooks-costs`);
    expect(c.details[i]?.pairs?.[0]?.before?.Condition).toBeUndefined();
    expect(c.details[i]?.pairs?.[0]?.after?.Condition).toEqual({
      StringEquals: { 'sts:ExternalId': ['qb-larkspur-7f3a9c'] },
    });
  });

  it('sends each access group’s actions as one string with their count', async () => {
    const c = await compared(false);
    const jamal = c.diff.changes.find(
      (x) => x.kind === 'access-changed' && x.principal === `${ACCOUNT}:user/jamal.reed`,
    );
    if (jamal?.kind !== 'access-changed') throw new Error('no access change of jamal.reed');
    const g = jamal.gained.find((x) => x.service === 'autoscaling' && x.level === 'Write');
    expect(typeof g?.actions).toBe('string');
    expect(g?.actions.split('\n')).toHaveLength(g?.count ?? -1);
    expect(g?.actions.split('\n')).toContain('autoscaling:AttachInstances');
  });

  it('leaves findings out, saying so, until both analyses are given', async () => {
    const c = await compared(false);
    expect(c.diff.parts.findings.kind).toBe('skipped');
    expect(c.diff.parts.escalation.kind).toBe('skipped');
    expect(c.diff.counts.findings).toBe(0);
  });

  it('compares findings and escalation paths from both analyses', async () => {
    const c = await compared(true);
    expect(c.diff.parts.findings.kind).toBe('compared');
    expect(c.diff.changes).toContainEqual(
      expect.objectContaining({ kind: 'escalation-path-new', principal: `${ACCOUNT}:user/jamal.reed` }),
    );
    expect(c.diff.changes).toContainEqual(
      expect.objectContaining({
        kind: 'finding-resolved',
        finding: expect.objectContaining({ rule: 'trust.cross-account.no-external-id' }),
      }),
    );
  });

  it('refuses snapshots of different accounts with core’s message', async () => {
    const engine = createEngine();
    await engine.open('a', bundles.demo);
    await engine.open('o', bundles.other);
    const r = engine.compare('a', 'o');
    expect(r.kind).toBe('refused');
    expect(r.kind === 'refused' && r.message).toMatch(/different accounts/);
    expect(r.kind === 'refused' && r.id).toBe('diff.account.mismatch');
  });

  it('answers an error naming the snapshot that is not open', () => {
    const r = createEngine().compare('x', 'y');
    expect(r).toEqual({ kind: 'error', message: 'compare: snapshot `x` is not open' });
  });
});
