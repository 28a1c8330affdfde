import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '../../../core/analyze/index';
import { writeHtmlReport, htmlEscape, HTML_LIMITS, type ReportInput, type Triage } from './helpers';
import { doc, role, snapshotOf, user } from '../analyze/helpers';
import type { Finding } from '../../../core/model/finding';

const A = 'arn:aws:iam::111111111111';
const evil = '<script>alert(1)</script>';
const snapshot = snapshotOf({
  users: [
    user(evil, {
      UserPolicyList: [
        {
          PolicyName: 'p</style><img src=x onerror=alert(2)>',
          PolicyDocument: doc({
            Sid: 'S</style>',
            Effect: 'Allow',
            Action: ['iam:PassRole'],
            Resource: '*</style><script>alert(3)</script>',
          }),
        },
      ],
    }),
  ],
  roles: [role('open', doc({ Sid: 'S</style>', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }))],
});
const escalation = {
  admins: [`${A}:role/admin`],
  fullAdmins: [`${A}:role/admin`],
  paths: [
    {
      principal: `${A}:user/${evil}`,
      conditional: true,
      steps: [
        {
          from: `${A}:user/${evil}`,
          to: `${A}:role/open`,
          method: 'sts.assume-role',
          pathfindingId: null,
          permissions: ['sts:AssumeRole'],
          conditional: false,
          prerequisites: [],
        },
        {
          from: `${A}:role/open`,
          to: `${A}:role/ops`,
          method: 'iam.pass-role',
          pathfindingId: null,
          permissions: ['iam:PassRole'],
          conditional: true,
          prerequisites: ['an existing Lambda <function>'],
        },
        {
          from: `${A}:role/ops`,
          to: `${A}:role/admin`,
          method: 'lambda.update-function-code',
          pathfindingId: null,
          permissions: ['lambda:UpdateFunctionCode'],
          conditional: false,
          prerequisites: [],
        },
      ],
    },
  ],
};
const analysis = analyzeSnapshot(snapshot, { escalation });
const pathFinding = analysis.findings.find((f) => f.evidence.steps.length === 3);
const triage = new Map<string, Triage>(
  analysis.findings.slice(0, 1).map((f) => [f.id, { state: 'accepted-risk', justification: 'ok </td><b>x' }]),
);
const input: ReportInput = {
  meta: {
    tool: { name: 'ariadne', version: '9.9.9' },
    snapshot: { account: '111111111111', sha256: 'f'.repeat(64), collectedAt: '2026-11-29T00:00:00Z' },
    rulesetVersion: '1.2.3',
  },
  analysis,
  triage,
  escalation,
};
const html = writeHtmlReport(input, snapshot);

/** The HTML with every <style> body removed, and the tag names a parser would see. */
function tags(text: string): string[] {
  return [...text.replace(/<style>[\s\S]*?<\/style>/g, '').matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) =>
    (m[1] ?? '').toLowerCase(),
  );
}

describe('writeHtmlReport', () => {
  it('needs the analysis to have found the escalation path and several findings', () => {
    expect(pathFinding).toBeDefined();
    expect(analysis.findings.length).toBeGreaterThan(2);
  });

  it('turns a principal named <script> into inert text', () => {
    expect(html).not.toContain(evil);
    expect(html).toContain(htmlEscape(evil));
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('img');
  });

  it('keeps a policy containing </style> from closing the stylesheet', () => {
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain('S&lt;/style&gt;');
  });

  it('escapes the triage justification', () => {
    expect(html).toContain('ok &lt;/td&gt;&lt;b&gt;x');
    expect(html).toContain('accepted-risk');
  });

  it('carries the evidence block: account, SHA-256, collected-at, tool and rule-set versions', () => {
    expect(html).toMatch(/<th>account<\/th><td><code>111111111111<\/code>/);
    expect(html).toContain(`<code>${'f'.repeat(64)}</code>`);
    expect(html).toContain('2026-11-29T00:00:00Z');
    expect(html).toContain('ariadne 9.9.9');
    expect(html).toMatch(/<th>rule set<\/th><td>1\.2\.3/);
  });

  it('puts the account and SHA-256 in the printed pages’ running header', () => {
    expect(html).toMatch(/@top-left\{content:"IAM audit .* account 111111111111 .* snapshot SHA-256 f{64}"/);
    expect(html).toContain('counter(page)');
  });

  it('shows every finding once, with its id and remediation', () => {
    expect(html.match(/<article class="finding /g)).toHaveLength(analysis.findings.length);
    for (const f of analysis.findings) expect(html).toContain(`<code>${htmlEscape(f.id)}</code>`);
  });

  it('draws a 3-step path as one SVG with four boxes, three arrows and a dashed conditional step', () => {
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(1);
    const svg = svgs[0] ?? '';
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg.match(/<line /g)).toHaveLength(3);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    for (const m of ['sts.assume-role', 'iam.pass-role', 'lambda.update-function-code'])
      expect(svg).toContain(m);
    expect(svg).not.toContain(evil);
    expect(html).toContain('an existing Lambda &lt;function&gt;');
  });

  it('references no remote resource: no src, no stylesheet link, no url(), no @import', () => {
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(script|iframe|img|object|embed)\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    const remote = [...html.matchAll(/(\w+)="(https?:\/\/[^"]*)"/g)];
    expect(remote.length).toBeGreaterThan(0);
    for (const m of remote) expect(m[1]).toBe('href');
    for (const m of html.matchAll(/<(\w+)[^>]*href="https?:/g)) expect(m[1]).toBe('a');
  });

  it('forbids scripts and remote loads with a Content-Security-Policy', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
  });

  it('lists every principal of the snapshot and of the paths in the index, with its admin status', () => {
    expect(html).toMatch(
      /<td><code>arn:aws:iam::111111111111:role\/admin<\/code><\/td><td>other<\/td><td>full<\/td>/,
    );
    expect(html).toMatch(
      /<td><code>arn:aws:iam::111111111111:role\/open<\/code><\/td><td>role<\/td><td>no<\/td>/,
    );
    expect(html).toContain('sts.assume-role → iam.pass-role → lambda.update-function-code (conditional)');
  });

  it('links a finding’s principal to its row in the index, and the row to its first finding', () => {
    const row =
      /<tr id="(p-\d+)"><td><code>arn:aws:iam::111111111111:role\/admin<\/code>.*?<a href="#(f-\d+)">1<\/a>/.exec(
        html,
      );
    expect(row).not.toBeNull();
    const finding =
      new RegExp(`<article class="finding [a-z]+" id="${row?.[2]}">[\\s\\S]*?</article>`).exec(html)?.[0] ??
      '';
    expect(finding).toContain(`<a href="#${row?.[1]}"><code>arn:aws:iam::111111111111:role/admin</code></a>`);
  });

  it('caps the statements and the characters quoted for one finding', () => {
    const base = analysis.findings[0] as Finding;
    const long: Finding = {
      ...base,
      evidence: {
        ...base.evidence,
        statements: Array.from({ length: 10 }, (_, i) => ({
          policy: 'p',
          policyKind: 'inline' as const,
          statementIndex: i,
          text: 'x'.repeat(HTML_LIMITS.statementChars * 2),
        })),
      },
    };
    const out = writeHtmlReport({ ...input, analysis: { ...analysis, findings: [long] } });
    expect(out.match(/<pre>/g)).toHaveLength(HTML_LIMITS.statements);
    expect(out).toContain(`${10 - HTML_LIMITS.statements} more statements`);
    expect(out).toContain(`(${HTML_LIMITS.statementChars} more characters)`);
  });
});
