// The explanation returned with each decision: per layer verdicts, the element that failed in each
// statement, the condition values compared, derived keys; and the request preparation.
import { describe, expect, it } from 'vitest';
import { compilePolicySet, evaluatePrepared, evaluateRequest } from '../../../core/evaluate/engine';
import { buildContext, parsePrincipal, prepareRequest, RequestError } from '../../../core/evaluate/request';
import type { LayerResult, PolicySet, StatementResult } from '../../../core/model/evaluate';
import type { PolicyDocument } from '../../../core/model/policy';

const A = '111111111111';
const alice = `arn:aws:iam::${A}:user/alice`;
const empty: PolicySet = { identity: [], resource: null, scp: null, rcp: null, boundary: null, session: null, endpoint: null };
const doc = (...Statement: PolicyDocument['Statement']): PolicyDocument => ({ Version: '2012-10-17', Statement });

function layer(layers: readonly LayerResult[], kind: LayerResult['kind']): LayerResult {
  const l = layers.find((x) => x.kind === kind);
  if (!l) throw new Error(`no ${kind} layer`);
  return l;
}

function statement(l: LayerResult, id: string): StatementResult {
  const s = l.statements.find((x) => x.id === id);
  if (!s) throw new Error(`no statement ${id}`);
  return s;
}

