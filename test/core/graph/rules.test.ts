// The escalation rule table: every method of the pathfinding.cloud catalogue is mapped to a rule
// (with the same required permissions) or listed as out of scope with a reason; ids are stable
// and unique; every permission a rule names is an action of the catalogue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getCatalog } from '../../../core/catalog/catalog';
import { ESCALATION_RULES, OUT_OF_SCOPE, RULES_BY_ID } from '../../../core/graph/rules';

const catalogue = z
  .strictObject({
    source: z.unknown(),
    note: z.string(),
    paths: z.array(z.strictObject({ id: z.string(), name: z.string(), requiredPermissions: z.array(z.string()) })),
  })
  .parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'graph', 'pathfinding-catalogue.json'), 'utf8')));

/** Permissions a pathfinding path lists that the rule deliberately does not require, and why. */
const NOT_REQUIRED: Record<string, readonly string[]> = {
  // Discovery only: the instance id can be known without it; requiring it would hide the path.
  'ec2instanceconnect-003': ['ec2:DescribeInstances'],
};

describe('escalation rules', () => {
  it('have unique, dotted, lowercase ids', () => {
    const ids = ESCALATION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*(\+[a-z0-9-]+(\.[a-z0-9-]+)*)?$/);
  });

  it('name only actions the catalogue knows', () => {
    const cat = getCatalog();
    const unknown = ESCALATION_RULES.flatMap((r) => r.permissions.filter((p) => p !== '*' && cat.actionId(p) === undefined).map((p) => `${r.id}: ${p}`));
    expect(unknown).toEqual([]);
  });

  it('map every pathfinding.cloud method of the catalogue, or say why not', () => {
    expect(catalogue.paths).toHaveLength(65);
    const mapped = new Set(ESCALATION_RULES.flatMap((r) => r.pathfindingIds));
    const missing = catalogue.paths.filter((p) => !mapped.has(p.id) && !OUT_OF_SCOPE.has(p.id)).map((p) => p.id);
    expect(missing).toEqual([]);
    for (const reason of OUT_OF_SCOPE.values()) expect(reason.length).toBeGreaterThan(20);
  });

  it('require exactly the permissions pathfinding.cloud lists for each mapped method', () => {
    const problems: string[] = [];
    for (const p of catalogue.paths) {
      const rule = ESCALATION_RULES.find((r) => r.pathfindingIds.includes(p.id));
      if (rule === undefined) continue;
      const skip = new Set(NOT_REQUIRED[p.id] ?? []);
      const want = new Set(p.requiredPermissions.filter((x) => !skip.has(x)));
      const have = new Set(rule.permissions);
      for (const x of want) if (!have.has(x)) problems.push(`${p.id} (${rule.id}) lacks ${x}`);
      for (const x of have) if (!want.has(x)) problems.push(`${p.id} (${rule.id}) adds ${x}`);
    }
    expect(problems).toEqual([]);
  });

  it('give pass-role and existing-compute rules the services their target roles must trust', () => {
    for (const r of ESCALATION_RULES.filter((x) => x.kind === 'pass-role' || x.kind === 'existing')) {
      expect(r.services?.length, r.id).toBeGreaterThan(0);
      expect(r.servicePermissions?.length, r.id).toBeGreaterThan(0);
      if (r.kind === 'pass-role') expect(r.permissions[0]).toBe('iam:PassRole');
      if (r.kind === 'existing') expect(r.prerequisites?.length, r.id).toBeGreaterThan(0);
    }
  });

  it('find rules by id', () => {
    expect(RULES_BY_ID.get('iam.create-policy-version')?.pathfindingIds).toEqual(['iam-001']);
    expect(RULES_BY_ID.get('sts.assume-role')?.pathfindingIds).toEqual(['sts-001']);
  });
});
