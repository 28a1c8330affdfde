// The comparison routes: `#/compare/<id>` (pick the other snapshot) and `#/compare/<old>/<new>`.
import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../renderer/app/router';

describe('the comparison routes', () => {
  it('parses a comparison of two snapshots, the first the baseline', () => {
    expect(parseRoute('#/compare/a1/b2')).toEqual({ kind: 'compare', oldId: 'a1', newId: 'b2' });
  });

  it('parses the picker of the snapshot to compare with', () => {
    expect(parseRoute('#/compare/a1')).toEqual({ kind: 'compare', oldId: 'a1' });
  });

  it('round-trips ids that need encoding', () => {
    const route = { kind: 'compare', oldId: 'a/1 x', newId: 'b#2' } as const;
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('sends a malformed comparison route to the library', () => {
    expect(parseRoute('#/compare')).toEqual({ kind: 'library' });
    expect(parseRoute('#/compare/a/b/c')).toEqual({ kind: 'library' });
    expect(parseRoute('#/compare/%E0%A4%A')).toEqual({ kind: 'library' });
  });

  it('keeps the meaning of snapshot routes', () => {
    expect(parseRoute('#/s/x/principal/arn%3Aaws%3Aiam%3A%3A1%3Auser%2Fa')).toEqual({
      kind: 'snapshot',
      id: 'x',
      view: 'principal',
      arn: 'arn:aws:iam::1:user/a',
    });
  });
});
