import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, compareFindings, stableHash, summarizeFindings } from '../../../core/analyze/index';
import { parseCredentialReport, parseCsv } from '../../../core/analyze/credential-report';
import { renderRulesDoc } from '../../../core/analyze/rules-doc';
import { RULES } from '../../../core/analyze/registry';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../snapshot/helpers';
import { ACCOUNT, doc, report, reportRow, role, snapshotOf, user } from './helpers';

const busy = () =>
  snapshotOf({
    users: [
      user('z', {
        UserPolicyList: [
          {
            PolicyName: 'p',
            PolicyDocument: doc({
              Effect: 'Allow',
              Action: ['iam:PassRole', 'kms:*', 'ecs:*'],
              Resource: '*',
            }),
          },
        ],
      }),
      user('a', {
        UserPolicyList: [
          { PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
        ],
      }),
    ],
    roles: [role('open', doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }))],
    credentialReport: report(
      reportRow('a', { password_enabled: 'true', access_key_1_active: 'true', access_key_2_active: 'true' }),
    ),
  });

describe('analyzeSnapshot', () => {
  it('orders findings by severity, then rule, then subject', () => {
    const { findings } = analyzeSnapshot(busy(), { escalation: false });
    expect(findings.length).toBeGreaterThan(4);
    const sorted = [...findings].sort(compareFindings);
    expect(findings.map((f) => f.id)).toEqual(sorted.map((f) => f.id));
    expect(findings[0]?.severity).toBe('critical');
    expect(findings.at(-1)?.severity).not.toBe('critical');
  });

  it('gives the same ids in the same order on every run', () => {
    const a = analyzeSnapshot(busy(), { escalation: false });
    const b = analyzeSnapshot(busy(), { escalation: false });
    expect(b.findings).toEqual(a.findings);
    expect(new Set(a.findings.map((f) => f.id)).size).toBe(a.findings.length);
  });

  it('names each finding id after its rule and a 16-digit hash', () => {
    for (const f of analyzeSnapshot(busy(), { escalation: false }).findings)
      expect(f.id).toMatch(new RegExp(`^${f.rule.replace(/\./g, '\\.')}/[0-9a-f]{16}$`));
  });

  it('counts findings per severity in the summary', () => {
    const r = analyzeSnapshot(busy(), { escalation: false });
    expect(r.summary).toEqual(summarizeFindings(r.findings));
    expect(Object.values(r.summary).reduce((x, y) => x + y, 0)).toBe(r.findings.length);
  });

  it('measures ages from collectedAt and stays silent about them without it', () => {
    const row = reportRow('old', {
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2020-01-01T00:00:00+00:00',
      access_key_1_last_used_date: '2020-01-02T00:00:00+00:00',
    });
    const withDate = analyzeSnapshot(snapshotOf({ credentialReport: report(row) }), { escalation: false });
    expect(withDate.findings.some((f) => f.rule === 'credentials.access-key.not-rotated')).toBe(true);
    const without = analyzeSnapshot(snapshotOf({ credentialReport: report(row), collectedAt: undefined }), {
      escalation: false,
    });
    expect(without.findings.some((f) => f.rule === 'credentials.access-key.not-rotated')).toBe(false);
    expect(without.notes.join(' ')).toMatch(/collectedAt/);
  });

  it('says in a note when the escalation rules were skipped', () => {
    const r = analyzeSnapshot(snapshotOf({}), { escalation: false });
    expect(r.rulesRun).not.toContain('escalation.path.admin');
    expect(r.notes.join(' ')).toMatch(/escalation/);
  });

  it('reports the import warnings it is given as snapshot gaps', () => {
    const r = analyzeSnapshot(snapshotOf({}), {
      escalation: false,
      importWarnings: [
        {
          id: 'snapshot.page.truncated',
          severity: 'warning',
          path: 'IsTruncated',
          message: 'the last page is marked truncated',
        },
        { id: 'x.error', severity: 'error', path: '', message: 'not a warning' },
      ],
    });
    const gaps = r.findings.filter((f) => f.rule === 'snapshot.collection.incomplete');
    expect(gaps.map((f) => f.title)).toEqual([
      'import warning: IsTruncated: the last page is marked truncated',
    ]);
  });

  it('survives hostile condition and principal keys such as `__proto__`', () => {
    const hostile = JSON.parse(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"__proto__":["x"],"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"__proto__":{"aws:PrincipalOrgID":"o-1"}}}]}',
    );
    const r = analyzeSnapshot(snapshotOf({ roles: [role('r', hostile)] }), { escalation: false });
    expect(r.findings.some((f) => f.rule === 'trust.principal.wildcard')).toBe(true);
    expect(r.notes.filter((n) => n.includes('failed'))).toEqual([]);
  });
});

describe('the credential report parser', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
  });

  it('keys cells by column name', () => {
    const r = parseCredentialReport(report(reportRow('bob', { mfa_active: 'true' })));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const bob = r.rows.find((x) => x.user === 'bob');
    expect(bob?.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/bob`);
    expect(bob?.cells.get('mfa_active')).toBe('true');
  });

  it('rejects a CSV without user and arn columns', () => {
    expect(parseCredentialReport('a,b\n1,2\n').kind).toBe('error');
  });
});

describe('stableHash', () => {
  it('is the 64-bit FNV-1a hash', () => {
    expect(stableHash('')).toBe('cbf29ce484222325');
    expect(stableHash('a')).toBe('af63dc4c8601ec8c');
  });
});

describe('docs/rules.md', () => {
  it('is up to date with the rule registry (run `npx tsx scripts/generate-rules-doc.ts`)', () => {
    expect(readFileSync(resolve(repoRoot, 'docs/rules.md'), 'utf8')).toBe(renderRulesDoc());
  });

  it('lists every rule id once, each with a description and a remediation', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(renderRulesDoc()).toContain(`### \`${r.id}\``);
    }
  });
});
