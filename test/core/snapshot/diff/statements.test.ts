import { describe, expect, it } from 'vitest';
import { diffDocuments, flattenPrincipal } from '../../../../core/snapshot/diff/index';
import type { PolicyDocument, PolicyStatement } from '../../../../core/model/policy';

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

describe('diffDocuments', () => {
  it('finds nothing when statements only moved', () => {
    const a = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] };
    const b = { Sid: 'B', Effect: 'Deny', Action: ['iam:*'], Resource: ['*'] };
    expect(diffDocuments(doc(a, b), doc(b, a))).toEqual({ statements: [] });
  });

  it('treats action names case-insensitively and list order as irrelevant', () => {
    const a = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['*'] };
    const b = { Effect: 'Allow', Action: ['S3:putobject', 's3:getobject'], Resource: ['*'] };
    expect(diffDocuments(doc(a), doc(b)).statements).toEqual([]);
  });

  it('matches statements by Sid even when their content and position change', () => {
    const d = diffDocuments(
      doc({ Sid: 'One', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }, { Sid: 'Two', Effect: 'Allow', Action: ['sqs:*'], Resource: ['*'] }),
      doc({ Sid: 'Two', Effect: 'Allow', Action: ['sqs:*'], Resource: ['*'] }, { Sid: 'One', Effect: 'Deny', Action: ['ec2:*'], NotResource: ['arn:aws:ec2:*:*:instance/keep'] }),
    );
    expect(d.statements).toEqual([
      {
        kind: 'statement-changed',
        oldIndex: 0,
        newIndex: 1,
        sid: 'One',
        matchedBy: 'sid',
        elements: [
          { kind: 'effect', old: 'Allow', new: 'Deny' },
          { kind: 'list', element: 'Action', added: ['ec2:*'], removed: ['s3:GetObject'] },
          { kind: 'list', element: 'Resource', added: [], removed: ['*'] },
          { kind: 'list', element: 'NotResource', added: ['arn:aws:ec2:*:*:instance/keep'], removed: [] },
        ],
      },
    ]);
  });

  it('matches a statement by content when its Sid was renamed', () => {
    const d = diffDocuments(doc({ Sid: 'Old', Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }), doc({ Sid: 'New', Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }));
    expect(d.statements).toEqual([
      { kind: 'statement-changed', oldIndex: 0, newIndex: 0, sid: 'New', matchedBy: 'content', elements: [{ kind: 'sid', old: 'Old', new: 'New' }] },
    ]);
  });

  it('lists a changed Action as a set difference and keeps NotAction apart', () => {
    const d = diffDocuments(
      doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] }, { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b'] }),
      doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: ['*'] }, { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::b'] }),
    );
    expect(d.statements).toEqual([
      { kind: 'statement-changed', oldIndex: 0, newIndex: 0, matchedBy: 'content', elements: [{ kind: 'list', element: 'NotAction', added: ['organizations:*'], removed: [] }] },
      { kind: 'statement-changed', oldIndex: 1, newIndex: 1, matchedBy: 'content', elements: [{ kind: 'list', element: 'Action', added: ['s3:PutObject'], removed: ['s3:ListBucket'] }] },
    ]);
  });

  it('lists conditions added, removed and changed', () => {
    const d = diffDocuments(
      doc({ Sid: 'S', Effect: 'Allow', Action: ['s3:*'], Resource: ['*'], Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a'] }, Bool: { 'aws:SecureTransport': ['true'] } } }),
      doc({ Sid: 'S', Effect: 'Allow', Action: ['s3:*'], Resource: ['*'], Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] }, IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }),
    );
    expect(d.statements[0]).toMatchObject({
      elements: [
        {
          kind: 'condition',
          added: [{ operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'] }],
          removed: [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] }],
          changed: [{ operator: 'StringEquals', key: 'aws:PrincipalTag/team', old: ['a'], new: ['a', 'b'] }],
        },
      ],
    });
  });

  it('reports unrelated statements as removed and added rather than pairing them', () => {
    const d = diffDocuments(doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::a/*'] }), doc({ Effect: 'Allow', Action: ['ec2:RunInstances'], Resource: ['arn:aws:ec2:*:*:instance/*'] }));
    expect(d.statements.map((s) => s.kind)).toEqual(['statement-removed', 'statement-added']);
  });

  it('reports a changed policy language version', () => {
    const s = { Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] };
    expect(diffDocuments({ Version: '2008-10-17', Statement: [s] }, doc(s))).toEqual({ statements: [], version: { old: '2008-10-17', new: '2012-10-17' } });
  });

  it('falls back to content matching when a Sid is duplicated', () => {
    const a = { Sid: 'Dup', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] };
    const b = { Sid: 'Dup', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['*'] };
    expect(diffDocuments(doc(a, b), doc(b, a)).statements).toEqual([]);
  });
});

describe('flattenPrincipal', () => {
  it('flattens principal types to sorted type:value strings', () => {
    expect(flattenPrincipal({ Service: ['ec2.amazonaws.com'], AWS: ['arn:aws:iam::1:root', '111122223333'] })).toEqual([
      'AWS:111122223333',
      'AWS:arn:aws:iam::1:root',
      'Service:ec2.amazonaws.com',
    ]);
    expect(flattenPrincipal('*')).toEqual(['*']);
    expect(flattenPrincipal(undefined)).toEqual([]);
  });

  it('never reads inherited keys of a hostile principal object', () => {
    const hostile = JSON.parse('{"__proto__": ["x"], "AWS": ["a"]}');
    expect(flattenPrincipal(hostile)).toEqual(['AWS:a', '__proto__:x']);
  });
});

describe('diffDocuments on hostile input', () => {
  it('reports thousands of unrelated statements as removed and added without pairing them', () => {
    const many = (prefix: string): PolicyStatement[] =>
      Array.from({ length: 1000 }, (_, i) => ({ Effect: 'Allow', Action: [`${prefix}:Action${i}`], Resource: ['*'] }));
    const d = diffDocuments(doc(...many('s3')), doc(...many('sqs')));
    expect(d.statements.filter((s) => s.kind === 'statement-removed')).toHaveLength(1000);
    expect(d.statements.filter((s) => s.kind === 'statement-added')).toHaveLength(1000);
  });
});
