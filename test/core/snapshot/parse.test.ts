import { describe, expect, it } from 'vitest';
import { parseSnapshot, parseSnapshotText, toBundle } from '../../../core/snapshot/index';
import type { ImportDiagnostic, ImportResult, Snapshot, SnapshotInput } from '../../../core/model/snapshot';
import { clone, comparable, loadFixture, loadSample, urlEncodeDocuments } from './helpers';

function ok(result: ImportResult): { snapshot: Snapshot; diagnostics: readonly ImportDiagnostic[] } {
  if (result.kind !== 'ok')
    throw new Error(
      `expected ok, got ${result.diagnostics.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    );
  return result;
}

function one(value: unknown, name = 'input.json'): ImportResult {
  return parseSnapshot([{ name, value }]);
}

function ids(diagnostics: readonly ImportDiagnostic[]): string[] {
  return diagnostics.map((d) => d.id);
}

function errors(result: ImportResult): ImportDiagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

type Json = Record<string, unknown> & {
  UserDetailList: Record<string, unknown>[];
  GroupDetailList: Record<string, unknown>[];
  RoleDetailList: Record<string, unknown>[];
  Policies: Record<string, unknown>[];
};

function small(): Json {
  return clone(loadFixture('small-account.json')) as Json;
}

describe('importing the shared samples', () => {
  it('reads the cloudsplaining example: 44 users, 5 groups, 78 roles, 84 managed policies', () => {
    const { snapshot: s } = ok(one(loadSample('cloudsplaining-example.json')));
    expect([s.users.length, s.groups.length, s.roles.length, s.policies.length]).toEqual([44, 5, 78, 84]);
    expect(s.account).toEqual({ id: '200611803367', partition: 'aws' });
  });

  it('reads the awscli example with its quirks: a single statement object and a single attached policy object', () => {
    const { snapshot: s, diagnostics } = ok(one(loadSample('awscli-doc-example.json')));
    expect([s.users.length, s.groups.length, s.roles.length, s.policies.length]).toEqual([3, 3, 1, 3]);
    const bob = s.usersByName.get('Bob')!;
    expect(bob.inlinePolicies[0]!.policy.document.Statement).toEqual([
      { Effect: 'Deny', Action: ['aws-portal:*', 'iam:*'], Resource: ['*'] },
    ]);
    expect(s.groupsByName.get('Admins')!.attachedPolicies).toEqual([
      { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ]);
    expect(s.groupsOfUser.get(bob.arn)).toEqual(['arn:aws:iam::123456789012:group/Admins']);
    expect(s.instanceProfilesOfRole.get('arn:aws:iam::123456789012:role/EC2role')).toEqual([
      'arn:aws:iam::123456789012:instance-profile/EC2role',
    ]);
    expect(ids(diagnostics)).toContain('snapshot.page.truncated');
    expect(ids(diagnostics)).toContain('snapshot.policy.missing');
  });

  it.each(['cloudsplaining-example.json', 'awscli-doc-example.json'])(
    'gives the same snapshot for %s with URL-encoded documents, as the raw API returns them',
    (name) => {
      const plain = ok(one(loadSample(name)));
      const encoded = ok(one(urlEncodeDocuments(loadSample(name))));
      expect(comparable(encoded.snapshot)).toEqual(comparable(plain.snapshot));
      expect(encoded.diagnostics).toEqual(plain.diagnostics);
    },
  );

  it('keeps the original text of a URL-encoded document for display', () => {
    const value = small();
    value.RoleDetailList[0]!['AssumeRolePolicyDocument'] = encodeURIComponent(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}',
    );
    const { snapshot: s } = ok(one(value));
    const trust = s.rolesByName.get('app')!.trustPolicy!;
    expect(trust.text).toBe(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}',
    );
    expect(trust.document.Statement[0]!.Principal).toEqual({ AWS: ['*'] });
  });
});

describe('the snapshot model', () => {
  const { snapshot: s } = ok(one(small()));

  it('indexes entities by ARN, unique id and name', () => {
    expect(s.byArn.get('arn:aws:iam::111122223333:user/alice')?.kind).toBe('user');
    expect(s.byId.get('AROAEXAMPLEAPP000001')?.arn).toBe('arn:aws:iam::111122223333:role/app');
    expect(s.usersByName.get('bob')?.path).toBe('/contractors/');
    expect(s.policiesByName.get('deploy')?.map((p) => p.arn)).toEqual([
      'arn:aws:iam::111122223333:policy/deploy',
    ]);
    expect(s.instanceProfilesByName.get('app-profile')?.roleArns).toEqual([
      'arn:aws:iam::111122223333:role/app',
    ]);
  });

  it('keeps every policy version and resolves the default one', () => {
    const deploy = s.policiesByName.get('deploy')![0]!;
    expect(deploy.versions.map((v) => [v.versionId, v.isDefault])).toEqual([
      ['v1', false],
      ['v2', true],
    ]);
    expect(deploy.defaultDocument.document.Statement[0]!.Action).toEqual(['s3:PutObject', 's3:GetObject']);
    expect(deploy.versions[0]!.policy?.document.Statement[0]!.Action).toEqual(['*']);
  });

  it('relates users and groups both ways', () => {
    expect(s.groupsOfUser.get('arn:aws:iam::111122223333:user/alice')).toEqual([
      'arn:aws:iam::111122223333:group/admins',
      'arn:aws:iam::111122223333:group/developers',
    ]);
    expect(s.membersOfGroup.get('arn:aws:iam::111122223333:group/developers')).toEqual([
      'arn:aws:iam::111122223333:user/alice',
      'arn:aws:iam::111122223333:user/contractors/bob',
    ]);
  });

  it('records what each managed policy is attached to and whom it bounds', () => {
    expect(s.policyUsage.get('arn:aws:iam::111122223333:policy/deploy')).toEqual({
      attachedTo: ['arn:aws:iam::111122223333:group/developers', 'arn:aws:iam::111122223333:role/app'],
      boundaryOf: [],
    });
    expect(s.policyUsage.get('arn:aws:iam::111122223333:policy/app-boundary')?.boundaryOf).toEqual([
      'arn:aws:iam::111122223333:role/app',
    ]);
  });

  it('reads boundaries, tags, RoleLastUsed, trust policies and AWS-managed flags', () => {
    const app = s.rolesByName.get('app')!;
    expect(app.permissionsBoundary).toEqual({
      arn: 'arn:aws:iam::111122223333:policy/app-boundary',
      type: 'Policy',
    });
    expect(app.tags).toEqual([{ key: 'env', value: 'prod' }]);
    expect(app.roleLastUsed).toEqual({ lastUsedDate: '2026-11-20T10:00:00Z', region: 'eu-west-1' });
    expect(app.maxSessionDuration).toBe(3600);
    expect(app.trustPolicy?.document.Statement[0]!.Principal).toEqual({ Service: ['ec2.amazonaws.com'] });
    expect(s.policies.filter((p) => p.awsManaged).map((p) => p.name)).toEqual(['AdministratorAccess']);
  });

  it('keeps unknown fields of an entity in its extra record', () => {
    expect(s.usersByName.get('alice')!.extra).toEqual({ FavouriteColour: 'green' });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.users)).toBe(true);
    expect(Object.isFrozen(s.rolesByName.get('app')!.attachedPolicies[0])).toBe(true);
  });

  it('takes the account id and partition from the ARNs', () => {
    expect(s.account).toEqual({ id: '111122223333', partition: 'aws' });
    const cn = JSON.parse(JSON.stringify(small()).replaceAll('arn:aws:', 'arn:aws-cn:'));
    expect(ok(one(cn)).snapshot.account.partition).toBe('aws-cn');
  });
});

describe('quirks of real files', () => {
  it('accepts a list field that arrives as a single object', () => {
    const v = small();
    v.RoleDetailList[0]!['InstanceProfileList'] = (
      v.RoleDetailList[0]!['InstanceProfileList'] as unknown[]
    )[0];
    v.UserDetailList[0]!['UserPolicyList'] = (v.UserDetailList[0]!['UserPolicyList'] as unknown[])[0];
    v.Policies[1]!['PolicyVersionList'] = (v.Policies[1]!['PolicyVersionList'] as unknown[])[0];
    const { snapshot: s } = ok(one(v));
    expect(s.instanceProfiles).toHaveLength(1);
    expect(s.usersByName.get('alice')!.inlinePolicies).toHaveLength(1);
    expect(s.policiesByName.get('app-boundary')![0]!.versions).toHaveLength(1);
  });

  it('accepts a detail list that is a single object', () => {
    const v = small();
    (v as Record<string, unknown>)['RoleDetailList'] = v.RoleDetailList[0];
    expect(ok(one(v)).snapshot.roles).toHaveLength(1);
  });

  it('accepts a single group name where a list of names is expected', () => {
    const { snapshot: s } = ok(one(small()));
    expect(s.usersByName.get('bob')!.groupNames).toEqual(['developers']);
  });

  it('turns single Statement, Action, Resource and Principal values into lists', () => {
    const { snapshot: s } = ok(one(small()));
    expect(s.usersByName.get('alice')!.inlinePolicies[0]!.policy.document.Statement).toEqual([
      { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::111122223333:user/alice'] },
    ]);
  });

  it('treats null optional fields as absent', () => {
    const v = small();
    v.UserDetailList[0]!['Tags'] = null;
    v.RoleDetailList[0]!['RoleLastUsed'] = null;
    const { snapshot: s } = ok(one(v));
    expect(s.usersByName.get('alice')!.tags).toEqual([]);
    expect(s.rolesByName.get('app')!.roleLastUsed).toBeUndefined();
  });

  it('finds the default version by DefaultVersionId when IsDefaultVersion is absent', () => {
    const v = small();
    for (const ver of v.Policies[0]!['PolicyVersionList'] as Record<string, unknown>[])
      delete ver['IsDefaultVersion'];
    const deploy = ok(one(v)).snapshot.policiesByName.get('deploy')![0]!;
    expect(deploy.defaultDocument.document.Statement[0]!.Resource).toEqual(['arn:aws:s3:::deploy-bucket/*']);
  });
});

describe('warnings for an incomplete snapshot', () => {
  it('warns once about an attached managed policy whose document is absent', () => {
    const v = small();
    v.Policies.splice(0, 1);
    const r = ok(one(v));
    const w = r.diagnostics.filter(
      (d) => d.id === 'snapshot.policy.missing' && d.message.includes('policy/deploy'),
    );
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toContain('`arn:aws:iam::111122223333:policy/deploy` is attached to 2 identities');
    expect(w[0]!.path).toBe('GroupDetailList[1].AttachedManagedPolicies');
    expect(w[0]!.severity).toBe('warning');
  });

  it('warns about a permissions boundary whose document is absent', () => {
    const r = ok(one(small()));
    const w = r.diagnostics.filter((d) => d.id === 'snapshot.boundary.missing');
    expect(w.map((d) => d.path)).toEqual(['UserDetailList[1].PermissionsBoundary']);
    expect(w[0]!.message).toContain('`arn:aws:iam::111122223333:policy/contractor-boundary`');
  });

  it('warns about a group named on a user but absent', () => {
    const v = small();
    v.GroupDetailList.splice(1, 1);
    const r = ok(one(v));
    const w = r.diagnostics.filter((d) => d.id === 'snapshot.group.missing');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toBe(
      'group `developers` is named by 2 users but absent from the snapshot: its policies are unknown',
    );
  });

  it('warns about a last page marked truncated, and not about a truncated page that is followed', () => {
    const v = small();
    v['IsTruncated'] = true;
    expect(ids(ok(one(v)).diagnostics)).toContain('snapshot.page.truncated');
    const next = { UserDetailList: [], IsTruncated: false };
    expect(ids(ok(one([v, next])).diagnostics)).not.toContain('snapshot.page.truncated');
  });

  it('warns about a duplicate entity and keeps the first', () => {
    const v = small();
    const copy = clone(v.RoleDetailList[0]!);
    copy['MaxSessionDuration'] = 7200;
    v.RoleDetailList.push(copy);
    const r = ok(one(v));
    expect(r.snapshot.roles).toHaveLength(1);
    expect(r.snapshot.roles[0]!.maxSessionDuration).toBe(3600);
    const w = r.diagnostics.find((d) => d.id === 'snapshot.entity.duplicate')!;
    expect(w.path).toBe('RoleDetailList[1]');
    expect(w.message).toBe(
      'duplicate role `arn:aws:iam::111122223333:role/app` (first at `RoleDetailList[0]`); the first one is kept',
    );
  });

  it('warns once per unique id shared by several entities', () => {
    const r = ok(one(loadSample('awscli-doc-example.json')));
    const w = r.diagnostics.filter((d) => d.id === 'snapshot.id.duplicate');
    expect(w.map((d) => d.message)).toContain(
      'unique id `AIDA1234567890EXAMPLE` of `arn:aws:iam::123456789012:user/Alice` is shared by 5 other entities; lookups by id find the first',
    );
  });

  it('drops one malformed role with a warning that says where and what, and keeps the rest', () => {
    const v = small();
    const role = clone(v.RoleDetailList[0]!);
    role['RoleName'] = 'broken';
    role['Arn'] = 'arn:aws:iam::111122223333:role/broken';
    role['AssumeRolePolicyDocument'] = '%7B%22Version%22%3A';
    v.RoleDetailList.push(role);
    const r = ok(one(v));
    expect(r.snapshot.roles.map((x) => x.name)).toEqual(['app']);
    const w = r.diagnostics.find((d) => d.id === 'snapshot.entity.dropped')!;
    expect(w.path).toBe('RoleDetailList[1].AssumeRolePolicyDocument');
    expect(w.message).toMatch(
      /^not valid JSON after URL decoding: .*; role `broken` is left out of the snapshot$/,
    );
  });

  it('drops a user whose inline policy statement has no Effect rather than import it without the statement', () => {
    const v = small();
    const doc = (
      v.UserDetailList[0]!['UserPolicyList'] as { PolicyDocument: { Statement: Record<string, unknown> } }[]
    )[0]!.PolicyDocument;
    delete doc.Statement['Effect'];
    const r = ok(one(v));
    expect(r.snapshot.usersByName.has('alice')).toBe(false);
    const w = r.diagnostics.find((d) => d.id === 'snapshot.entity.dropped')!;
    expect(w.path).toBe('UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement.Effect');
    expect(w.message).toBe('missing `Effect`; user `alice` is left out of the snapshot');
  });

  it('drops a managed policy without a default version', () => {
    const v = small();
    (v.Policies[1]!['PolicyVersionList'] as Record<string, unknown>[])[0]!['IsDefaultVersion'] = false;
    const r = ok(one(v));
    expect(r.snapshot.policiesByName.has('app-boundary')).toBe(false);
    expect(r.diagnostics.find((d) => d.id === 'snapshot.entity.dropped')?.message).toBe(
      'no default version; managed policy `app-boundary` is left out of the snapshot',
    );
    expect(ids(r.diagnostics)).toContain('snapshot.boundary.missing');
  });

  it('keeps a malformed non-default version without its document, with a warning', () => {
    const v = small();
    (v.Policies[0]!['PolicyVersionList'] as Record<string, unknown>[])[0]!['Document'] = 'not%20json';
    const r = ok(one(v));
    const deploy = r.snapshot.policiesByName.get('deploy')![0]!;
    expect(deploy.versions[0]!.policy).toBeUndefined();
    expect(r.diagnostics.find((d) => d.id === 'snapshot.policy-version.invalid')?.path).toBe(
      'Policies[0].PolicyVersionList[0].Document',
    );
  });

  it('drops an entity that is not an object', () => {
    const v = small();
    (v.UserDetailList as unknown[]).push(42);
    const r = ok(one(v));
    expect(r.diagnostics.find((d) => d.id === 'snapshot.entity.dropped')).toMatchObject({
      path: 'UserDetailList[2]',
      message: 'expected a user object, found a number; it is left out of the snapshot',
    });
  });

  it('drops a user with a missing name', () => {
    const v = small();
    delete v.UserDetailList[0]!['UserName'];
    const r = ok(one(v));
    expect(r.snapshot.users).toHaveLength(1);
    expect(r.diagnostics.find((d) => d.id === 'snapshot.entity.dropped')?.message).toBe(
      'missing `UserName`; this user is left out of the snapshot',
    );
  });

  it('warns when no ARN names the account', () => {
    const r = ok(one({ UserDetailList: [] }));
    expect(r.snapshot.account.id).toBe('');
    expect(ids(r.diagnostics)).toEqual(['snapshot.account.unknown']);
  });
});

describe('inputs that cannot be used', () => {
  it.each<[string, unknown, string]>([
    [
      'a number',
      42,
      'expected a JSON object (authorization details or an ariadne bundle) or a list of pages, found a number',
    ],
    [
      'a string',
      'hello',
      'expected a JSON object (authorization details or an ariadne bundle) or a list of pages, found a string',
    ],
    [
      'null',
      null,
      'expected a JSON object (authorization details or an ariadne bundle) or a list of pages, found null',
    ],
    [
      'an unrelated object',
      { name: 'x' },
      'neither authorization details (no `UserDetailList`, `GroupDetailList`, `RoleDetailList` or `Policies`) nor an ariadne bundle (no `format`)',
    ],
  ])('rejects %s at the top level', (_, value, message) => {
    const r = one(value);
    expect(r.kind).toBe('error');
    expect(errors(r)).toEqual([
      { id: 'snapshot.format.unknown', severity: 'error', path: '', message, input: 'input.json' },
    ]);
  });

  it('rejects a detail list of the wrong type', () => {
    const r = one({ UserDetailList: 'alice' });
    expect(errors(r)).toMatchObject([
      { id: 'snapshot.list.invalid', path: 'UserDetailList', message: 'expected a list, found a string' },
    ]);
  });

  it('rejects an empty list of pages and no input at all', () => {
    expect(errors(one([]))[0]!.message).toBe('an empty list: no pages of authorization details');
    expect(errors(parseSnapshot([]))[0]!.message).toBe('no input given');
  });

  it('names the page of a list that is not authorization details', () => {
    const r = one([small(), { hello: 1 }]);
    expect(errors(r)[0]).toMatchObject({ id: 'snapshot.format.unknown', path: '[1]' });
  });

  it('rejects a bundle of another format and a bundle given with other files', () => {
    expect(errors(one({ format: 'ariadne.snapshot/v9', authorizationDetails: {} }))[0]!.message).toBe(
      'unsupported bundle format `ariadne.snapshot/v9`: expected `ariadne.snapshot/v1`',
    );
    const r = parseSnapshot([
      { name: 'a.json', value: small() },
      { name: 'b.json', value: loadFixture('small-bundle.json') },
    ]);
    expect(errors(r)[0]).toMatchObject({ id: 'snapshot.bundle.not-alone', input: 'b.json' });
  });

  it('rejects a bundle inside a list of pages', () => {
    expect(errors(one([loadFixture('small-bundle.json')]))).toMatchObject([
      {
        id: 'snapshot.bundle.not-alone',
        path: '[0]',
        message: 'an ariadne bundle cannot be a page of a list',
      },
    ]);
  });

  it('rejects a bundle without authorization details', () => {
    expect(errors(one({ format: 'ariadne.snapshot/v1' }))[0]).toMatchObject({
      path: 'authorizationDetails',
      message: 'missing `authorizationDetails`',
    });
  });

  it('gives line and column of a JSON syntax error, and says an empty text is empty', () => {
    const r = parseSnapshotText('bad.json', '{\n  "UserDetailList": [,]\n}');
    expect(errors(r)[0]).toMatchObject({
      input: 'bad.json',
      message: 'not valid JSON at line 2, column 22: unexpected character `,`',
    });
    expect(errors(parseSnapshotText('e.json', '  \n'))[0]!.message).toBe('empty file');
  });
});

describe('several pages', () => {
  function split(): [Json, Json] {
    const a = small();
    const b = small();
    a.RoleDetailList = [];
    a.Policies = [];
    a['IsTruncated'] = true;
    a['Marker'] = 'next';
    b.UserDetailList = [];
    b.GroupDetailList = [];
    return [a, b];
  }

  it('merges an array of pages into one snapshot', () => {
    const [a, b] = split();
    const merged = ok(one([a, b]));
    const whole = ok(one(small()));
    expect(comparable(merged.snapshot)).toEqual(comparable(whole.snapshot));
    expect(merged.diagnostics.find((d) => d.id === 'snapshot.boundary.missing')?.path).toBe(
      '[0].UserDetailList[1].PermissionsBoundary',
    );
  });

  it('merges several files of pages and names the file in diagnostics', () => {
    const [a, b] = split();
    const inputs: SnapshotInput[] = [
      { name: 'page1.json', value: a },
      { name: 'page2.json', value: b },
    ];
    const merged = ok(parseSnapshot(inputs));
    expect(comparable(merged.snapshot)).toEqual(comparable(ok(one(small())).snapshot));
    expect(merged.snapshot.source.inputs).toEqual(['page1.json', 'page2.json']);
    expect(merged.diagnostics.find((d) => d.id === 'snapshot.boundary.missing')).toMatchObject({
      input: 'page1.json',
      path: 'UserDetailList[1].PermissionsBoundary',
    });
  });

  it('warns about an entity that appears on two pages', () => {
    const r = ok(
      parseSnapshot([
        { name: 'a.json', value: small() },
        { name: 'b.json', value: small() },
      ]),
    );
    const dups = r.diagnostics.filter((d) => d.id === 'snapshot.entity.duplicate');
    expect(dups.length).toBeGreaterThanOrEqual(8);
    expect(dups[0]).toMatchObject({ input: 'b.json', path: 'UserDetailList[0]' });
    expect(dups[0]!.message).toContain('(first at `a.json: UserDetailList[0]`)');
  });
});

describe('the ariadne bundle', () => {
  const { snapshot: s, diagnostics } = ok(one(loadFixture('small-bundle.json'), 'bundle.json'));

  it('reads the account, source and collection time', () => {
    expect(s.account).toEqual({ id: '111122223333', alias: 'prod', partition: 'aws' });
    expect(s.collectedAt).toBe('2026-11-29T10:00:00Z');
    expect(s.source).toEqual({ kind: 'aws-pull', tool: 'ariadne 0.1.0', inputs: ['bundle.json'] });
    expect(diagnostics).toEqual([]);
  });

  it('reads the optional parts', () => {
    expect(s.resourcePolicies.map((r) => r.resource)).toEqual(['arn:aws:s3:::example-bucket']);
    expect(s.organization?.path.map((l) => [l.id, l.scps.map((p) => p.name)])).toEqual([
      ['r-ab12', ['FullAWSAccess']],
      ['ou-ab12-prod', ['deny-leave']],
      ['111122223333', []],
    ]);
    expect(s.identityProviders.saml.map((p) => p.arn)).toEqual([
      'arn:aws:iam::111122223333:saml-provider/okta',
    ]);
    expect(s.identityProviders.oidc[0]!.clientIds).toEqual(['sts.amazonaws.com']);
    expect(s.credentialReport).toMatch(/^user,arn,/);
    expect(s.passwordPolicy).toEqual({ MinimumPasswordLength: 14 });
    expect(s.accountSummary).toEqual({ Users: 1 });
    expect(s.accountAliases).toEqual(['prod']);
    expect(s.collectionWarnings).toEqual(['s3: access denied listing bucket policies in us-east-2']);
    expect(s.extra).toEqual({ futureField: { kept: true } });
  });

  it('reads a URL-encoded trust policy inside the bundle', () => {
    expect(s.rolesByName.get('github-deploy')!.trustPolicy!.document.Statement[0]!.Condition).toEqual({
      StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:example/app:*'] },
    });
  });

  it('leaves out a malformed optional part with a warning and keeps the identities', () => {
    const v = clone(loadFixture('small-bundle.json')) as Record<string, unknown>;
    v['organization'] = {
      path: [{ id: 'r-1', scps: [{ name: 'x', document: { Statement: [{ Action: '*' }] } }] }],
    };
    const r = ok(one(v));
    expect(r.snapshot.organization).toBeUndefined();
    expect(r.snapshot.users).toHaveLength(1);
    expect(r.diagnostics).toMatchObject([
      {
        id: 'snapshot.bundle.part.invalid',
        path: 'organization.path[0].scps[0].document.Statement[0].Effect',
        message: 'missing `Effect`; `organization` is left out of the snapshot',
      },
    ]);
  });

  it.each(['small-account.json', 'small-bundle.json'])(
    'round-trips %s through toBundle to the same snapshot',
    (name) => {
      const first = ok(one(loadFixture(name)));
      const bundle = JSON.parse(JSON.stringify(toBundle(first.snapshot)));
      expect(bundle.format).toBe('ariadne.snapshot/v1');
      const again = ok(one(bundle));
      const { source: _a, ...rest1 } = comparable(first.snapshot);
      const { source: _b, ...rest2 } = comparable(again.snapshot);
      expect(rest2).toEqual(rest1);
    },
  );

  it('round-trips the cloudsplaining sample through toBundle', () => {
    const first = ok(one(loadSample('cloudsplaining-example.json')));
    const again = ok(one(JSON.parse(JSON.stringify(toBundle(first.snapshot)))));
    expect(again.snapshot.users).toEqual(first.snapshot.users);
    expect(again.snapshot.roles).toEqual(first.snapshot.roles);
    expect(again.snapshot.policies).toEqual(first.snapshot.policies);
    expect(again.snapshot.instanceProfiles).toEqual(first.snapshot.instanceProfiles);
  });
});

describe('hostile values', () => {
  it('keeps a `__proto__` key as plain data and never touches Object.prototype', () => {
    const v = JSON.parse(
      '{"UserDetailList":[{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"UserName":"x","UserId":"AIDAX","Arn":"arn:aws:iam::111122223333:user/x"}]}',
    );
    const { snapshot: s } = ok(one(v));
    const user = s.users[0]!;
    expect(Object.hasOwn(user.extra, '__proto__')).toBe(true);
    expect(Object.keys(user.extra)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const bundle = JSON.stringify(toBundle(s));
    expect(bundle).toContain('"__proto__":{"polluted":true}');
  });

  it('does not read inherited properties such as `constructor` as fields', () => {
    const r = one({
      UserDetailList: [
        { UserName: 'constructor', UserId: 'x', Arn: 'arn:aws:iam::111122223333:user/constructor' },
      ],
    });
    expect(ok(r).snapshot.usersByName.get('constructor')?.groupNames).toEqual([]);
    expect(ok(one({ Policies: [] })).snapshot.policies).toEqual([]);
  });

  it('leaves out an unknown field nested deeper than the bound, with a warning', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const r = ok(
      one({
        UserDetailList: [
          { UserName: 'x', UserId: 'AIDAX', Arn: 'arn:aws:iam::111122223333:user/x', Deep: deep },
        ],
      }),
    );
    expect(r.snapshot.users[0]!.extra).toEqual({});
    expect(r.diagnostics.find((d) => d.id === 'snapshot.field.too-deep')?.path).toBe(
      'UserDetailList[0].Deep',
    );
    expect(() => JSON.stringify(toBundle(r.snapshot))).not.toThrow();
  });

  it('drops an identity whose policy document nests too deep', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const v = small();
    (
      v.UserDetailList[0]!['UserPolicyList'] as { PolicyDocument: { Statement: Record<string, unknown> } }[]
    )[0]!.PolicyDocument.Statement['Condition'] = deep;
    const r = ok(one(v));
    expect(r.snapshot.usersByName.has('alice')).toBe(false);
    expect(r.diagnostics.find((d) => d.id === 'snapshot.entity.dropped')?.message).toBe(
      'policy document nests deeper than 64 levels; user `alice` is left out of the snapshot',
    );
  });
});
