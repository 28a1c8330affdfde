import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAccess, whatCan } from '../../../../core/access/index';
import { parseSnapshotText } from '../../../../core/snapshot/index';
import { allowedActions } from '../../../../core/snapshot/diff/access';
import { repoRoot } from '../helpers';

describe('allowedActions', () => {
  it('lists exactly the actions what-can lists, for every user and role of the demo account', () => {
    const r = parseSnapshotText('demo-account.json', readFileSync(resolve(repoRoot, 'examples/demo-account.json'), 'utf8'));
    if (r.kind !== 'ok') throw new Error('the demo account does not import');
    const compiled = compileAccess(r.snapshot);
    const principals = [...r.snapshot.users, ...r.snapshot.roles];
    expect(principals.length).toBeGreaterThan(10);
    for (const p of principals) {
      const expected = whatCan(compiled, p.arn).services.flatMap((s) => s.levels.flatMap((l) => l.groups.flatMap((g) => g.actions)));
      const set = allowedActions(compiled, p.arn);
      const actual = [...(set ?? [])].map((id) => compiled.catalog.actionName(id));
      expect({ principal: p.arn, actions: actual.sort() }).toEqual({ principal: p.arn, actions: expected.sort() });
    }
  });
});
