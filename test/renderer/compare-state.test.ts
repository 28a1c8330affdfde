// The comparison's findings part says plainly why findings are not compared when an analysis
// failed or was cancelled, and waits otherwise.
import { describe, expect, it } from 'vitest';
import { findingsUnavailable } from '../../renderer/features/compare/compare-state';

describe('the findings part of a comparison', () => {
  it('names the snapshot whose analysis failed, with the reason', () => {
    expect(
      findingsUnavailable(
        { kind: 'ok', data: {} as never, cached: true },
        { kind: 'error', message: 'out of memory' },
      ),
    ).toBe('the analysis of the newer snapshot failed: out of memory');
  });

  it('says when an analysis was cancelled', () => {
    expect(findingsUnavailable({ kind: 'cancelled' }, { kind: 'idle' })).toBe(
      'the analysis of the older snapshot was cancelled',
    );
  });

  it('waits while the analyses run or have not started', () => {
    expect(
      findingsUnavailable(
        { kind: 'idle' },
        { kind: 'running', progress: { stage: 'x' }, cancel: () => undefined },
      ),
    ).toBeUndefined();
  });
});