describe('the explanation of a decision', () => {
  const set: PolicySet = {
    ...empty,
    identity: [
      doc(
        { Sid: 'Ec2', Effect: 'Allow', Action: ['ec2:*'], Resource: ['*'] },
        { Sid: 'OtherBucket', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::other/*'] },
        { Sid: 'Region', Effect: 'Allow', Action: ['s3:*'], Resource: ['*'], Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } },
        { Effect: 'Allow', NotAction: ['s3:*'], Resource: ['*'] },
      ),
    ],
    resource: doc({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:user/bob`] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bucket/*'] }),
  };
  const result = evaluateRequest(compilePolicySet(set), { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', context: { 'aws:RequestedRegion': 'us-east-1' } });
  const identity = layer(result.explain.layers, 'identity');

  it('names the element that failed in each statement that did not match', () => {
    expect(statement(identity, 'identity[0].Statement[0]')).toMatchObject({ sid: 'Ec2', effect: 'Allow', outcome: { kind: 'notMatched', element: 'Action' } });
    expect(statement(identity, 'identity[0].Statement[1]').outcome).toMatchObject({ kind: 'notMatched', element: 'Resource' });
    expect(statement(identity, 'identity[0].Statement[3]').outcome).toMatchObject({ kind: 'notMatched', element: 'NotAction' });
    expect(statement(layer(result.explain.layers, 'resource'), 'resource[0].Statement[0]').outcome).toMatchObject({ kind: 'notMatched', element: 'Principal' });
  });

  it('gives the values a failed condition compared', () => {
    expect(statement(identity, 'identity[0].Statement[2]').outcome).toMatchObject({
      kind: 'conditionFailed',
      conditions: [{ operator: 'StringEquals', key: 'aws:RequestedRegion', policyValues: ['eu-west-1'], requestValue: 'us-east-1', matched: false, missing: false }],
    });
  });

  it('gives each layer its verdict, with the reason a layer does not apply', () => {
    expect(result.decision).toBe('implicitDeny');
    expect(result.explain.deniedBy).toBe('identity');
    expect(identity.verdict).toEqual({ kind: 'noAllow' });
    expect(layer(result.explain.layers, 'resource').verdict).toEqual({ kind: 'noAllow' });
    expect(layer(result.explain.layers, 'scp').verdict).toEqual({ kind: 'notApplicable', reason: 'no SCPs govern the principal account' });
    expect(result.explain.layers.map((l) => l.kind)).toEqual(['rcp', 'scp', 'endpoint', 'resource', 'identity', 'boundary', 'session']);
  });

  it('names the SCP levels that lack an allow', () => {
    const r = evaluateRequest(
      compilePolicySet({ ...empty, identity: [doc({ Effect: 'Allow', Action: ['*'], Resource: ['*'] })], scp: [{ orgIdentifier: 'r-1', policies: [doc({ Effect: 'Allow', Action: ['*'], Resource: ['*'] })] }, { orgIdentifier: 'ou-2', policies: [] }] }),
      { principal: alice, action: 's3:GetObject', resource: '*' },
    );
    expect(layer(r.explain.layers, 'scp').verdict).toEqual({ kind: 'noAllow', levels: ['ou-2'] });
  });

  it('lists the keys it derived from the principal and resource', () => {
    expect(result.explain.derivedKeys).toEqual({
      'aws:PrincipalArn': alice,
      'aws:PrincipalAccount': A,
      'aws:PrincipalType': 'User',
      'aws:username': 'alice',
      'aws:PrincipalIsAWSService': 'false',
      'aws:ResourceAccount': A,
    });
  });

  it('reports how a resource policy named the principal', () => {
    const r = evaluateRequest(compilePolicySet({ ...empty, resource: doc({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:role/app`] }, Action: ['s3:*'], Resource: ['*'] }) }), {
      principal: `arn:aws:sts::${A}:assumed-role/app/s`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
    });
    expect(r.explain.resourceGrant).toBe('role');
    expect(r.decision).toBe('allowed');
  });

  it('evaluates a prepared request against precompiled policies', () => {
    const compiled = compilePolicySet({ ...empty, identity: [doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'], Condition: { StringEquals: { 'aws:PrincipalTag/team': ['red'] } } })] });
    const principal = parsePrincipal(alice);
    const { context, derivedKeys } = buildContext(principal, A, { 'aws:PrincipalTag/team': 'red' });
    const r = evaluatePrepared(compiled, { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A, context, derivedKeys });
    expect(r.decision).toBe('allowed');
  });
});

describe('request preparation', () => {
  it('parses every principal form', () => {
    expect(parsePrincipal(alice)).toMatchObject({ kind: 'user', account: A, name: 'alice' });
    expect(parsePrincipal(`arn:aws:iam::${A}:user/team/bob`)).toMatchObject({ kind: 'user', name: 'bob' });
    expect(parsePrincipal(`arn:aws:iam::${A}:role/path/app`)).toMatchObject({ kind: 'role', name: 'app' });
    expect(parsePrincipal(`arn:aws:sts::${A}:assumed-role/app/s-1`)).toMatchObject({ kind: 'assumedRole', roleName: 'app', sessionName: 's-1', roleArn: `arn:aws:iam::${A}:role/app` });
    expect(parsePrincipal(`arn:aws:sts::${A}:federated-user/carol`)).toMatchObject({ kind: 'federatedUser', name: 'carol' });
    expect(parsePrincipal(`arn:aws:iam::${A}:root`)).toMatchObject({ kind: 'root', account: A });
    expect(parsePrincipal(A)).toMatchObject({ kind: 'root', arn: `arn:aws:iam::${A}:root` });
    expect(parsePrincipal('lambda.amazonaws.com')).toEqual({ kind: 'service', name: 'lambda.amazonaws.com' });
    expect(parsePrincipal('cognito-identity.amazonaws.com')).toEqual({ kind: 'federated', provider: 'cognito-identity.amazonaws.com' });
    expect(parsePrincipal(`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`)).toMatchObject({ kind: 'federated' });
    expect(parsePrincipal({ type: 'Anonymous' })).toEqual({ kind: 'anonymous' });
  });

  it('rejects what is not a principal with a one-line message', () => {
    expect(() => parsePrincipal('alice')).toThrow(RequestError);
    expect(() => parsePrincipal(`arn:aws:s3:::bucket`)).toThrow('request.principal: `arn:aws:s3:::bucket` is not the ARN of a user, role, role session, federated user or root');
  });

  it('never overrides a key the request gives, whatever its case', () => {
    const p = prepareRequest({ principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'AWS:USERNAME': 'mallory' } });
    expect(p.context.get('aws:username')).toBe('mallory');
    expect(p.derivedKeys['aws:username']).toBeUndefined();
  });

  it('takes the resource account from the request, then the ARN, then the principal', () => {
    expect(prepareRequest({ principal: alice, action: 'a:b', resource: 'arn:aws:sqs:us-east-1:222222222222:q' }).resourceAccount).toBe('222222222222');
    expect(prepareRequest({ principal: alice, action: 'a:b', resource: 'arn:aws:s3:::b', resourceAccount: '333333333333' }).resourceAccount).toBe('333333333333');
    expect(prepareRequest({ principal: alice, action: 'a:b', resource: 'arn:aws:s3:::b' }).resourceAccount).toBe(A);
    expect(prepareRequest({ principal: { type: 'Anonymous' }, action: 'a:b', resource: 'arn:aws:s3:::b' }).resourceAccount).toBeUndefined();
  });

  it('keeps __proto__ in a request context as an ordinary key', () => {
    const context = JSON.parse('{"__proto__": "x", "aws:SourceIp": "1.2.3.4"}') as Record<string, string>;
    const p = prepareRequest({ principal: alice, action: 'a:b', resource: '*', context });
    expect(p.context.get('__proto__')).toBe('x');
    expect(p.context.get('aws:sourceip')).toBe('1.2.3.4');
  });
});
