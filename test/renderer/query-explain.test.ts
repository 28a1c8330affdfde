// The Query view's answers on the demo account: the worker's `can` with policy keys, and the
// explanation mapped to what the view shows (deciding statements, trace, "allowed if" hints).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { explanationView, requirement, splitStatementId } from '../../renderer/features/query/explain-view';
import { createEngine } from '../../renderer/worker/engine';
import type { CanOutcome, CanRequest } from '../../renderer/worker/query-types';

const demo = readFileSync('examples/demo-account.json', 'utf8');
const A = 'arn:aws:iam::111122223333';
const engine = createEngine();

beforeAll(async () => {
  const r = await engine.open('demo', demo);
  expect(r.kind).toBe('ok');
});

function ask(q: Partial<CanRequest> & Pick<CanRequest, 'principal' | 'action' | 'resource'>): Extract<CanOutcome, { kind: 'ok' }> {
  const r = engine.can('demo', { context: {}, ...q });
  if (r.kind !== 'ok') throw new Error(r.message);
  return r;
}

describe('can in the engine worker', () => {
  it('denies a developer by the boundary and names the statement with its Policy-view key', () => {
    const r = ask({ principal: `${A}:user/bob.okafor`, action: 'iam:CreateUser', resource: `${A}:user/x` });
    const v = explanationView(r);
    expect(v.decision).toBe('explicitDeny');
    expect(v.headline).toBe('Denied: explicit deny');
    expect(v.deciding).toHaveLength(1);
    expect(v.deciding[0]).toMatchObject({ sid: 'DenyLeavingTheSandbox', status: 'denies', policyId: 'boundary[0]', index: 2 });
    expect(v.deciding[0]?.policy.key).toBe(`${A}:policy/DeveloperBoundary`);
    expect(v.layers.find((l) => l.kind === 'boundary')).toMatchObject({ tone: 'deny', verdict: 'Denies explicitly' });
  });

  it('gives inline, trust and SCP policies keys the Policy view can open', () => {
    const r = ask({ principal: `${A}:user/alice.nguyen`, action: 'sts:AssumeRole', resource: `${A}:role/PlatformAdmin`, context: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect(r.decision).toBe('allowed');
    expect(r.policies['resource[0]']?.key).toBe(`trust:${A}:role/PlatformAdmin`);
    expect(r.policies['scp[1][2]']?.key).toBe('scp:1:2');
    expect(engine.policySource('demo', 'scp:1:2')).toMatchObject({ name: 'eu-regions-only', kindLabel: 'Service control policy' });
    expect(engine.policySource('demo', `trust:${A}:role/PlatformAdmin`)?.text).toContain('PeopleWithMfa');
    const inline = ask({ principal: `${A}:user/dan.kowalski`, action: 'iam:PassRole', resource: `${A}:role/PlatformAdmin` });
    const key = Object.values(inline.policies).find((p) => p.label.includes('lambda-prototyping'))?.key;
    expect(key).toBe(`inline:${A}:user/dan.kowalski#lambda-prototyping`);
    expect(engine.policySource('demo', key!)).toMatchObject({ name: 'lambda-prototyping', kindLabel: 'Inline policy', ownerArn: `${A}:user/dan.kowalski` });
    // Every policy the explanation names in the demo has a key.
    for (const p of [...Object.values(r.policies), ...Object.values(inline.policies)]) expect(p.key, p.label).toBeDefined();
  });

  it('lists the MFA condition as what would allow, and the context key flips the answer', () => {
    const denied = explanationView(ask({ principal: `${A}:user/alice.nguyen`, action: 'sts:AssumeRole', resource: `${A}:role/PlatformAdmin` }));
    expect(denied.decision).toBe('implicitDeny');
    expect(denied.detail).toContain('resource-based policy');
    expect(denied.missingKeys).toContain('aws:MultiFactorAuthPresent');
    expect(denied.hints).toContain('Allowed by `PeopleWithMfa` (resource-based policy) if `aws:MultiFactorAuthPresent` = `true`');
    const trust = denied.layers.find((l) => l.kind === 'resource');
    expect(trust?.statements.find((s) => s.sid === 'PeopleWithMfa')).toMatchObject({ status: 'conditionFailed' });
    expect(trust?.statements.find((s) => s.sid === 'PeopleWithMfa')?.reasons[0]).toContain('request has no value');
    expect(trust?.statements.find((s) => s.sid === 'IncidentRunbook')?.reasons).toEqual(['Principal does not match']);
    const allowed = explanationView(ask({ principal: `${A}:user/alice.nguyen`, action: 'sts:AssumeRole', resource: `${A}:role/PlatformAdmin`, context: { 'aws:MultiFactorAuthPresent': 'true' } }));
    expect(allowed.decision).toBe('allowed');
    expect(allowed.deciding.map((s) => s.sid)).toEqual(expect.arrayContaining(['PeopleWithMfa', 'AssumeAdminWithMfa']));
  });

  it('shows an SCP explicit deny first in the trace and folds statements about other actions', () => {
    const v = explanationView(ask({ principal: `${A}:user/frank.li`, action: 'ec2:RunInstances', resource: '*', context: { 'aws:RequestedRegion': 'us-east-1' } }));
    expect(v.decision).toBe('explicitDeny');
    expect(v.layers[0]?.kind).toBe('scp');
    expect(v.deciding.map((s) => s.sid)).toEqual(['DenyOutsideEu']);
    const identity = v.layers.find((l) => l.kind === 'identity');
    expect(identity?.otherActions).toBeGreaterThan(0);
    expect(identity?.statements.every((s) => s.status !== 'notMatched' || !/^(Action|NotAction)/.test(s.reasons[0] ?? ''))).toBe(true);
  });

  it('reports an unknown principal and a misspelt action', () => {
    const bad = engine.can('demo', { principal: `${A}:user/nobody`, action: 's3:GetObject', resource: '*', context: {} });
    expect(bad).toMatchObject({ kind: 'error', message: expect.stringContaining('principal: `') });
    const typo = ask({ principal: `${A}:user/bob.okafor`, action: 's3:GetObjekt', resource: '*' });
    expect(typo.notes.some((n) => n.includes('not in the action catalogue'))).toBe(true);
    expect(engine.can('not-open', { principal: 'x', action: 'a:b', resource: '*', context: {} })).toEqual({ kind: 'error', message: 'the snapshot is not open' });
  });

  it('suggests catalogue actions, prefix matches first', () => {
    const s = engine.suggestActions('iam:createu');
    expect(s[0]).toBe('iam:CreateUser');
    expect(engine.suggestActions('')).toEqual([]);
    expect(engine.suggestActions('GetObject').length).toBeGreaterThan(0);
  });

  it('offers the demo users and roles to pick from', () => {
    const o = engine.queryOptions('demo');
    expect(o?.principals.filter((p) => p.kind === 'user')).toHaveLength(13);
    expect(o?.principals.filter((p) => p.kind === 'role')).toHaveLength(15);
    expect(o?.resources).toContain('arn:aws:s3:::larkspur-web-assets');
  });
});

describe('who-can and what-can in the engine worker', () => {
  it('lists who may assume the admin role, MFA-conditional users and the statements with Policy-view keys', () => {
    const r = engine.whoCan('demo', { action: 'sts:AssumeRole', resource: `${A}:role/PlatformAdmin`, context: {}, strict: false });
    if (r.kind !== 'ok') throw new Error(r.message);
    const alice = r.result.principals.find((p) => p.arn === `${A}:user/alice.nguyen`);
    expect(alice?.decision).toBe('conditional');
    expect(alice?.conditions[0]).toMatchObject({ key: 'aws:MultiFactorAuthPresent', requirement: 'satisfy' });
    expect(r.result.principals.find((p) => p.arn === `${A}:role/ops-support`)?.decision).toBe('allowed');
    expect(r.statementKeys[`${A}:role/PlatformAdmin:trust.Statement[0]`]).toEqual({ key: `trust:${A}:role/PlatformAdmin`, index: 0 });
    expect(r.statementKeys[`${A}:policy/platform-ops.Statement[1]`]).toEqual({ key: `${A}:policy/platform-ops`, index: 1 });
    const strict = engine.whoCan('demo', { action: 'sts:AssumeRole', resource: `${A}:role/PlatformAdmin`, context: {}, strict: true });
    expect(strict.kind === 'ok' && strict.result.principals.every((p) => p.decision === 'allowed')).toBe(true);
  });

  it('groups a developer\'s actions by service with keys for grants and limits, SCPs included', () => {
    const r = engine.whatCan('demo', `${A}:user/carol.diaz`);
    if (r.kind !== 'ok') throw new Error(r.message);
    expect(r.result.services.map((s) => s.service)).toContain('s3');
    const ids = Object.keys(r.statementKeys);
    expect(ids.some((id) => id.startsWith('scp:'))).toBe(true);
    const scp = Object.entries(r.statementKeys).find(([id]) => id.includes('eu-regions-only'));
    expect(scp?.[1]).toEqual({ key: 'scp:1:2', index: 0 });
    expect(engine.whatCan('demo', `${A}:user/nobody`)).toMatchObject({ kind: 'error' });
  });
});

describe('explanation helpers', () => {
  it('split statement ids into policy and index', () => {
    expect(splitStatementId('scp[1][2].Statement[0]')).toEqual({ policyId: 'scp[1][2]', index: 0 });
    expect(splitStatementId('identity[10].Statement[12]')).toEqual({ policyId: 'identity[10]', index: 12 });
  });

  it('spell conditions as requirements', () => {
    expect(requirement({ operator: 'Bool', key: 'aws:MultiFactorAuthPresent', policyValues: ['true'] })).toBe('`aws:MultiFactorAuthPresent` = `true`');
    expect(requirement({ operator: 'NotIpAddress', key: 'aws:SourceIp', policyValues: ['198.51.100.0/24', '203.0.113.0/25'] })).toBe('`aws:SourceIp` is not in one of `198.51.100.0/24`, `203.0.113.0/25`');
    expect(requirement({ operator: 'ForAnyValue:StringLike', key: 'aws:TagKeys', policyValues: ['team*'] })).toBe('`aws:TagKeys` matches `team*`');
    expect(requirement({ operator: 'Null', key: 'aws:ResourceTag/x', policyValues: ['false'] })).toBe('`aws:ResourceTag/x` is present');
  });
});
