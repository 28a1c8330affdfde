// Walks every test/core/cases/evaluate/*.json file (format: test/core/cases/README.md) and runs
// one test per case through the engine: decision, deciding statements, missing keys, denied-by,
// and the same decision from the decision-only path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPolicySet } from '../../../core/evaluate/policy-set';
import { compilePolicySet, decidePrepared, evaluateRequest } from '../../../core/evaluate/engine';
import { prepareRequest } from '../../../core/evaluate/request';
import type { PolicyKind } from '../../../core/model/evaluate';
import type { PolicyDocument } from '../../../core/model/policy';
import { validatePolicy } from '../../../core/policy/validate';

const casesDir = join(__dirname, '..', 'cases', 'evaluate');

// The `policies` and `request` shapes of SPEC.md "Simulation cases" (the same as the simulate
// command's schema; kept here so the runner loads only the engine).
const level = z.strictObject({ orgIdentifier: z.string(), policies: z.array(z.unknown()) });
const policiesSchema = z.strictObject({
  identity: z.array(z.unknown()).optional(),
  resource: z.unknown().optional(),
  scp: z.array(level).nullable().optional(),
  rcp: z.array(level).nullable().optional(),
  boundary: z.unknown().optional(),
  session: z.unknown().optional(),
  endpoint: z.array(z.unknown()).nullable().optional(),
});
const requestSchema = z.strictObject({
  principal: z.union([z.string().min(1), z.strictObject({ type: z.literal('Anonymous') })]),
  action: z.string().min(1),
  resource: z.string().min(1),
  resourceAccount: z.string().optional(),
  context: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
});

const expectSchema = z.strictObject({
  decision: z.enum(['allowed', 'explicitDeny', 'implicitDeny']),
  deciding: z.array(z.string()),
  missingKeys: z.array(z.string()).optional(),
  deniedBy: z.enum(['identity', 'resource', 'boundary', 'session', 'scp', 'rcp', 'endpoint', 'crossAccount']).optional(),
});

const caseSchema = z.strictObject({
  name: z.string().min(1),
  section: z.string().min(1).optional(),
  managementAccountId: z.string().optional(),
  policies: policiesSchema,
  request: requestSchema,
  expect: expectSchema,
});

const fileSchema = z.strictObject({
  section: z.string().min(1),
  url: z.string().url(),
  cases: z.array(caseSchema).min(1),
});

type CaseFile = z.infer<typeof fileSchema>;

const files = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): { ok: true; data: CaseFile } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(casesDir, file), 'utf8'));
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON: ${(e as Error).message}` };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
  }
  return { ok: true, data: parsed.data };
}

const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext)$/i;

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('the evaluation case files', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
});

for (const file of files) {
  const loaded = load(file);
  describe(file, () => {
    if (!loaded.ok) {
      it('is a valid case file', () => {
        throw new Error(loaded.error);
      });
      return;
    }
    const names = new Set<string>();
    for (const c of loaded.data.cases) {
      const unique = names.has(c.name) ? `${c.name} (#${names.size + 1})` : c.name;
      names.add(c.name);
      it(unique, () => {
        // Documents pass validation first, as in `ariadne simulate` (a role's trust policy as one).
        const trust = TRUST_ACTIONS.test(c.request.action) && /^arn:[^:]+:iam::\d{12}:role\//.test(c.request.resource);
        const validate = (doc: PolicyDocument, path: string, kind: PolicyKind) => validatePolicy(doc, path, kind === 'resource' && trust ? 'trust' : kind);
        const built = buildPolicySet(c.policies, validate);
        const errors = built.diagnostics.filter((d) => d.severity === 'error');
        expect(errors, 'policy documents have errors').toEqual([]);
        const set = c.managementAccountId === undefined ? built.set! : { ...built.set!, managementAccountId: c.managementAccountId };
        const compiled = compilePolicySet(set);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error'), 'policies compile without errors').toEqual([]);
        const result = evaluateRequest(compiled, c.request);
        const got = {
          decision: result.decision,
          deciding: sorted(result.explain.deciding),
          ...(c.expect.missingKeys === undefined ? {} : { missingKeys: sorted(result.explain.missingKeys) }),
          ...(c.expect.deniedBy === undefined ? {} : { deniedBy: result.explain.deniedBy }),
        };
        const want = {
          decision: c.expect.decision,
          deciding: sorted(c.expect.deciding),
          ...(c.expect.missingKeys === undefined ? {} : { missingKeys: sorted(c.expect.missingKeys) }),
          ...(c.expect.deniedBy === undefined ? {} : { deniedBy: c.expect.deniedBy }),
        };
        expect(got).toEqual(want);
        // The decision-only path (no statement results, conditions stop at the first failure) agrees.
        expect(decidePrepared(compiled, prepareRequest(c.request)), 'decidePrepared').toBe(result.decision);
      });
    }
  });
}
