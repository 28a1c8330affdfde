// The demo account's findings against its answer key (examples/README.md, "Findings an auditor
// should report", "Admins", "Escalation paths to admin").
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, type AnalysisResult } from '../../../core/analyze/index';
import { parseSnapshotText } from '../../../core/snapshot/index';
import { repoRoot } from '../snapshot/helpers';

const A = 'arn:aws:iam::111122223333:';

function analyze(): AnalysisResult {
  const path = resolve(repoRoot, 'examples/demo-account.json');
  const r = parseSnapshotText('demo-account.json', readFileSync(path, 'utf8'));
  if (r.kind !== 'ok') throw new Error('demo does not import');
  return analyzeSnapshot(r.snapshot);
}

const result = analyze();

function subjects(rule: string, severity?: string): string[] {
  return [
    ...new Set(
      result.findings
        .filter((f) => f.rule === rule && (severity === undefined || f.severity === severity))
        .map((f) => f.principal ?? f.resource ?? ''),
    ),
  ].sort();
}

describe('the demo account audit', () => {
  it('finds the GitHub role that any repository can assume, and not the one limited to a branch', () => {
    expect(subjects('trust.oidc.github-subject')).toEqual([`${A}role/github-actions-legacy`]);
  });

  it('finds the vendor trusted without an external ID, and not the one with it', () => {
    expect(subjects('trust.cross-account.no-external-id')).toEqual([`${A}role/vendor-quillbooks-costs`]);
  });

  it('lists the two external accounts and the two SAML-federated roles', () => {
    expect(subjects('trust.external-account')).toEqual(['444455556666', '777788889999']);
    expect(subjects('trust.saml.federation')).toEqual([`${A}role/ReadOnly`, `${A}role/developer-sandbox`]);
    expect(subjects('trust.saml.audience-missing')).toEqual([]);
    expect(subjects('trust.principal.wildcard')).toEqual([]);
  });

  it('finds the console users without MFA: bob.okafor and hiro.tanaka', () => {
    expect(subjects('credentials.console.no-mfa')).toEqual([`${A}user/bob.okafor`, `${A}user/hiro.tanaka`]);
  });

  it('finds the stale and never-used access keys', () => {
    const unused = result.findings
      .filter((f) => f.rule === 'credentials.access-key.unused')
      .map((f) => f.title);
    expect(unused).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/dan\.kowalski.*key 2.*never used/),
        expect.stringMatching(/ci-terraform-plan.*key 2 unused/),
        expect.stringMatching(/kate\.sullivan.*key 1 unused/),
      ]),
    );
    expect(subjects('credentials.access-key.not-rotated')).toEqual(
      expect.arrayContaining([
        `${A}user/svc-backup-legacy`,
        `${A}user/automation/ci-release`,
        `${A}user/bob.okafor`,
      ]),
    );
    expect(subjects('credentials.access-key.two-active')).toEqual([
      `${A}user/automation/ci-terraform-plan`,
      `${A}user/dan.kowalski`,
    ]);
  });

  it('finds the passwords of hiro.tanaka (never used) and kate.sullivan (unused since March 2025)', () => {
    expect(subjects('credentials.password.unused')).toEqual([
      `${A}user/hiro.tanaka`,
      `${A}user/kate.sullivan`,
    ]);
  });

  it('says nothing against the root user (MFA on, no keys) and finds the weak password policy', () => {
    expect(subjects('credentials.root.no-mfa')).toEqual([]);
    expect(subjects('credentials.root.access-key')).toEqual([]);
    const weak = result.findings.find((f) => f.rule === 'credentials.password-policy.weak');
    expect(weak?.title).toMatch(/minimum length 8/);
    expect(weak?.title).toMatch(/symbols not required/);
    expect(subjects('credentials.password-policy.missing')).toEqual([]);
  });

  it("finds dan.kowalski's iam:PassRole on `*` and the service wildcards", () => {
    expect(subjects('hygiene.passrole.wildcard')).toEqual([`${A}user/dan.kowalski`]);
    const sensitive = result.findings
      .filter((f) => f.rule === 'hygiene.action.sensitive-wildcard')
      .map((f) => f.title);
    expect(sensitive).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/nightly-backup.*`s3:\*`/),
        expect.stringMatching(/platform-ops.*`ec2:\*`, `ssm:\*`/),
      ]),
    );
    expect(sensitive.some((t) => t.includes('DeveloperBoundary'))).toBe(false);
    const other = result.findings
      .filter((f) => f.rule === 'hygiene.action.service-wildcard')
      .map((f) => f.title);
    expect(other).toEqual(expect.arrayContaining([expect.stringMatching(/platform-ops.*`ecs:\*`/)]));
  });

  it('finds the public bucket and the bucket shared with QuillBooks', () => {
    expect(subjects('resource.policy.public')).toEqual(['arn:aws:s3:::larkspur-web-assets']);
    const shared = result.findings.filter((f) => f.rule === 'resource.policy.cross-account');
    expect(shared.map((f) => [f.resource, f.principal])).toEqual([
      ['arn:aws:s3:::larkspur-cur-reports', '777788889999'],
    ]);
  });

  it('finds the developers without DeveloperBoundary: dan.kowalski and kate.sullivan', () => {
    expect(subjects('hygiene.boundary.inconsistent')).toEqual([
      `${A}user/dan.kowalski`,
      `${A}user/kate.sullivan`,
    ]);
  });

  it('finds github-actions-legacy unused since September 2025 and no other role', () => {
    expect(subjects('hygiene.role.unused')).toEqual([`${A}role/github-actions-legacy`]);
  });

  it('lists PlatformAdmin as the only full administrator and ci-release as the shadow administrator', () => {
    expect(subjects('admin.full')).toEqual([`${A}role/PlatformAdmin`]);
    expect(subjects('admin.shadow')).toEqual([`${A}user/automation/ci-release`]);
  });

  it('finds the unconditional escalation paths of the answer key (dan.kowalski, frank.li, alice.nguyen, ops-support)', () => {
    expect(subjects('escalation.path.admin', 'high')).toEqual(
      expect.arrayContaining([
        `${A}role/ops-support`,
        `${A}user/alice.nguyen`,
        `${A}user/dan.kowalski`,
        `${A}user/frank.li`,
      ]),
    );
  });

  it('reports no unconditional path for the principals held by DeveloperBoundary', () => {
    const high = subjects('escalation.path.admin', 'high');
    for (const name of ['user/bob.okafor', 'user/carol.diaz', 'role/developer-sandbox'])
      expect(high).not.toContain(`${A}${name}`);
  });

  it('has no snapshot gaps and no failed rule', () => {
    expect(subjects('snapshot.boundary.document-missing')).toEqual([]);
    expect(subjects('snapshot.policy.document-missing')).toEqual([]);
    expect(result.notes).toEqual([]);
  });
});
