// Tests of the benchmark account generator (test/bench/generate.ts): deterministic for a seed,
// counts as requested, real AWS-managed documents, and an account that imports cleanly.
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../core/snapshot/index';
import { SIZES, generateAccount, generateText, loadAwsManagedPolicies, mulberry32, parseArgs, toApiEncoding } from '../bench/generate';

const small = (seed: number, extra: Partial<Parameters<typeof generateText>[0]> = {}) =>
  generateText({ size: 'small', seed, encoding: 'cli', bundle: false, ...extra });

describe('the seeded PRNG', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('the benchmark account generator', () => {
  it('writes identical output for the same seed', () => {
    expect(small(7)).toBe(small(7));
  });

  it('writes different output for a different seed', () => {
    expect(small(7)).not.toBe(small(8));
  });

  it('produces the requested counts for size small', () => {
    const a = generateAccount({ size: 'small', seed: 3 });
    const d = a.authorizationDetails;
    expect(d.UserDetailList).toHaveLength(SIZES.small.users);
    expect(d.GroupDetailList).toHaveLength(SIZES.small.groups);
    expect(d.RoleDetailList).toHaveLength(SIZES.small.roles);
    const customer = d.Policies.filter((p) => !String(p.Arn).startsWith('arn:aws:iam::aws:'));
    expect(customer).toHaveLength(SIZES.small.customerPolicies);
    const aws = d.Policies.filter((p) => String(p.Arn).startsWith('arn:aws:iam::aws:'));
    expect(aws.length).toBeGreaterThan(5);
    expect(aws.length).toBeLessThanOrEqual(SIZES.small.awsManagedPolicies);
  });

  it('uses the real documents of AWS-managed policies', () => {
    const managed = loadAwsManagedPolicies();
    const d = generateAccount({ size: 'small', seed: 3 }).authorizationDetails;
    for (const p of d.Policies.filter((x) => String(x.Arn).startsWith('arn:aws:iam::aws:'))) {
      const m = managed.get(String(p.PolicyName));
      expect(m?.arn).toBe(p.Arn);
      expect((p.PolicyVersionList as { Document: unknown }[])[0]!.Document).toEqual(m?.document);
    }
  });

  it('keeps users in at most 10 groups that exist, and every attachment resolvable', () => {
    const d = generateAccount({ size: 'medium', seed: 2 }).authorizationDetails;
    const groups = new Set(d.GroupDetailList.map((g) => g.GroupName));
    const policies = new Set(d.Policies.map((p) => p.Arn));
    for (const u of d.UserDetailList) {
      const list = u.GroupList as string[];
      expect(list.length).toBeLessThanOrEqual(10);
      for (const g of list) expect(groups.has(g)).toBe(true);
    }
    for (const e of [...d.UserDetailList, ...d.GroupDetailList, ...d.RoleDetailList]) {
      for (const a of e.AttachedManagedPolicies as { PolicyArn: string }[]) expect(policies.has(a.PolicyArn)).toBe(true);
    }
    expect(d.UserDetailList).toHaveLength(SIZES.medium.users);
    expect(d.RoleDetailList).toHaveLength(SIZES.medium.roles);
  });

  it('seeds escalation paths and gives AdministratorAccess to named admins', () => {
    const a = generateAccount({ size: 'small', seed: 1 });
    expect(a.seededPaths.length).toBeGreaterThanOrEqual(3);
    expect(a.admins.length).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(a.authorizationDetails);
    expect(text).toContain('iam:CreatePolicyVersion');
    expect(text).toContain('lambda:CreateFunction');
  });

  it('produces a small account that imports with no diagnostics, in both encodings and as a bundle', () => {
    for (const [encoding, bundle] of [['cli', false], ['api', false], ['cli', true]] as const) {
      const text = small(1, { encoding, bundle });
      const result = parseSnapshot([{ name: `small-${encoding}${bundle ? '-bundle' : ''}.json`, value: JSON.parse(text) as unknown }]);
      expect(result.diagnostics, `${encoding} ${bundle}`).toEqual([]);
      expect(result.kind).toBe('ok');
      if (result.kind === 'ok') {
        expect(result.snapshot.users).toHaveLength(SIZES.small.users);
        expect(result.snapshot.roles).toHaveLength(SIZES.small.roles);
      }
    }
  });

  it('URL-encodes every document in the api encoding', () => {
    const d = toApiEncoding(generateAccount({ size: 'small', seed: 1 }).authorizationDetails);
    for (const r of d.RoleDetailList) expect(typeof r.AssumeRolePolicyDocument).toBe('string');
    for (const p of d.Policies) for (const v of p.PolicyVersionList as { Document: unknown }[]) expect(String(v.Document)).toMatch(/^%7B/);
  });

  it('makes a variant that is the same account with some changes, deterministically', () => {
    const base = generateAccount({ size: 'small', seed: 5 }).authorizationDetails;
    const v1 = generateAccount({ size: 'small', seed: 5, variant: 10 }).authorizationDetails;
    const v2 = generateAccount({ size: 'small', seed: 5, variant: 10 }).authorizationDetails;
    expect(JSON.stringify(v1)).toBe(JSON.stringify(v2));
    expect(JSON.stringify(v1)).not.toBe(JSON.stringify(base));
    // Roles and groups are untouched; most users are the same ones.
    expect(JSON.stringify(v1.RoleDetailList)).toBe(JSON.stringify(base.RoleDetailList));
    const baseUsers = new Set(base.UserDetailList.map((u) => u.UserName));
    const kept = v1.UserDetailList.filter((u) => baseUsers.has(u.UserName)).length;
    expect(kept).toBeGreaterThan(base.UserDetailList.length - 5);
    const added = v1.UserDetailList.filter((u) => !baseUsers.has(u.UserName)).length;
    expect(added).toBeGreaterThan(0);
  });

  it('rejects a bad argument with a one-line message', () => {
    expect(parseArgs(['--size', 'huge'])).toEqual({ kind: 'error', message: '--size: expected small, medium or large, got `huge`' });
    expect(parseArgs(['--seed', '-1']).kind).toBe('error');
    expect(parseArgs(['--what']).kind).toBe('error');
    expect(parseArgs(['--size', 'small', '--seed', '4', '--encoding', 'api', '--bundle', '--variant', '3'])).toEqual({
      kind: 'ok',
      options: { size: 'small', seed: 4, encoding: 'api', bundle: true, variant: 3 },
    });
  });
});
