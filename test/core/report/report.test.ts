import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, RULES } from '../../../core/analyze/index';
import {
  buildJsonReport,
  buildSarifReport,
  csvCell,
  parseCsvForTest,
  writeFindingsCsv,
  writeMarkdownReport,
  writePrincipalsCsv,
  writeSarifReport,
  type ReportInput,
  type Triage,
} from './helpers';
import { doc, report, reportRow, role, snapshotOf, user } from '../analyze/helpers';
import { repoRoot } from '../snapshot/helpers';

const snapshot = snapshotOf({
  users: [
    user('=cmd', {
      UserPolicyList: [
        {
          PolicyName: '=1+1',
          PolicyDocument: doc({ Sid: '@sid', Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*' }),
        },
      ],
    }),
  ],
  roles: [role('open', doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }))],
  credentialReport: report(reportRow('=cmd', { password_enabled: 'true' })),
});
const escalation = {
  admins: ['arn:aws:iam::111111111111:role/open'],
  fullAdmins: ['arn:aws:iam::111111111111:role/open'],
  paths: [
    {
      principal: 'arn:aws:iam::111111111111:user/=cmd',
      conditional: true,
      steps: [
        {
          from: 'arn:aws:iam::111111111111:user/=cmd',
          to: 'arn:aws:iam::111111111111:role/open',
          method: 'sts.assume-role',
          pathfindingId: null,
          permissions: ['sts:AssumeRole'],
          conditional: true,
          prerequisites: ['MFA'],
        },
      ],
    },
  ],
};
const analysis = analyzeSnapshot(snapshot, { escalation });
const trustFinding = analysis.findings.find((f) => f.rule === 'trust.principal.wildcard');
const triage = new Map<string, Triage>(
  trustFinding
    ? [[trustFinding.id, { state: 'accepted-risk', justification: 'break-glass role, reviewed 2026-11' }]]
    : [],
);
/** The parts of the JSON report the tests read. */
interface JsonReport {
  tool: unknown;
  snapshot: unknown;
  summary: Record<string, number>;
  findings: { id: string; triage: { state: string; justification?: string } }[];
}
/** The parts of a SARIF log the tests read. */
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
      partialFingerprints: Record<string, string>;
      suppressions?: unknown[];
    }[];
    properties: { snapshotSha256: string };
  }[];
}

const input: ReportInput = {
  meta: {
    tool: { name: 'ariadne', version: '0.1.0' },
    snapshot: { account: '111111111111', sha256: 'ab'.repeat(32), collectedAt: '2026-11-29T00:00:00Z' },
    rulesetVersion: '1.0.0',
  },
  analysis,
  triage,
  escalation,
};

