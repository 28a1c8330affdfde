// The Query view's pure logic: the context editor's rows, the hash state, policy keys, the
// statement lines of a document and the highlight carried in the hash.
import { describe, expect, it } from 'vitest';
import { buildContext, knownKey, valueProblem } from '../../renderer/features/query/context-rows';
import { actionProblem, resourceProblem } from '../../renderer/features/query/form-checks';
import { parseQueryState, queryStateString, EMPTY_QUERY } from '../../renderer/features/query/query-state';
import { parseHighlight, policyHref } from '../../renderer/features/policy/highlight';
import { documentLines } from '../../renderer/features/policy/statement-lines';
import { parsePolicyKey, policyKey, type PolicyLocation } from '../../renderer/worker/policy-key';

describe('the context editor rows', () => {
  it('turn into a context, a key on several rows becoming multi-valued', () => {
    const r = buildContext([
      { id: 1, key: 'aws:MultiFactorAuthPresent', value: 'true' },
      { id: 2, key: 'aws:TagKeys', value: 'team' },
      { id: 3, key: 'aws:tagkeys', value: 'owner' },
      { id: 4, key: '', value: '' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.context).toEqual({ 'aws:MultiFactorAuthPresent': 'true', 'aws:TagKeys': ['team', 'owner'] });
  });

  it('report a missing key, a malformed key and a bare tag prefix on the key field', () => {
    const r = buildContext([
      { id: 1, key: '', value: 'x' },
      { id: 2, key: 'SourceIp', value: '1.2.3.4' },
      { id: 3, key: 'aws:PrincipalTag/', value: 'ops' },
    ]);
    expect(r.problems.map((p) => [p.id, p.field])).toEqual([
      [1, 'key'],
      [2, 'key'],
      [3, 'key'],
    ]);
    expect(r.problems[1]?.message).toContain('expected `service:Key`');
    expect(r.context).toEqual({});
  });

  it('check the values of well-known keys by type', () => {
    const r = buildContext([
      { id: 1, key: 'aws:MultiFactorAuthPresent', value: 'yes' },
      { id: 2, key: 'aws:SourceIp', value: '300.1.1.1' },
      { id: 3, key: 'aws:CurrentTime', value: 'tomorrow' },
      { id: 4, key: 'aws:PrincipalTag/team', value: 'anything goes' },
    ]);
    expect(r.problems.map((p) => [p.id, p.field])).toEqual([
      [1, 'value'],
      [2, 'value'],
      [3, 'value'],
    ]);
    expect(r.context).toEqual({ 'aws:PrincipalTag/team': 'anything goes' });
  });

  it('reject a second value for a single-valued key', () => {
    const r = buildContext([
      { id: 1, key: 'aws:SourceIp', value: '198.51.100.7' },
      { id: 2, key: 'aws:SourceIp', value: '203.0.113.9' },
    ]);
    expect(r.problems).toEqual([{ id: 2, field: 'key', message: expect.stringContaining('takes one value') }]);
  });

  it('keep a key named __proto__ as plain data', () => {
    const r = buildContext([{ id: 1, key: 'x:__proto__', value: 'v' }]);
    expect(Object.hasOwn(r.context, 'x:__proto__')).toBe(true);
    expect(Object.getPrototypeOf(r.context)).toBe(Object.prototype);
  });

  it('accept IP ranges, IPv6, ISO times and epoch seconds', () => {
    expect(valueProblem('ip', '203.0.113.0/24')).toBeUndefined();
    expect(valueProblem('ip', '2001:db8::/32')).toBeUndefined();
    expect(valueProblem('ip', '10.0.0.0/33')).toBeDefined();
    expect(valueProblem('date', '2026-11-29T06:00:00Z')).toBeUndefined();
    expect(valueProblem('date', '1795932000')).toBeUndefined();
    expect(knownKey('aws:principaltag/team')?.key).toBe('aws:PrincipalTag/');
    expect(knownKey('aws:PrincipalTag/')).toBeUndefined();
  });
});

describe('the can form', () => {
  it('accepts service:Action and ARNs or a star, and explains anything else', () => {
    expect(actionProblem('s3:GetObject')).toBeUndefined();
    expect(actionProblem('s3:Get*')).toBeUndefined();
    expect(actionProblem('GetObject')).toContain('expected `service:Action`');
    expect(actionProblem(' ')).toContain('enter an action');
    expect(resourceProblem('*')).toBeUndefined();
    expect(resourceProblem('arn:aws:s3:::b/k')).toBeUndefined();
    expect(resourceProblem('bucket')).toContain('expected an ARN');
  });

  it('keeps its question in the hash and reads it back', () => {
    const state = { ...EMPTY_QUERY, principal: 'arn:aws:iam::1:user/a&b', action: 's3:GetObject', resource: '*', context: [{ key: 'aws:SourceIp', value: '1.2.3.4' }, { key: 'k:x', value: 'a=b' }], asked: true };
    const back = parseQueryState(`#/s/id/query?${queryStateString(state)}`);
    expect(back).toEqual(state);
    expect(parseQueryState('#/s/id/query')).toEqual(EMPTY_QUERY);
    expect(parseQueryState('#/s/id/query?tab=nonsense').tab).toBe('can');
  });
});

describe('policy keys', () => {
  it('round-trip every kind of policy, a managed policy keeping its ARN', () => {
    const locs: PolicyLocation[] = [
      { kind: 'managed', arn: 'arn:aws:iam::1:policy/p' },
      { kind: 'inline', owner: 'arn:aws:iam::1:user/path/u', name: 'x' },
      { kind: 'trust', role: 'arn:aws:iam::1:role/r' },
      { kind: 'resource', resource: 'arn:aws:s3:::bucket' },
      { kind: 'scp', level: 1, index: 2 },
      { kind: 'rcp', level: 0, index: 0 },
    ];
    for (const l of locs) expect(parsePolicyKey(policyKey(l))).toEqual(l);
    expect(policyKey(locs[0]!)).toBe('arn:aws:iam::1:policy/p');
  });

  it('refuse keys that are not policy keys', () => {
    for (const k of ['', 'nothing', 'inline:no-name', 'inline:arn#', 'scp:x:1', 'trust:']) expect(parsePolicyKey(k)).toBeUndefined();
  });
});

describe('statement lines', () => {
  const doc = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Sid: 'B', Effect: 'Deny', Action: ['iam:*'], Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ],
    },
    null,
    2,
  );

  it('give every line of each statement its index, and keep the text', () => {
    const lines = documentLines(doc);
    expect(lines.map((l) => l.tokens.map((t) => t.text).join('')).join('\n')).toBe(doc);
    const text = (i: number): string => lines.filter((l) => l.statement === i).map((l) => l.tokens.map((t) => t.text).join('')).join('\n');
    expect(text(0)).toContain('"Sid": "A"');
    expect(text(0)).not.toContain('"Sid": "B"');
    expect(text(1)).toContain('"Sid": "B"');
    expect(text(1)).toContain('aws:MultiFactorAuthPresent');
    expect(lines.find((l) => l.tokens.some((t) => t.text === '"Version"'))?.statement).toBeUndefined();
  });

  it('treat a single Statement object as statement 0', () => {
    const single = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, null, 2);
    const lines = documentLines(single);
    expect(lines.filter((l) => l.statement === 0).length).toBeGreaterThan(3);
    expect(lines.some((l) => l.statement === 1)).toBe(false);
  });

  it('never throw on text that is not JSON', () => {
    expect(documentLines('{"Statement": [ {"a": ').length).toBe(1);
    expect(documentLines('').length).toBe(1);
  });
});

describe('the highlight in the hash', () => {
  it('round-trips statements, tone and Sid', () => {
    const href = policyHref('snap', 'scp:1:2', [2], 'deny', 'DenyOutsideEu');
    expect(parseHighlight(href)).toEqual({ statements: [2], tone: 'deny', sid: 'DenyOutsideEu' });
    expect(policyHref('snap', 'arn:aws:iam::1:policy/p')).toBe('#/s/snap/policy/arn%3Aaws%3Aiam%3A%3A1%3Apolicy%2Fp');
  });

  it('ignores junk', () => {
    expect(parseHighlight('#/s/x/policy/k')).toBeUndefined();
    expect(parseHighlight('#/s/x/policy/k?statements=a,-1')).toBeUndefined();
    expect(parseHighlight('#/s/x/policy/k?statements=1&tone=evil')?.tone).toBe('neutral');
  });
});
