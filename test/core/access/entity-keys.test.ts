// principalEntityKeys: the context keys a snapshot gives a principal beyond its ARN (AWS "AWS global
// condition context keys" > "Principal properties").
import { describe, expect, it } from 'vitest';
import { principalEntityKeys } from '../../../core/evaluate/request';

const A = '111122223333';

describe('principalEntityKeys', () => {
  it("gives a user its tags as aws:PrincipalTag keys, its unique id as aws:userid and the organisation's id", () => {
    const keys = principalEntityKeys(
      { kind: 'user', id: 'AIDAEXAMPLE', account: A, tags: [{ key: 'team', value: 'red' }] },
      { id: 'o-abc', account: A },
    );
    expect(keys).toEqual([
      ['aws:PrincipalTag/team', 'red'],
      ['aws:userid', 'AIDAEXAMPLE'],
      ['aws:PrincipalOrgID', 'o-abc'],
    ]);
  });

  it('gives a role no aws:userid (a session adds its name to the role id)', () => {
    const keys = principalEntityKeys({ kind: 'role', id: 'AROAEXAMPLE', account: A, tags: [] }, undefined);
    expect(keys).toEqual([]);
  });

  it('keeps the first of two tag keys differing only in case, and a key named __proto__ as data', () => {
    const keys = principalEntityKeys(
      {
        kind: 'role',
        id: 'AROAEXAMPLE',
        account: A,
        tags: [
          { key: 'Team', value: 'red' },
          { key: 'team', value: 'blue' },
          { key: '__proto__', value: 'x' },
        ],
      },
      undefined,
    );
    expect(keys).toEqual([
      ['aws:PrincipalTag/Team', 'red'],
      ['aws:PrincipalTag/__proto__', 'x'],
    ]);
  });

  it("sets no organisation key for a principal of another account than the organisation's", () => {
    const keys = principalEntityKeys(
      { kind: 'user', id: '', account: '444455556666', tags: [] },
      { id: 'o-abc', account: A },
    );
    expect(keys).toEqual([]);
  });
});
