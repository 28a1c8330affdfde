// Builders of small bundles for the rule tests: an account with the users, roles and policies a
// case needs, imported through the real snapshot parser.
import { parseSnapshot } from '../../../core/snapshot/index';
import type { Snapshot } from '../../../core/model/snapshot';

/** The account of every built bundle. */
export const ACCOUNT = '111111111111';

/** A statement list as a policy document. */
export function doc(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

/** A user in `get-account-authorization-details` form. */
export function user(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    UserName: name,
    UserId: `AIDA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}000`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    Path: '/',
    CreateDate: '2024-01-01T00:00:00Z',
    GroupList: [],
    AttachedManagedPolicies: [],
    UserPolicyList: [],
    Tags: [],
    ...extra,
  };
}

/** A group. */
export function group(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    GroupName: name,
    GroupId: `AGPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}000`,
    Arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
    Path: '/',
    CreateDate: '2024-01-01T00:00:00Z',
    AttachedManagedPolicies: [],
    GroupPolicyList: [],
    ...extra,
  };
}

/** A role with a trust policy. */
export function role(
  name: string,
  trust: object,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}000`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    Path: '/',
    CreateDate: '2024-01-01T00:00:00Z',
    AssumeRolePolicyDocument: trust,
    AttachedManagedPolicies: [],
    RolePolicyList: [],
    InstanceProfileList: [],
    Tags: [],
    RoleLastUsed: { LastUsedDate: '2026-11-28T00:00:00Z', Region: 'eu-west-1' },
    ...extra,
  };
}

/** A customer-managed policy with one default version. */
export function managedPolicy(
  name: string,
  document: object,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    PolicyName: name,
    PolicyId: `ANPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}000`,
    Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    PolicyVersionList: [
      { Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z' },
    ],
    ...extra,
  };
}

/** Parts of a bundle: authorization detail lists and the optional bundle fields. */
export interface BundleParts {
  users?: object[];
  groups?: object[];
  roles?: object[];
  policies?: object[];
  [field: string]: unknown;
}

/** Builds an Ariadne bundle (collected 2026-11-29T00:00:00Z) and imports it. */
export function snapshotOf(parts: BundleParts = {}): Snapshot {
  const { users = [], groups = [], roles = [], policies = [], ...rest } = parts;
  const value = {
    format: 'ariadne.snapshot/v1',
    account: { id: ACCOUNT, partition: 'aws' },
    collectedAt: '2026-11-29T00:00:00Z',
    source: { kind: 'file', tool: 'test' },
    authorizationDetails: {
      UserDetailList: users,
      GroupDetailList: groups,
      RoleDetailList: roles,
      Policies: policies,
    },
    ...rest,
  };
  const r = parseSnapshot([{ name: 'test.json', value }]);
  if (r.kind !== 'ok') throw new Error(r.diagnostics.map((d) => `${d.path}: ${d.message}`).join('; '));
  return r.snapshot;
}

/** The header of AWS's credential report. */
export const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** One credential report row: defaults to a user without password or keys; override columns by name. */
export function reportRow(name: string, cells: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    user: name,
    arn: name === '<root_account>' ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${name}`,
    user_creation_time: '2024-01-01T00:00:00+00:00',
    password_enabled: 'false',
    password_last_used: 'N/A',
    password_last_changed: 'N/A',
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    access_key_1_active: 'false',
    access_key_1_last_rotated: 'N/A',
    access_key_1_last_used_date: 'N/A',
    access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: 'N/A',
    access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A',
    access_key_2_last_used_service: 'N/A',
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...cells,
  };
  return REPORT_HEADER.split(',')
    .map((c) => base[c] ?? '')
    .join(',');
}

/** A credential report with the root row (MFA on, no keys) and the given user rows. */
export function report(...rows: string[]): string {
  return (
    [
      REPORT_HEADER,
      reportRow('<root_account>', { mfa_active: 'true', password_enabled: 'not_supported' }),
      ...rows,
    ].join('\n') + '\n'
  );
}
