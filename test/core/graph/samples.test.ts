// The escalation graph on real-looking accounts: the demo account against its answer key
// (examples/README.md) and the public cloudsplaining sample (IAM Vulnerable's scenarios).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../core/snapshot/parse';
import { analyzeEscalation } from '../../../core/graph/index';
import type { EscalationGraph, PathsReport } from '../../../core/model/graph';
import { repoRoot, samplePath } from '../snapshot/helpers';

function analyze(path: string): { graph: EscalationGraph; report: PathsReport } {
  const r = parseSnapshot([{ name: path, value: JSON.parse(readFileSync(path, 'utf8')) }]);
  if (r.kind !== 'ok') throw new Error(`cannot import ${path}`);
  return analyzeEscalation(r.snapshot);
}

const D = 'arn:aws:iam::111122223333:';
const methods = (report: PathsReport, principal: string): string[] | undefined =>
  report.paths.find((p) => p.principal === principal)?.steps.map((s) => `${s.method} → ${s.to}`);

describe('the demo account (examples/README.md answer key)', () => {
  let graph: EscalationGraph;
  let report: PathsReport;
  beforeAll(() => {
    ({ graph, report } = analyze(resolve(repoRoot, 'examples/demo-account.json')));
  });

  it('has PlatformAdmin and the shadow admin ci-release as its only admins', () => {
    expect(report.admins).toEqual([`${D}role/PlatformAdmin`, `${D}user/automation/ci-release`]);
    expect(graph.fullAdmins).toEqual([`${D}role/PlatformAdmin`]);
  });

  it('path 1: ci-release writes a new default version of its own policy (iam-001)', () => {
    const p = report.paths.find((x) => x.principal === `${D}user/automation/ci-release`)!;
    expect(p.conditional).toBe(false);
    expect(p.steps).toEqual([
      expect.objectContaining({ to: 'admin', method: 'iam.create-policy-version', pathfindingId: 'iam-001', target: `${D}policy/ci-release-deploy`, conditional: false }),
    ]);
  });

  it('path 2: dan.kowalski passes PlatformAdmin to a new Lambda function (lambda-001), unconditionally', () => {
    const p = report.paths.find((x) => x.principal === `${D}user/dan.kowalski`)!;
    expect(p.conditional).toBe(false);
    expect(p.steps).toEqual([expect.objectContaining({ to: `${D}role/PlatformAdmin`, method: 'lambda.create-function.invoke', pathfindingId: 'lambda-001' })]);
  });

  it('path 3: frank.li and alice.nguyen chain through ops-support without MFA', () => {
    for (const u of ['frank.li', 'alice.nguyen']) {
      const p = report.paths.find((x) => x.principal === `${D}user/${u}`)!;
      expect(p.conditional).toBe(false);
      expect(methods(report, `${D}user/${u}`)).toEqual([`sts.assume-role → ${D}role/ops-support`, `sts.assume-role → ${D}role/PlatformAdmin`]);
    }
  });

  it('path 3b: the direct route to PlatformAdmin is conditional on MFA', () => {
    const e = graph.edges.find((x) => x.from === `${D}user/alice.nguyen` && x.to === `${D}role/PlatformAdmin` && x.method === 'sts.assume-role')!;
    expect(e.conditional).toBe(true);
    expect(e.prerequisites.join(' ')).toContain('aws:MultiFactorAuthPresent');
  });

  it('path 3c: ops-support assumes PlatformAdmin unconditionally', () => {
    expect(report.paths.find((x) => x.principal === `${D}role/ops-support`)?.conditional).toBe(false);
  });

  it('gives the bounded developers no IAM or PassRole hop, only the conditional takeover of an existing function', () => {
    for (const who of ['user/bob.okafor', 'user/carol.diaz', 'role/developer-sandbox']) {
      const p = report.paths.find((x) => x.principal === `${D}${who}`);
      if (p === undefined) continue;
      expect(p.conditional).toBe(true);
      expect(p.steps[0]!.method).toBe('lambda.update-function-code');
      const out = graph.edges.filter((e) => e.from === `${D}${who}`);
      expect(out.filter((e) => e.method.startsWith('iam.') || e.permissions.includes('iam:PassRole'))).toEqual([]);
    }
  });

  it('finds no path for the billing users, whose only IAM rights are on their own credentials', () => {
    expect(report.paths.find((x) => x.principal === `${D}user/ines.moreau`)).toBeUndefined();
    expect(report.paths.find((x) => x.principal === `${D}user/jamal.reed`)).toBeUndefined();
  });

  it('links the SAML provider and the GitHub OIDC provider to the roles that trust them', () => {
    expect(graph.edges.some((e) => e.from === `${D}saml-provider/LarkspurOkta` && e.method === 'sts.assume-role-with-saml')).toBe(true);
    expect(graph.edges.some((e) => e.from === `${D}oidc-provider/token.actions.githubusercontent.com` && e.to === `${D}role/github-actions-legacy`)).toBe(true);
  });

  it('shows QuillBooks as an external account trusted without an ExternalId, and Cobalt only with one', () => {
    const q = graph.edges.find((e) => e.from === 'arn:aws:iam::777788889999:root' && e.to === `${D}role/vendor-quillbooks-costs`)!;
    expect(q.method).toBe('sts.trust.external');
    const c = graph.edges.find((e) => e.from === 'arn:aws:iam::444455556666:root')!;
    expect(c.prerequisites.join(' ')).toContain('sts:ExternalId');
  });
});

