import { describe, expect, it } from 'vitest';
import type { WhatCanResult } from '../../core/index';
import { conditionText, escalationHops, levelCounts, needsNote, principalAdmin, riskByPrincipal } from '../../renderer/features/principal/principal-facts';

const A = 'arn:aws:iam::111122223333:';

describe('principal facts', () => {
  it('counts what-can actions per service and access level, most actions first', () => {
    const result: WhatCanResult = {
      principal: `${A}user/dan`,
      actionCount: 4,
      viaResourcePolicies: [],
      services: [
        { service: 's3', levels: [{ level: 'Read', groups: [{ actions: ['s3:GetObject'], grants: [], limits: [] }] }] },
        {
          service: 'lambda',
          levels: [
            { level: 'Write', groups: [{ actions: ['lambda:CreateFunction'], grants: [], limits: [] }, { actions: ['lambda:InvokeFunction'], grants: [], limits: [] }] },
            { level: 'List', groups: [{ actions: ['lambda:ListFunctions'], grants: [], limits: [] }] },
          ],
        },
      ],
    };
    const rows = levelCounts(result);
    expect(rows.map((r) => r.service)).toEqual(['lambda', 's3']);
    expect(rows[0]!.counts).toEqual({ Write: 2, List: 1 });
    expect(rows[0]!.levels.map((l) => l.level)).toEqual(['List', 'Write']);
  });

  it('lists the escalation hops out of a principal once each, the first step of its path first, then by target', () => {
    const edges = [
      { from: `${A}user/dan`, to: `${A}role/Admin`, method: 'lambda.create-function.invoke' },
      { from: `${A}user/dan`, to: `${A}role/Admin`, method: 'lambda.create-function.invoke' },
      { from: `${A}user/dan`, to: `${A}role/Admin`, method: 'sts.assume-role' },
      { from: `${A}user/dan`, to: 'admin', method: 'iam.create-policy-version' },
      { from: `${A}user/eve`, to: `${A}role/Other`, method: 'sts.assume-role' },
    ];
    const path = { steps: [{ from: `${A}user/dan`, to: `${A}role/Admin`, method: 'sts.assume-role' }] };
    expect(escalationHops(edges, `${A}user/dan`, path)).toEqual([
      { to: `${A}role/Admin`, method: 'sts.assume-role', onPath: true },
      { to: 'admin', method: 'iam.create-policy-version', onPath: false },
      { to: `${A}role/Admin`, method: 'lambda.create-function.invoke', onPath: false },
    ]);
    expect(escalationHops(edges, `${A}user/dan`).every((h) => !h.onPath)).toBe(true);
    expect(escalationHops(edges, `${A}user/nobody`)).toEqual([]);
  });

  it('says what a conditional answer needs, each key once with its conditions, negated for a condition to avoid', () => {
    const mfa = { key: 'aws:MultiFactorAuthPresent', operator: 'Bool', values: ['true'], requirement: 'satisfy' as const };
    const ip = { key: 'aws:SourceIp', operator: 'NotIpAddress', values: ['198.51.100.0/24'], requirement: 'avoid' as const };
    expect(needsNote([mfa, mfa, ip])).toBe('needs aws:MultiFactorAuthPresent (Bool true), aws:SourceIp (not NotIpAddress 198.51.100.0/24)');
    expect(needsNote([mfa, { ...mfa, operator: 'BoolIfExists', values: ['false'], requirement: 'avoid' }])).toBe('needs aws:MultiFactorAuthPresent (Bool true; not BoolIfExists false)');
    expect(needsNote([mfa, ip, { ...mfa, key: 'a' }, { ...mfa, key: 'b' }], 2)).toBe('needs aws:MultiFactorAuthPresent (Bool true), aws:SourceIp (not NotIpAddress 198.51.100.0/24) and 2 more keys');
    expect(needsNote([])).toBe('needs a context the question does not give');
    expect(conditionText(mfa)).toBe('aws:MultiFactorAuthPresent Bool true');
    expect(conditionText({ ...ip, values: ['a', 'b', 'c', 'd'] })).toBe('not aws:SourceIp NotIpAddress a, b, c, …');
  });

  it('tells full admins from shadow admins and counts paths and findings per principal', () => {
    const data = {
      admins: [`${A}role/Admin`, `${A}user/ci`],
      fullAdmins: [`${A}role/Admin`],
      paths: [{ principal: `${A}user/dan`, conditional: false, steps: [] }],
      findings: [
        { id: '1', rule: 'r', severity: 'high' as const, title: 't', principal: `${A}user/dan`, evidence: { statements: [], steps: [], values: [] }, remediation: '' },
        { id: '2', rule: 'r', severity: 'low' as const, title: 't', principal: `${A}user/dan`, evidence: { statements: [], steps: [], values: [] }, remediation: '' },
      ],
    };
    expect(principalAdmin(data, `${A}role/Admin`)).toBe('full');
    expect(principalAdmin(data, `${A}user/ci`)).toBe('shadow');
    expect(principalAdmin(data, `${A}user/dan`)).toBeUndefined();
    const risk = riskByPrincipal(data);
    expect(risk.get(`${A}user/dan`)).toEqual({ admin: undefined, paths: 1, findings: 2 });
    expect(risk.get(`${A}user/ci`)).toEqual({ admin: 'shadow', paths: 0, findings: 0 });
    expect(risk.get(`${A}role/Admin`)?.admin).toBe('full');
  });
});