describe('the JSON report', () => {
  it('has the SPEC.md shape: tool, snapshot, summary and findings', () => {
    const r = buildJsonReport(input) as unknown as JsonReport;
    expect(r.tool).toEqual({ name: 'ariadne', version: '0.1.0' });
    expect(r.snapshot).toEqual({
      account: '111111111111',
      sha256: 'ab'.repeat(32),
      collectedAt: '2026-11-29T00:00:00Z',
    });
    expect(Object.keys(r.summary)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(r.findings).toHaveLength(analysis.findings.length);
    for (const f of r.findings) {
      for (const k of ['id', 'rule', 'severity', 'title', 'evidence', 'remediation'])
        expect(f).toHaveProperty(k);
    }
  });

  it('carries the triage of each finding, open by default', () => {
    const r = buildJsonReport(input) as unknown as JsonReport;
    const states = new Map(r.findings.map((f) => [f.id, f.triage]));
    expect(states.get(trustFinding?.id ?? '')).toEqual({
      state: 'accepted-risk',
      justification: 'break-glass role, reviewed 2026-11',
    });
    expect(r.findings.filter((f) => f.triage.state === 'open')).toHaveLength(analysis.findings.length - 1);
  });
});

describe('the SARIF report', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    // The OASIS schema is draft-04; Ajv 8 reads it once `id` is spelt `$id` (no draft-04 keyword
    // it uses changed meaning in later drafts: it has no exclusiveMinimum/exclusiveMaximum).
    const schema = JSON.parse(readFileSync(resolve(repoRoot, '../shared/sarif-schema-2.1.0.json'), 'utf8'));
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(writeSarifReport(input));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a log that breaks the schema, so the validation above means something', () => {
    const schema = JSON.parse(readFileSync(resolve(repoRoot, '../shared/sarif-schema-2.1.0.json'), 'utf8'));
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const log = buildSarifReport(input) as unknown as SarifLog;
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(ajv.compile(schema)(log)).toBe(false);
  });

  it('lists every rule in tool.driver.rules and gives each result its rule, level, locations and fingerprint', () => {
    const log = buildSarifReport(input) as unknown as SarifLog;
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const wildcard = run.results.find((r) => r.ruleId === 'trust.principal.wildcard')!;
    expect(wildcard.level).toBe('error');
    expect(run.tool.driver.rules[wildcard.ruleIndex]?.id).toBe('trust.principal.wildcard');
    expect(wildcard.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(
      'arn:aws:iam::111111111111:role/open',
    );
    expect(wildcard.partialFingerprints['ariadneFindingId/v1']).toBe(trustFinding?.id);
    expect(wildcard.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'break-glass role, reviewed 2026-11' },
    ]);
    expect(run.properties.snapshotSha256).toBe('ab'.repeat(32));
  });
});

describe('the CSV reports', () => {
  it('quotes cells with commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses cells that a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes one row per finding with the evidence block on every row', () => {
    const rows = parseCsvForTest(writeFindingsCsv(input));
    const [header, ...body] = rows;
    expect(header).toContain('snapshot_sha256');
    expect(body).toHaveLength(analysis.findings.length);
    const sha = header!.indexOf('snapshot_sha256');
    for (const r of body) expect(r[sha]).toBe('ab'.repeat(32));
    // The inline policy `=1+1` (a valid IAM name) opens the statements cell: it must be defused.
    const statements = header!.indexOf('statements');
    const passRole = body.find((r) => r[header!.indexOf('rule')] === 'hygiene.passrole.wildcard');
    expect(passRole?.[statements]?.startsWith("'=1+1 (arn:aws:iam::111111111111:user/=cmd)")).toBe(true);
    expect(body.every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
  });

  it('writes one row per principal with its admin status and path', () => {
    const rows = parseCsvForTest(writePrincipalsCsv(input, snapshot));
    const [header, ...body] = rows;
    const col = (name: string) => header!.indexOf(name);
    const byArn = new Map(body.map((r) => [r[0], r]));
    expect(byArn.get('arn:aws:iam::111111111111:role/open')?.[col('admin')]).toBe('full');
    const u = byArn.get('arn:aws:iam::111111111111:user/=cmd');
    expect(u?.[col('admin')]).toBe('reachable');
    expect(u?.[col('methods')]).toBe('sts.assume-role');
    expect(u?.[col('conditional')]).toBe('true');
  });
});

describe('the Markdown report', () => {
  it('starts with the evidence block and lists every finding with its id and triage', () => {
    const md = writeMarkdownReport(input);
    expect(md).toMatch(/\| snapshot SHA-256 \| `(ab){32}` \|/);
    expect(md).toMatch(/\| collected at \| `2026-11-29T00:00:00Z` \|/);
    expect(md).toMatch(/\| rule set \| 1\.0\.0/);
    for (const f of analysis.findings) expect(md).toContain(f.id);
    expect(md).toContain('triage: **accepted-risk**: break-glass role, reviewed 2026-11');
  });

  it('keeps table cells intact when names hold pipes', () => {
    const piped = { ...input, meta: { ...input.meta, tool: { name: 'a|b', version: '1' } } };
    expect(writeMarkdownReport(piped)).toContain('| tool | a\\|b 1 |');
  });
});
