import { describe, expect, it } from 'vitest';
import type { WhatCanResult } from '../../core/index';
import { assumableRoles, levelCounts, principalAdmin, riskByPrincipal } from '../../renderer/features/principal/principal-facts';

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

  it('lists the roles a principal reaches, preferring an assume edge over acting as the role', () => {
    const edges = [
      { from: `${A}user/dan`, to: `${A}role/Admin`, method: 'lambda.create-function.invoke' },
      { from: `${A}user/dan`, to: `${A}role/Admin`, method: 'sts.assume-role' },
      { from: `${A}user/dan`, to: 'admin', method: 'iam.create-policy-version' },
      { from: `${A}user/eve`, to: `${A}role/Other`, method: 'sts.assume-role' },
    ];
    expect(assumableRoles(edges, `${A}user/dan`)).toEqual([{ from: `${A}user/dan`, to: `${A}role/Admin`, method: 'sts.assume-role' }]);
    expect(assumableRoles(edges, `${A}user/nobody`)).toEqual([]);
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