describe('the cloudsplaining sample (IAM Vulnerable scenarios)', () => {
  let report: PathsReport;
  const S = 'arn:aws:iam::200611803367:';
  beforeAll(() => {
    ({ report } = analyze(samplePath('cloudsplaining-example.json')));
  });

  it('finds the one-call self-escalations of privesc1, 7, 8, 10, 11 as shadow admins', () => {
    for (const u of ['privesc1-CreateNewPolicyVersion-user', 'privesc7-AttachUserPolicy-user', 'privesc8-AttachGroupPolicy-user', 'privesc10-PutUserPolicy-user', 'privesc11-PutGroupPolicy-user']) {
      expect(report.admins).toContain(`${S}user/${u}`);
    }
  });

  it('finds the PassRole scenarios as unconditional hops to the high-privilege service role', () => {
    for (const u of ['privesc3-CreateEC2WithExistingInstanceProfile-user', 'privesc15-PassExistingRoleToNewLambdaThenInvoke-user', 'privesc18-PassExistingRoleToNewGlueDevEndpoint-user', 'privesc20-PassExistingRoleToCloudFormation-user', 'privesc21-PassExistingRoleToNewDataPipeline-user']) {
      const p = report.paths.find((x) => x.principal === `${S}user/${u}`);
      expect(p?.conditional, u).toBe(false);
      expect(p?.steps[0]?.to).toBe(`${S}role/privesc-high-priv-service-role`);
    }
  });

  it('reports the false-negative tests fn1 to fn4 unconditionally (fn3: a token issued now is issued after 2020)', () => {
    expect(report.paths.find((x) => x.principal === `${S}user/fn1-privesc3-partial-user`)?.conditional).toBe(false);
    expect(report.paths.find((x) => x.principal === `${S}user/fn2-exploitableResourceConstraint-user`)?.conditional).toBe(false);
    expect(report.paths.find((x) => x.principal === `${S}user/fn4-exploitableNotAction-user`)?.conditional).toBe(false);
    expect(report.paths.find((x) => x.principal === `${S}user/fn3-exploitableConditionConstraint-user`)?.conditional).toBe(false);
  });

  it('reports none of the false-positive tests fp1 to fp5 (fp5: no token issued now was issued before 2020)', () => {
    const fps = report.paths.filter((x) => /(user|role)\/fp[1-5]-/.test(x.principal));
    expect(fps).toEqual([]);
  });

  it('gives service-linked roles no path of their own', () => {
    expect(report.paths.filter((x) => x.principal.includes(':role/aws-service-role/'))).toEqual([]);
  });
});
