// The Findings view's pure helpers: filters by severity, rule, principal and triage; counts;
// the riskiest principals; links.
import { describe, expect, it } from 'vitest';
import type { EscalationPath, Finding } from '../../core/index';
import {
  countBySeverity,
  filterFindings,
  graphHref,
  NO_FILTER,
  principalHref,
  riskiestPrincipals,
  rulesOf,
  shortName,
  type TriageState,
} from '../../renderer/features/findings/filter';

const A = 'arn:aws:iam::111122223333:';
const ev = { statements: [], steps: [], values: [] };
const f = (id: string, severity: Finding['severity'], rule: string, principal?: string): Finding => ({
  id,
  severity,
  rule,
  title: id,
  evidence: ev,
  remediation: '',
  ...(principal ? { principal } : {}),
});
const findings = [
  f('a', 'critical', 'trust.x', `${A}role/legacy`),
  f('b', 'high', 'esc', `${A}user/dan`),
  f('c', 'medium', 'cred', `${A}user/dan`),
  f('d', 'low', 'cred', `${A}user/kate`),
  f('e', 'info', 'acct', '777788889999'),
];
const open = (): TriageState => 'open';

describe('filtering findings', () => {
  it('keeps everything with no filter', () => {
    expect(filterFindings(findings, NO_FILTER, open)).toHaveLength(5);
  });

  it('filters by severity, rule and principal text', () => {
    expect(filterFindings(findings, { ...NO_FILTER, severity: 'high' }, open).map((x) => x.id)).toEqual([
      'b',
    ]);
    expect(filterFindings(findings, { ...NO_FILTER, rule: 'cred' }, open).map((x) => x.id)).toEqual([
      'c',
      'd',
    ]);
    expect(filterFindings(findings, { ...NO_FILTER, principal: ' DAN ' }, open).map((x) => x.id)).toEqual([
      'b',
      'c',
    ]);
    expect(
      filterFindings(findings, { ...NO_FILTER, rule: 'cred', principal: 'kate' }, open).map((x) => x.id),
    ).toEqual(['d']);
  });

  it('filters by triage state, untriaged findings being open', () => {
    const triage = (id: string): TriageState => (id === 'c' ? 'accepted-risk' : 'open');
    expect(
      filterFindings(findings, { ...NO_FILTER, triage: 'accepted-risk' }, triage).map((x) => x.id),
    ).toEqual(['c']);
    expect(filterFindings(findings, { ...NO_FILTER, triage: 'open' }, triage)).toHaveLength(4);
  });
});

describe('counting and ranking', () => {
  it('counts every severity, zero included', () => {
    expect(countBySeverity(findings.slice(0, 2))).toEqual({
      critical: 1,
      high: 1,
      medium: 0,
      low: 0,
      info: 0,
    });
  });

  it('lists rules sorted with their counts', () => {
    expect(rulesOf(findings)).toEqual([
      { rule: 'acct', count: 1 },
      { rule: 'cred', count: 2 },
      { rule: 'esc', count: 1 },
      { rule: 'trust.x', count: 1 },
    ]);
  });

  it('ranks IAM principals by their findings and paths to admin, ignoring accounts', () => {
    const paths: EscalationPath[] = [{ principal: `${A}user/kate`, conditional: false, steps: [] }];
    const r = riskiestPrincipals(findings, paths);
    expect(r.map((x) => x.arn)).toEqual([`${A}role/legacy`, `${A}user/kate`, `${A}user/dan`]);
    expect(r.find((x) => x.arn === `${A}user/dan`)).toMatchObject({
      findings: 2,
      worst: 'high',
      hasPath: false,
    });
    expect(r.find((x) => x.arn === `${A}user/kate`)?.hasPath).toBe(true);
  });
});

describe('links', () => {
  it('links IAM principals to the Principal view and nothing else', () => {
    expect(principalHref('s 1', `${A}user/dan`)).toBe(
      `#/s/s%201/principal/${encodeURIComponent(`${A}user/dan`)}`,
    );
    expect(principalHref('s', 'lambda.amazonaws.com')).toBeUndefined();
  });

  it('links the graph with a node and a finding', () => {
    expect(graphHref('s')).toBe('#/s/s/graph');
    expect(graphHref('s', `${A}user/dan`, 'f/1')).toBe(
      `#/s/s/graph/${encodeURIComponent(`${A}user/dan`)}?finding=f%2F1`,
    );
    expect(shortName(`${A}user/automation/ci-release`)).toBe('ci-release');
  });
});
