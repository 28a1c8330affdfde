// The oracle's sharing of one evaluation among resources of one class (core/evaluate/engine.ts
// resourceClassifier) must never change an answer: compared question by question with an oracle
// that evaluates every question, on generated accounts (real AWS-managed documents, boundaries,
// SCPs, conditions, bundles with resource policies).
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../core/snapshot/parse';
import { createEvaluatorOracle, type QuestionContext } from '../../../core/graph/oracle';
import { generateText, mulberry32 } from '../../bench/generate';

const ACTIONS = ['sts:AssumeRole', 'iam:PassRole', 'iam:AttachRolePolicy', 'iam:PutUserPolicy', 'iam:CreateAccessKey', 'iam:UpdateAssumeRolePolicy', 'iam:CreatePolicyVersion', 'iam:AddUserToGroup', 's3:GetObject', 'lambda:UpdateFunctionCode', 'ec2:RunInstances', 'kms:Decrypt'];

function questions(seed: number, bundle: boolean): { differing: number; n: number } {
  const imported = parseSnapshot([{ name: 'generated.json', value: JSON.parse(generateText({ size: 'small', seed, encoding: 'cli', bundle })) }]);
  if (imported.kind !== 'ok') throw new Error('generated account does not import');
  const s = imported.snapshot;
  const shared = createEvaluatorOracle(s);
  const exact = createEvaluatorOracle(s, { shareByResourceClass: false });
  const principals = [...s.users, ...s.roles].map((p) => p.arn);
  const resources = [...s.users, ...s.roles, ...s.groups, ...s.policies].map((p) => p.arn);
  resources.push(...s.resourcePolicies.map((r) => r.resource), '*', `arn:aws:s3:::probe-bucket/key`);
  // Resources the policies name (wildcards made concrete), so specific grants are asked about.
  const named = new Set<string>();
  const docs = [...s.policies.map((m) => m.defaultDocument.document), ...[...s.users, ...s.roles, ...s.groups].flatMap((e) => e.inlinePolicies.map((i) => i.policy.document))];
  for (const d of docs) for (const st of d.Statement) for (const r of st.Resource ?? []) if (r !== '*') named.add(r.replaceAll('*', 'x').replaceAll('?', 'y'));
  resources.push(...named);
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  let differing = 0;
  let n = 0;
  // Many resources per (principal, action), so the shared oracle answers most from its memo.
  for (let i = 0; i < 300; i++) {
    const p = pick(principals);
    const a = pick(ACTIONS);
    const ctx: QuestionContext | undefined = a === 'iam:AttachRolePolicy' ? { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } : undefined;
    for (let j = 0; j < 15; j++) {
      const r = pick(resources);
      n++;
      if (JSON.stringify(shared.can(p, a, r, ctx)) !== JSON.stringify(exact.can(p, a, r, ctx))) differing++;
    }
  }
  return { differing, n };
}

describe('oracle answers shared by resource class', () => {
  for (const [seed, bundle] of [[1, false], [2, true], [5, false], [7, true]] as const) {
    it(`equal the answers of one evaluation per question (seed ${seed}${bundle ? ', bundle' : ''})`, () => {
      const r = questions(seed, bundle);
      expect(r.n).toBe(4500);
      expect(r.differing).toBe(0);
    });
  }
});
