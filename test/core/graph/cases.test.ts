// Walks every test/core/cases/graph/*.json file and runs one test per case: the case's snapshot
// (an Ariadne bundle) goes through the escalation graph and path search, and the expected edges,
// missing edges, paths, missing paths and admins are checked. Files are validated strictly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSnapshot } from '../../../core/snapshot/parse';
import { buildEscalationGraph } from '../../../core/graph/build';
import { findEscalationPaths } from '../../../core/graph/paths';
import { RULES_BY_ID } from '../../../core/graph/rules';

const casesDir = join(__dirname, '..', 'cases', 'graph');

const edgeSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  method: z.string().min(1),
  conditional: z.boolean().optional(),
});
const noEdgeSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  conditional: z.boolean().optional(),
});
const pathSchema = z.strictObject({
  principal: z.string().min(1),
  conditional: z.boolean().optional(),
  /** The methods of the steps, in order. */
  methods: z.array(z.string().min(1)).optional(),
});
const caseSchema = z.strictObject({
  name: z.string().min(1),
  snapshot: z.record(z.string(), z.unknown()),
  expect: z.strictObject({
    edges: z.array(edgeSchema).optional(),
    noEdges: z.array(noEdgeSchema).optional(),
    paths: z.array(pathSchema).optional(),
    noPaths: z.array(z.string().min(1)).optional(),
    admins: z.array(z.string()).optional(),
  }),
});
const fileSchema = z.strictObject({ section: z.string().min(1), cases: z.array(caseSchema).min(1) });

const files = readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('graph case files', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
});

for (const file of files) {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(casesDir, file), 'utf8')));
  describe(file, () => {
    if (!parsed.success) {
      it('is a valid case file', () => {
        expect.fail(z.prettifyError(parsed.error));
      });
      return;
    }
    for (const c of parsed.data.cases) {
      it(c.name, () => {
        const imported = parseSnapshot([{ name: file, value: c.snapshot }]);
        if (imported.kind !== 'ok') expect.fail(JSON.stringify(imported.diagnostics));
        const graph = buildEscalationGraph(imported.snapshot);
        const report = findEscalationPaths(graph);
        const e = c.expect;
        for (const want of e.edges ?? []) {
          expect(RULES_BY_ID.has(want.method), `unknown method ${want.method}`).toBe(true);
          const found = graph.edges.filter((x) => x.from === want.from && x.to === want.to && x.method === want.method);
          expect(found, `edge ${want.from} → ${want.to} by ${want.method}`).not.toHaveLength(0);
          if (want.conditional !== undefined) expect(found.map((x) => x.conditional)).toContain(want.conditional);
        }
        for (const not of e.noEdges ?? []) {
          const found = graph.edges.filter(
            (x) =>
              x.from === not.from &&
              (not.to === undefined || x.to === not.to) &&
              (not.method === undefined || x.method === not.method) &&
              (not.conditional === undefined || x.conditional === not.conditional),
          );
          expect(found, `unexpected edge from ${not.from}`).toEqual([]);
        }
        for (const want of e.paths ?? []) {
          const p = report.paths.find((x) => x.principal === want.principal);
          expect(p, `path of ${want.principal}`).toBeDefined();
          if (want.conditional !== undefined) expect(p!.conditional).toBe(want.conditional);
          if (want.methods !== undefined) expect(p!.steps.map((s) => s.method)).toEqual(want.methods);
        }
        for (const principal of e.noPaths ?? []) {
          expect(report.paths.find((x) => x.principal === principal)).toBeUndefined();
        }
        if (e.admins !== undefined) expect(report.admins).toEqual([...e.admins].sort());
      });
    }
  });
}
