// The analysis runner's slices: a result cut into bounded messages and put back together equal to
// the original; the cache-entry shape check.
import { describe, expect, it } from 'vitest';
import {
  addSlice,
  isAnalysis,
  sliceAnalysis,
  SLICE_SIZES,
  type RunnerMessage,
} from '../../renderer/features/findings/analysis-slices';
import type { AnalysisData } from '../../renderer/worker/analysis';

function result(findings: number, edges: number): AnalysisData {
  return {
    engineVersion: 'test',
    findings: Array.from({ length: findings }, (_, i) => ({
      id: `rule/${i}`,
      rule: 'rule',
      severity: 'low' as const,
      title: `finding ${i}`,
      evidence: { statements: [], steps: [], values: [] },
      remediation: 'r',
    })),
    summary: { critical: 0, high: 0, medium: 0, low: findings, info: 0 },
    notes: ['a note'],
    admins: ['arn:aws:iam::111122223333:role/admin'],
    fullAdmins: [],
    paths: [],
    escalation: {
      nodes: [{ id: 'a', kind: 'user' as never }],
      edges: Array.from({ length: edges }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}`, method: 'sts.assume-role' })),
    },
    rules: [],
    ms: 1,
  } as AnalysisData;
}

describe('analysis slices', () => {
  it('put back together, the slices equal the result', () => {
    const data = result(SLICE_SIZES.findings * 2 + 3, SLICE_SIZES.edges + 1);
    const messages = [...sliceAnalysis(data, false)];
    const head = messages[0];
    if (head?.kind !== 'head') throw new Error('the first message is not the head');
    expect(head.data.findings).toEqual([]);
    expect(head.data.escalation.edges).toEqual([]);
    const copy = structuredClone(head.data);
    for (const m of messages) if (m.kind === 'slice') addSlice(copy, m.part, structuredClone(m.items));
    expect(copy).toEqual(data);
    expect(messages.at(-1)).toEqual({ kind: 'end' });
  });

  it('never puts more than its slice size in one message', () => {
    const messages: RunnerMessage[] = [...sliceAnalysis(result(2000, 30_000), true)];
    const slices = messages.filter((m) => m.kind === 'slice');
    expect(slices.filter((m) => m.part === 'findings')).toHaveLength(Math.ceil(2000 / SLICE_SIZES.findings));
    for (const m of slices) expect(m.items.length).toBeLessThanOrEqual(SLICE_SIZES[m.part]);
    expect(slices.some((m) => m.items.length === 0)).toBe(false);
  });

  it('refuses a cache entry without the result arrays', () => {
    expect(isAnalysis(result(1, 1))).toBe(true);
    expect(isAnalysis({ findings: [], paths: [], escalation: null })).toBe(false);
    expect(isAnalysis({ findings: [], paths: [], escalation: { nodes: [] } })).toBe(false);
    expect(isAnalysis('text')).toBe(false);
  });
});
