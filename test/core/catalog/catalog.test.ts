// The action catalogue: lookups, access levels, wildcard expansion, and drift from the package.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { getCatalog } from '../../../core/catalog/catalog';
import { buildCatalogData, CATALOG_PATH, iamDataDirectory, serializeCatalog } from '../../../scripts/generate-catalog';

const catalog = getCatalog();

describe('getCatalog', () => {
  it('holds every service and some twenty thousand actions', () => {
    expect(catalog.actionCount).toBeGreaterThan(15_000);
    expect(catalog.services().length).toBeGreaterThan(400);
    const sum = catalog.services().reduce((n, s) => n + s.actionCount, 0);
    expect(sum).toBe(catalog.actionCount);
  });

  it('is built once', () => {
    expect(getCatalog()).toBe(catalog);
  });

  it('knows the access levels of well-known actions', () => {
    const level = (name: string) => catalog.accessLevel(catalog.actionId(name) as number);
    expect(level('iam:CreatePolicyVersion')).toBe('Permissions management');
    expect(level('iam:PutRolePolicy')).toBe('Permissions management');
    expect(level('s3:GetObject')).toBe('Read');
    expect(level('s3:ListAllMyBuckets')).toBe('List');
    expect(level('s3:PutObject')).toBe('Write');
    expect(level('ec2:CreateTags')).toBe('Tagging');
  });

  it('looks actions up case-insensitively and spells them as AWS does', () => {
    const id = catalog.actionId('IAM:passrole');
    expect(id).toBeDefined();
    expect(catalog.actionName(id as number)).toBe('iam:PassRole');
    expect(catalog.serviceOf(id as number)).toBe('iam');
  });

  it('returns undefined for an unknown action', () => {
    expect(catalog.actionId('iam:NoSuchAction')).toBeUndefined();
    expect(catalog.actionId('nosuchservice:Get')).toBeUndefined();
    expect(catalog.actionId('')).toBeUndefined();
  });

  it('numbers actions in service prefix then action name order', () => {
    let previous = '';
    for (let id = 0; id < catalog.actionCount; id++) {
      const name = catalog.actionName(id);
      const [service = '', action = ''] = name.split(':');
      const key = `${service}\u0000${action.toLowerCase()}`;
      expect(key >= previous).toBe(true);
      previous = key;
    }
  });

  it('gives resource types with their ARN formats and whether they are required', () => {
    const types = catalog.resourceTypes(catalog.actionId('iam:PassRole') as number);
    expect(types).toEqual([{ name: 'role', arn: 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', required: true }]);
    expect(catalog.conditionKeys(catalog.actionId('iam:PassRole') as number)).toContain('iam:PassedToService');
  });

  it('throws on an id out of range', () => {
    expect(() => catalog.actionName(-1)).toThrow(/out of range/);
    expect(() => catalog.accessLevel(catalog.actionCount)).toThrow(/out of range/);
  });

  it('finds services by prefix, case-insensitively, and knows which RCPs support', () => {
    expect(catalog.service('S3')?.name).toMatch(/S3/);
    expect(catalog.service('s3')?.rcpSupported).toBe(true);
    expect(catalog.service('iam')?.rcpSupported).toBe(false);
    expect(catalog.service('nope')).toBeUndefined();
  });
});

describe('expandActionPattern', () => {
  it('expands iam:Put* to the IAM actions starting with Put', () => {
    const names = catalog.expandActionPattern('iam:Put*').map((id) => catalog.actionName(id));
    expect(names).toContain('iam:PutRolePolicy');
    expect(names).toContain('iam:PutUserPermissionsBoundary');
    expect(names.every((n) => n.startsWith('iam:Put'))).toBe(true);
  });

  it('expands * to every action', () => {
    expect(catalog.expandActionPattern('*').length).toBe(catalog.actionCount);
  });

  it('is case-insensitive and caches by pattern', () => {
    const a = catalog.expandActionPattern('IAM:put*');
    expect(a).toEqual(catalog.expandActionPattern('iam:Put*'));
    expect(catalog.expandActionPattern('IAM:put*')).toBe(a);
  });

  it('supports ? and wildcards in the service prefix', () => {
    const names = catalog.expandActionPattern('s3:?etObject').map((id) => catalog.actionName(id));
    expect(names).toEqual(['s3:GetObject']);
    const all = catalog.expandActionPattern('*:GetObject').map((id) => catalog.actionName(id));
    expect(all).toContain('s3:GetObject');
  });

  it('returns sorted ids, and nothing for unknown actions or services', () => {
    const ids = catalog.expandActionPattern('ec2:Describe*');
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(catalog.expandActionPattern('iam:NoSuch*')).toEqual([]);
    expect(catalog.expandActionPattern('nosuch:*')).toEqual([]);
    expect(catalog.expandActionPattern('iam:GetUser').length).toBe(1);
  });

  it('gives the same ids as a bitset', () => {
    expect(catalog.expandActionSet('iam:Put*').toArray()).toEqual([...catalog.expandActionPattern('iam:Put*')]);
  });
});

describe('generated catalogue', () => {
  it('matches what the generator produces from the installed iam-data package', () => {
    const expected = serializeCatalog(buildCatalogData(iamDataDirectory()));
    const actual = readFileSync(CATALOG_PATH, 'utf8');
    // Compare cheaply first so a drift gives a readable message rather than a megabyte diff.
    const head = (text: string) => JSON.parse(text.slice(0, text.indexOf(',"services":')) + '}') as { version: string };
    expect(head(actual).version).toBe(head(expected).version);
    expect(actual.length).toBe(expected.length);
    expect(actual === expected).toBe(true);
  });
});
