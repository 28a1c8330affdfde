// Import: detects the input format by content (authorization details, pages of them, or an
// Ariadne bundle), reads every entity, warns about what is incomplete, builds the Snapshot.
// Imports only core/. Never throws on any JSON value: problems become diagnostics.
import type {
  Group,
  IdentityProviders,
  ImportResult,
  InstanceProfile,
  ManagedPolicy,
  Organization,
  ResourcePolicy,
  Role,
  Snapshot,
  SnapshotInput,
  User,
} from '../model/snapshot';
import { BUNDLE_FORMAT, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, type S3PublicAccessBlock } from '../model/snapshot';
import { describe, isJsonObject } from '../policy/normalize';
import { buildSnapshot, type Collected } from './build';
import {
  readGroup,
  readManagedPolicy,
  readRole,
  readUser,
  type EntityResult,
  type RoleInstanceProfile,
} from './entities';
import { describeJsonParseError } from './messages';
import { Diagnostics, ObjectReader } from './read';

const DETAIL_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
const PAGE_KEYS = new Set<string>([...DETAIL_LISTS, 'IsTruncated', 'Marker']);
const BUNDLE_KEYS = new Set([
  'format',
  'account',
  'collectedAt',
  'source',
  'authorizationDetails',
  'resourcePolicies',
  'organization',
  'identityProviders',
  'credentialReport',
  'passwordPolicy',
  'accountSummary',
  'accountAliases',
  'warnings',
]);

/** True when `value` looks like one page of authorization details. */
function isDetailsPage(value: unknown): value is Record<string, unknown> {
  return isJsonObject(value) && DETAIL_LISTS.some((k) => Object.hasOwn(value, k));
}

function isBundle(value: unknown): value is Record<string, unknown> {
  return isJsonObject(value) && Object.hasOwn(value, 'format');
}

/** One page to read: its value, the path prefix of its fields, the input it came from. */
interface Page {
  readonly value: Record<string, unknown>;
  readonly prefix: string;
  readonly input: string;
}

