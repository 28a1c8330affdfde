// Walks every test/core/cases/access/*.json file (format: test/core/cases/access/README.md) and
// runs one test per case through core/access: `can` decisions and who-can listings over the
// file's snapshot, with the query's context, session policy and endpoint policies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { can, compileAccess, whoCan, type CompiledAccess } from '../../../core/access/index';
import type { PolicyDocument } from '../../../core/model/policy';
import { normalizePolicyDocument } from '../../../core/policy/normalize';
import { parseSnapshot } from '../../../core/snapshot/index';

const casesDir = join(__dirname, '..', 'cases', 'access');

const context = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const policies = {
  session: z.unknown().optional(),
  endpoint: z.array(z.unknown()).optional(),
};
const canSchema = z.strictObject({
  principal: z.string().min(1),
  action: z.string().min(1),
  resource: z.string().min(1),
  context: context.optional(),
  ...policies,
});
const whoCanSchema = z.strictObject({
  action: z.string().min(1),
  resource: z.string().min(1),
  context: context.optional(),
  strict: z.boolean().optional(),
  ...policies,
});
const canExpect = z.strictObject({
  decision: z.enum(['allowed', 'explicitDeny', 'implicitDeny']),
  deniedBy: z
    .enum(['identity', 'resource', 'boundary', 'session', 'scp', 'rcp', 'endpoint', 'crossAccount'])
    .optional(),
});
const whoCanExpect = z.strictObject({
  /** Every principal listed (ARN → decision), nothing more. */
  principals: z.record(z.string(), z.enum(['allowed', 'conditional'])),
  /** For conditional principals: the context keys their conditions name (compared as sets). */
  conditionKeys: z.record(z.string(), z.array(z.string())).optional(),
});
const common = {
  name: z.string().min(1),
  section: z.string().min(1).optional(),
  url: z.string().url().optional(),
};
const caseSchema = z.union([
  z.strictObject({ ...common, can: canSchema, expect: canExpect }),
  z.strictObject({ ...common, whoCan: whoCanSchema, expect: whoCanExpect }),
]);
const fileSchema = z.strictObject({
  section: z.string().min(1),
  url: z.string().url(),
  snapshot: z.unknown(),
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
    return {
      ok: false,
      error: `${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
    };
  }
  return { ok: true, data: parsed.data };
}

/** A policy document of a case, normalised as the CLI reads a policy file. */
function document(value: unknown, path: string): PolicyDocument {
  const r = normalizePolicyDocument(value, path);
  if (!r.document) throw new Error(`${path}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.document;
}

function extra(q: { session?: unknown; endpoint?: unknown[] | undefined }): {
  session?: PolicyDocument;
  endpoint?: PolicyDocument[];
} {
  return {
    ...(q.session === undefined ? {} : { session: document(q.session, 'session') }),
    ...(q.endpoint === undefined
      ? {}
      : { endpoint: q.endpoint.map((e, i) => document(e, `endpoint[${i}]`)) }),
  };
}

describe('the access case files', () => {
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
    const data = loaded.data;
    let compiled: CompiledAccess | undefined;
    const snapshot = (): CompiledAccess => {
      if (compiled) return compiled;
      const r = parseSnapshot([{ name: file, value: data.snapshot }]);
      if (r.kind !== 'ok')
        throw new Error(`${file}: snapshot: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      compiled = compileAccess(r.snapshot);
      return compiled;
    };
    for (const c of data.cases) {
      it(c.name, () => {
        const compiledAccess = snapshot();
        if ('can' in c) {
          const q = c.can;
          const r = can(compiledAccess, {
            principal: q.principal,
            action: q.action,
            resource: q.resource,
            ...(q.context ? { context: q.context } : {}),
            ...extra(q),
          });
          expect({
            decision: r.decision,
            ...(c.expect.deniedBy === undefined ? {} : { deniedBy: r.explain.deniedBy }),
          }).toEqual(c.expect);
          return;
        }
        const q = c.whoCan;
        const r = whoCan(compiledAccess, {
          action: q.action,
          resource: q.resource,
          ...(q.context ? { context: q.context } : {}),
          ...(q.strict === undefined ? {} : { strict: q.strict }),
          ...extra(q),
        });
        expect(Object.fromEntries(r.principals.map((p) => [p.arn, p.decision]))).toEqual(c.expect.principals);
        for (const [arn, keys] of Object.entries(c.expect.conditionKeys ?? {})) {
          const entry = r.principals.find((p) => p.arn === arn);
          expect([...new Set(entry?.conditions.map((k) => k.key))].sort(), arn).toEqual([...keys].sort());
        }
      });
    }
  });
}
