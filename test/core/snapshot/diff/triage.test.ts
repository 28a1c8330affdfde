import { describe, expect, it } from 'vitest';
import { carryOverTriage, findingMatchKey, type TriageDecision } from '../../../../core/snapshot/diff/index';
import type { Finding } from '../../../../core/model/finding';

function finding(id: string, rule: string, principal?: string): Finding {
  return {
    id,
    rule,
    severity: 'high',
    title: `${rule} title`,
    ...(principal === undefined ? {} : { principal }),
    evidence: { statements: [], steps: [], values: [] },
    remediation: 'fix it',
  };
}

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/bob';
const CAROL = 'arn:aws:iam::111122223333:user/carol';

const oldFindings = [
  finding('mfa.missing/aaa', 'mfa.missing', ALICE),
  finding('mfa.missing/bbb', 'mfa.missing', BOB),
  finding('admin.full/ccc', 'admin.full', CAROL),
  finding('keys.old/ddd', 'keys.old', ALICE),
];
const oldTriage: TriageDecision[] = [
  { findingId: 'mfa.missing/aaa', status: 'accepted-risk', justification: 'break-glass user, kept in a safe', updatedAt: '2026-10-01T00:00:00Z' },
  { findingId: 'mfa.missing/bbb', status: 'fixed', justification: 'MFA enabled' },
  { findingId: 'admin.full/ccc', status: 'false-positive', justification: 'the SCP denies everything to carol' },
  { findingId: 'keys.old/ddd', status: 'open', justification: '' },
];

describe('carryOverTriage', () => {
  it('carries accepted-risk and false-positive decisions with their justification, and nothing else', () => {
    const newFindings = [...oldFindings];
    expect(carryOverTriage(oldFindings, oldTriage, newFindings)).toEqual([
      { findingId: 'mfa.missing/aaa', status: 'accepted-risk', justification: 'break-glass user, kept in a safe', updatedAt: '2026-10-01T00:00:00Z', carriedFrom: 'mfa.missing/aaa' },
      { findingId: 'admin.full/ccc', status: 'false-positive', justification: 'the SCP denies everything to carol', carriedFrom: 'admin.full/ccc' },
    ]);
  });

  it('does not carry a fixed decision even when the finding came back', () => {
    const carried = carryOverTriage(oldFindings, oldTriage, [finding('mfa.missing/bbb', 'mfa.missing', BOB)]);
    expect(carried).toEqual([]);
  });

  it('drops decisions about findings that were resolved', () => {
    const carried = carryOverTriage(oldFindings, oldTriage, [finding('keys.old/ddd', 'keys.old', ALICE)]);
    expect(carried).toEqual([]);
  });

  it('matches on rule and subject when the finding id changed', () => {
    const carried = carryOverTriage(oldFindings, oldTriage, [finding('mfa.missing/zzz', 'mfa.missing', ALICE)]);
    expect(carried).toEqual([
      expect.objectContaining({ findingId: 'mfa.missing/zzz', status: 'accepted-risk', carriedFrom: 'mfa.missing/aaa' }),
    ]);
  });

  it('does not carry a decision to the same rule about another subject', () => {
    expect(carryOverTriage(oldFindings, oldTriage, [finding('mfa.missing/eee', 'mfa.missing', CAROL)])).toEqual([]);
  });

  it('does not carry decisions about a principal that was recreated', () => {
    const carried = carryOverTriage(oldFindings, oldTriage, oldFindings, { recreated: [ALICE] });
    expect(carried.map((d) => d.findingId)).toEqual(['admin.full/ccc']);
  });

  it('uses rule, principal and resource as the matching key', () => {
    expect(findingMatchKey({ rule: 'r', principal: 'p' })).not.toBe(findingMatchKey({ rule: 'r', resource: 'p' }));
    expect(findingMatchKey(finding('x', 'r', 'p'))).toBe(findingMatchKey(finding('y', 'r', 'p')));
  });
});