function emptyCollected(): Collected {
  return {
    users: [],
    groups: [],
    roles: [],
    policies: [],
    instanceProfiles: [],
    paths: new Map(),
    extra: [],
    bundle: undefined,
  };
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function readEntities<T>(
  page: Page,
  key: string,
  kind: string,
  read: (r: ObjectReader) => EntityResult<T>,
  add: (entity: T, path: string) => void,
  d: Diagnostics,
): void {
  if (!Object.hasOwn(page.value, key)) return;
  const listPath = join(page.prefix, key);
  const raw = page.value[key];
  if (raw === null || raw === undefined) return;
  // Quirk: a list of one may arrive as the item itself.
  const items = Array.isArray(raw)
    ? raw.map((v, i) => ({ v, p: `${listPath}[${i}]` }))
    : [{ v: raw, p: listPath }];
  for (const { v, p } of items) {
    if (!isJsonObject(v)) {
      d.warning(
        'snapshot.entity.dropped',
        p,
        `expected a ${kind} object, found ${describe(v)}; it is left out of the snapshot`,
      );
      continue;
    }
    const result = read(new ObjectReader(v, p));
    for (const w of result.warnings) d.add(w);
    if (result.kind === 'ok') {
      add(result.entity, p);
      continue;
    }
    const first = result.problems[0]!;
    const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : '';
    const who = result.name ? `${kind} \`${result.name}\`` : `this ${kind}`;
    d.warning(
      'snapshot.entity.dropped',
      first.path,
      `${first.message}${more}; ${who} is left out of the snapshot`,
    );
  }
}

/** Reads the pages of authorization details, in order, into `c`. */
function readPages(pages: readonly Page[], c: Collected, d: Diagnostics): void {
  pages.forEach((page, index) => {
    d.input = page.input;
    for (const key of DETAIL_LISTS) {
      const raw = Object.hasOwn(page.value, key) ? page.value[key] : undefined;
      if (raw !== undefined && raw !== null && !Array.isArray(raw) && !isJsonObject(raw)) {
        d.error('snapshot.list.invalid', join(page.prefix, key), `expected a list, found ${describe(raw)}`);
      }
    }
    if (d.failed) return;
    readEntities(
      page,
      'UserDetailList',
      'user',
      readUser,
      (u: User, p) => (c.users.push(u), c.paths.set(u, { input: page.input, path: p })),
      d,
    );
    readEntities(
      page,
      'GroupDetailList',
      'group',
      readGroup,
      (g: Group, p) => (c.groups.push(g), c.paths.set(g, { input: page.input, path: p })),
      d,
    );
    readEntities(
      page,
      'RoleDetailList',
      'role',
      readRole,
      (r: { role: Role; instanceProfiles: RoleInstanceProfile[] }, p) => {
        c.roles.push(r.role);
        c.paths.set(r.role, { input: page.input, path: p });
        r.instanceProfiles.forEach((ip: InstanceProfile, i) => {
          c.instanceProfiles.push(ip);
          c.paths.set(ip, { input: page.input, path: `${p}.InstanceProfileList[${i}]` });
        });
      },
      d,
    );
    readEntities(
      page,
      'Policies',
      'managed policy',
      readManagedPolicy,
      (m: ManagedPolicy, p) => (c.policies.push(m), c.paths.set(m, { input: page.input, path: p })),
      d,
    );
    // A page marked truncated must be followed by the next one ("IsTruncated", "Marker" in
    // GetAccountAuthorizationDetails' response elements).
    const truncated = Object.hasOwn(page.value, 'IsTruncated') ? page.value['IsTruncated'] : undefined;
    if (truncated === true && index === pages.length - 1) {
      d.warning(
        'snapshot.page.truncated',
        join(page.prefix, 'IsTruncated'),
        'the last page is marked truncated and no following page was given: the snapshot is incomplete',
      );
    }
    const extra = Object.keys(page.value).filter((k) => !PAGE_KEYS.has(k));
    if (extra.length > 0) {
      const r = new ObjectReader(page.value, page.prefix);
      for (const k of PAGE_KEYS) r.raw(k);
      c.extra.push(r.extra());
      for (const w of r.warnings) d.add(w);
    }
  });
}

function notDetails(value: unknown): string {
  return isJsonObject(value)
    ? 'neither authorization details (no `UserDetailList`, `GroupDetailList`, `RoleDetailList` or `Policies`) nor an ariadne bundle (no `format`)'
    : `expected a JSON object (authorization details or an ariadne bundle) or a list of pages, found ${describe(value)}`;
}

/** Turns the inputs into pages, or records why they cannot be used. */
function collectPages(inputs: readonly SnapshotInput[], d: Diagnostics): Page[] {
  const pages: Page[] = [];
  for (const input of inputs) {
    d.input = input.name;
    const v = input.value;
    if (Array.isArray(v)) {
      if (v.length === 0)
        d.error('snapshot.input.empty', '', 'an empty list: no pages of authorization details');
      v.forEach((item, i) => {
        if (isDetailsPage(item)) pages.push({ value: item, prefix: `[${i}]`, input: input.name });
        else if (isBundle(item)) {
          d.error('snapshot.bundle.not-alone', `[${i}]`, 'an ariadne bundle cannot be a page of a list');
        } else
          d.error(
            'snapshot.format.unknown',
            `[${i}]`,
            `a page must be authorization details: ${notDetails(item)}`,
          );
      });
    } else if (isDetailsPage(v)) {
      pages.push({ value: v, prefix: '', input: input.name });
    } else if (isBundle(v)) {
      d.error(
        'snapshot.bundle.not-alone',
        '',
        'an ariadne bundle must be imported alone, not with other files',
      );
    } else {
      d.error('snapshot.format.unknown', '', notDetails(v));
    }
  }
  return pages;
}

/**
 * Imports a snapshot from parsed JSON inputs: one authorization details object, a list of pages,
 * several files of pages (merged in order), or one Ariadne bundle. Never throws.
 */
export function parseSnapshot(inputs: readonly SnapshotInput[]): ImportResult {
  const d = new Diagnostics();
  if (inputs.length === 0) {
    d.error('snapshot.input.empty', '', 'no input given');
    return { kind: 'error', diagnostics: d.list };
  }
  const c = emptyCollected();
  const only = inputs.length === 1 ? inputs[0]! : undefined;
  if (only && isBundle(only.value)) {
    d.input = only.name;
    readBundle(only.value, only.name, c, d);
  } else {
    const pages = collectPages(inputs, d);
    if (!d.failed) readPages(pages, c, d);
  }
  if (d.failed) return { kind: 'error', diagnostics: d.list };
  const snapshot: Snapshot = buildSnapshot(
    c,
    inputs.map((i) => i.name),
    d,
  );
  return { kind: 'ok', snapshot, diagnostics: d.list };
}

/** Parses JSON text and imports it (one input); a syntax error names its line and column. */
export function parseSnapshotText(name: string, text: string): ImportResult {
  if (text.trim() === '') {
    return {
      kind: 'error',
      diagnostics: [
        { id: 'snapshot.input.empty', severity: 'error', path: '', message: 'empty file', input: name },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      kind: 'error',
      diagnostics: [
        {
          id: 'snapshot.json.invalid',
          severity: 'error',
          path: '',
          message: describeJsonParseError(text),
          input: name,
        },
      ],
    };
  }
  return parseSnapshot([{ name, value }]);
}

// ---- the bundle ----------------------------------------------------------------------------

function readBundle(value: Record<string, unknown>, name: string, c: Collected, d: Diagnostics): void {
  const r = new ObjectReader(value, '');
  const at = (k: string): string => k;
  const format = r.raw('format');
  if (format !== BUNDLE_FORMAT) {
    d.error(
      'snapshot.format.unsupported',
      at('format'),
      typeof format === 'string'
        ? `unsupported bundle format \`${format.slice(0, 80)}\`: expected \`${BUNDLE_FORMAT}\``
        : `expected \`${BUNDLE_FORMAT}\`, found ${describe(format)}`,
    );
    return;
  }
  const details = r.raw('authorizationDetails');
  const pages: Page[] = [];
  if (details === undefined) {
    d.error('snapshot.bundle.details.missing', at('authorizationDetails'), 'missing `authorizationDetails`');
  } else if (isJsonObject(details)) {
    pages.push({ value: details, prefix: 'authorizationDetails', input: name });
  } else if (Array.isArray(details)) {
    details.forEach((p, i) => {
      if (isJsonObject(p)) pages.push({ value: p, prefix: `authorizationDetails[${i}]`, input: name });
      else
        d.error(
          'snapshot.format.unknown',
          `authorizationDetails[${i}]`,
          `expected an authorization details object, found ${describe(p)}`,
        );
    });
  } else {
    d.error(
      'snapshot.bundle.details.invalid',
      at('authorizationDetails'),
      `expected an authorization details object, found ${describe(details)}`,
    );
  }
  if (d.failed) return;

  // Optional parts: a malformed part is left out with a warning; the identities still import.
  const part = <T>(key: string, read: (r: ObjectReader) => T): T | undefined => {
    const sub = new ObjectReader(value, '');
    const result = sub.object(key, read);
    for (const w of sub.warnings) d.add(w);
    r.raw(key);
    if (sub.problems.length > 0) {
      const p = sub.problems[0]!;
      d.warning(
        'snapshot.bundle.part.invalid',
        p.path.replace(/^\./, ''),
        `${p.message}; \`${key}\` is left out of the snapshot`,
      );
      return undefined;
    }
    return result;
  };
  const listPart = <T>(key: string, read: (r: ObjectReader) => T[]): T[] => {
    const sub = new ObjectReader(value, '');
    const result = read(sub);
    for (const w of sub.warnings) d.add(w);
    r.raw(key);
    if (sub.problems.length > 0) {
      const p = sub.problems[0]!;
      d.warning(
        'snapshot.bundle.part.invalid',
        p.path.replace(/^\./, ''),
        `${p.message}; \`${key}\` is left out of the snapshot`,
      );
      return [];
    }
    return result;
  };

  const account = part('account', (a) => {
    const id = a.string('id');
    const alias = a.string('alias');
    const partition = a.string('partition');
    return { id, alias, partition };
  });
  const collectedAt = stringField(value, 'collectedAt', d);
  const source = part('source', (s) => ({ kind: s.string('kind'), tool: s.string('tool') }));
  const resourcePolicies = listPart('resourcePolicies', (s) =>
    s.objects('resourcePolicies', (p): ResourcePolicy | undefined => {
      const resource = p.string('resource', true);
      const acct = p.string('account');
      const policy = p.policy('policy', true);
      const extra = p.extra();
      if (resource === undefined || policy === undefined) return undefined;
      return { resource, ...(acct === undefined ? {} : { account: acct }), policy, extra };
    }),
  );
  const organization = part('organization', readOrganization);
  const identityProviders = part('identityProviders', readProviders);
  const credentialReport = stringField(value, 'credentialReport', d);
  const passwordPolicy = part('passwordPolicy', (p) => p.extra());
  const accountSummary = part('accountSummary', (p) => p.extra());
  const accountAliases = listPart('accountAliases', (s) => s.strings('accountAliases'));
  const warnings = listPart('warnings', (s) => s.strings('warnings'));
  // Kept in `extra` like `s3Buckets`, but checked: a setting that is not a boolean could make a
  // public bucket look blocked, so a malformed part is left out (the rules then assume no block).
  const s3AccountBlock = part(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, readPublicAccessBlock);
  for (const k of BUNDLE_KEYS) r.raw(k);
  const extra = r.extra();
  for (const w of r.warnings) d.add(w);

  c.bundle = {
    ...(account?.id === undefined ? {} : { accountId: account.id }),
    ...(account?.alias === undefined ? {} : { alias: account.alias }),
    ...(account?.partition === undefined ? {} : { partition: account.partition }),
    ...(collectedAt === undefined ? {} : { collectedAt }),
    ...(source?.kind === undefined ? {} : { sourceKind: source.kind }),
    ...(source?.tool === undefined ? {} : { tool: source.tool }),
    resourcePolicies,
    ...(organization === undefined ? {} : { organization }),
    identityProviders: identityProviders ?? { saml: [], oidc: [] },
    ...(credentialReport === undefined ? {} : { credentialReport }),
    ...(passwordPolicy === undefined ? {} : { passwordPolicy }),
    ...(accountSummary === undefined ? {} : { accountSummary }),
    accountAliases,
    warnings,
  };
  c.extra.push(extra);
  if (s3AccountBlock !== undefined) c.extra.push({ [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]: s3AccountBlock });
  readPages(pages, c, d);
}

const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

/** An S3 public access block: the four settings must be booleans when present; other fields are kept. */
function readPublicAccessBlock(r: ObjectReader): S3PublicAccessBlock & Readonly<Record<string, unknown>> {
  const settings = PUBLIC_ACCESS_BLOCK_SETTINGS.flatMap((key): [string, boolean][] => {
    const value = r.boolean(key);
    return value === undefined ? [] : [[key, value]];
  });
  return Object.fromEntries([...Object.entries(r.extra()), ...settings]);
}

function stringField(value: Record<string, unknown>, key: string, d: Diagnostics): string | undefined {
  const v = Object.hasOwn(value, key) ? value[key] : undefined;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  d.warning(
    'snapshot.bundle.part.invalid',
    key,
    `expected a string, found ${describe(v)}; \`${key}\` is left out of the snapshot`,
  );
  return undefined;
}

/** Reads `organization`: the path of levels root → account, each with its SCPs and RCPs. */
function readOrganization(o: ObjectReader): Organization {
  const id = o.string('id');
  const managementAccountId = o.string('managementAccountId');
  const orgPolicies = (l: ObjectReader, key: string) =>
    l.objects(key, (p) => {
      const name = p.string('name') ?? '';
      const pid = p.string('id');
      const arn = p.string('arn');
      const policy = p.policy('document', true);
      if (policy === undefined) return undefined;
      return {
        name,
        ...(pid === undefined ? {} : { id: pid }),
        ...(arn === undefined ? {} : { arn }),
        policy,
      };
    });
  const path = o.objects('path', (l) => {
    const lid = l.string('id', true);
    const name = l.string('name');
    const scps = orgPolicies(l, 'scps');
    const rcps = orgPolicies(l, 'rcps');
    if (lid === undefined) return undefined;
    return { id: lid, ...(name === undefined ? {} : { name }), scps, rcps };
  });
  return {
    ...(id === undefined ? {} : { id }),
    ...(managementAccountId === undefined ? {} : { managementAccountId }),
    path,
  };
}

/** Reads `identityProviders`: SAML and OIDC providers. */
function readProviders(p: ObjectReader): IdentityProviders {
  const saml = p.objects('saml', (s) => {
    const arn = s.string('arn', true);
    const metadata = s.string('metadata');
    const extra = s.extra();
    return arn === undefined ? undefined : { arn, ...(metadata === undefined ? {} : { metadata }), extra };
  });
  const oidc = p.objects('oidc', (s) => {
    const arn = s.string('arn', true);
    const url = s.string('url');
    const clientIds = s.strings('clientIds');
    const thumbprints = s.strings('thumbprints');
    const extra = s.extra();
    return arn === undefined
      ? undefined
      : { arn, ...(url === undefined ? {} : { url }), clientIds, thumbprints, extra };
  });
  return { saml, oidc };
}
