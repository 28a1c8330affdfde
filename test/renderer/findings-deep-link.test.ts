// Deep links of the Findings view and the graph: the finding id, the filters and the graph's
// selection written to and read back from the hash; the filter a deep link loosens to show its finding.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/index';
import {
  filterFromHash,
  findingHref,
  graphSelectionHref,
  hashParams,
  hashSubject,
} from '../../renderer/features/findings/deep-link';
import { NO_FILTER, revealFilter, type TriageState } from '../../renderer/features/findings/filter';

const ev = { statements: [], steps: [], values: [] };
const finding: Finding = {
  id: 'escalation.path.admin/1a2b3c',
  rule: 'escalation.path.admin',
  severity: 'critical',
  title: 'user `dan` can become administrator',
  principal: 'arn:aws:iam::111122223333:user/dan',
  evidence: ev,
  remediation: 'r',
};
const open = (): TriageState => 'open';

describe('finding addresses', () => {
  it('round-trips a finding id with a slash through the hash', () => {
    const hash = findingHref('snap 1', finding.id);
    expect(hash).toBe('#/s/snap%201/findings/escalation.path.admin%2F1a2b3c');
    expect(hashSubject(hash)).toBe(finding.id);
  });

  it('writes only the filters that are set, and reads them back', () => {
    const filter = { ...NO_FILTER, severity: 'high' as const, principal: 'dan & co' };
    const hash = findingHref('s', null, filter);
    expect(hash).toBe('#/s/s/findings?severity=high&principal=dan+%26+co');
    expect(hashSubject(hash)).toBeUndefined();
    expect(filterFromHash(hash)).toEqual(filter);
    expect(findingHref('s')).toBe('#/s/s/findings');
  });

  it('ignores a severity or triage state it does not know', () => {
    expect(filterFromHash('#/s/s/findings?severity=apocalyptic&triage=__proto__&rule=x')).toEqual({
      ...NO_FILTER,
      rule: 'x',
    });
  });

  it('keeps a graph selection and a drawn path in one address', () => {
    const arn = 'arn:aws:iam::111122223333:role/a/b';
    const hash = graphSelectionHref('s', arn, finding.id);
    expect(hash).toBe(`#/s/s/graph/${encodeURIComponent(arn)}?finding=escalation.path.admin%2F1a2b3c`);
    expect(hashSubject(hash)).toBe(arn);
    expect(hashParams(hash).get('finding')).toBe(finding.id);
    expect(graphSelectionHref('s', null)).toBe('#/s/s/graph');
  });
});

describe('revealing a linked finding', () => {
  it('clears the filters that hide the finding and keeps those it passes', () => {
    const filter = { severity: 'low' as const, rule: '', principal: 'dan', triage: 'fixed' as const };
    expect(revealFilter(filter, finding, open)).toEqual({ ...NO_FILTER, principal: 'dan' });
  });

  it('leaves a filter the finding passes unchanged', () => {
    const filter = { ...NO_FILTER, severity: 'critical' as const, rule: 'escalation.path.admin' };
    expect(revealFilter(filter, finding, open)).toEqual(filter);
  });
});
