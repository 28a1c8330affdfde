// Deterministic synthetic account graphs for the graph bench and browser tests: a large one shaped
// like a big account (users in groups, roles with policies and trust, a batch of look-alike roles,
// escalation paths) and a small one with a known path to admin. Imports only the graph model.
import type { GraphEdgeInput, GraphInput, GraphNodeInput, PathStepInput } from '../../../renderer/graph/model';
import { seededRandom } from '../../../renderer/graph/layout';

const ACCOUNT = '111122223333';
const arn = (kind: string, name: string): string => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

/** Sizes of the large graph. */
export interface LargeSizes {
  readonly users: number;
  readonly roles: number;
  readonly batchRoles: number;
  readonly groups: number;
  readonly customerPolicies: number;
  readonly awsPolicies: number;
  readonly inlinePolicies: number;
}

/** Default sizes: about 10,600 nodes and 31,000 edges after clustering. */
export const LARGE: LargeSizes = { users: 3400, roles: 3800, batchRoles: 500, groups: 160, customerPolicies: 1800, awsPolicies: 450, inlinePolicies: 900 };

const SERVICES = ['lambda', 'ec2', 'ecs-tasks', 'glue', 'sagemaker', 'codebuild', 'cloudformation', 'states', 'events', 'apigateway', 'batch', 'datapipeline', 'elasticmapreduce', 'firehose', 'kinesisanalytics', 'redshift', 'rds', 'ssm', 'backup', 'config', 'cloudtrail', 'logs', 'sns', 'sqs', 'scheduler'].map((s) => `${s}.amazonaws.com`);

/** A large account graph (deterministic for `seed`) and one of its escalation paths. */
export function largeGraph(seed = 7, sizes: LargeSizes = LARGE): { graph: GraphInput; path: PathStepInput[] } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const nodes: GraphNodeInput[] = [];
  const edges: GraphEdgeInput[] = [];
  const teams = Array.from({ length: 40 }, (_, i) => `team-${i}`);
  const apps = Array.from({ length: 60 }, (_, i) => `app-${i}`);

  nodes.push({ id: 'admin', kind: 'admin', label: 'Administrator access', risky: true });
  const services = SERVICES.map((s) => {
    nodes.push({ id: s, kind: 'service', label: s, group: 'services' });
    return s;
  });
  const externals = Array.from({ length: 40 }, (_, i) => {
    const id = `arn:aws:iam::${String(900000000000 + i * 7919)}:root`;
    nodes.push({ id, kind: 'external-account', label: `external ${String(900000000000 + i * 7919)}`, group: 'external' });
    return id;
  });
  const providers = Array.from({ length: 6 }, (_, i) => {
    const id = `arn:aws:iam::${ACCOUNT}:${i % 2 === 0 ? 'saml-provider/corp-sso-' : 'oidc-provider/token.actions.githubusercontent.com/'}${i}`;
    nodes.push({ id, kind: 'identity-provider', label: i % 2 === 0 ? `corp-sso-${i}` : `github-oidc-${i}`, group: 'providers' });
    return id;
  });
  const groups = Array.from({ length: sizes.groups }, (_, i) => {
    const team = teams[i % teams.length] as string;
    const id = arn('group', `${team}/group-${i}`);
    nodes.push({ id, kind: 'group', label: `${team}-group-${i}`, group: team });
    return { id, team };
  });
  const awsPolicies = Array.from({ length: sizes.awsPolicies }, (_, i) => {
    const id = `arn:aws:iam::aws:policy/AwsManagedPolicy${i}`;
    nodes.push({ id, kind: 'managed-policy', label: `AwsManagedPolicy${i}`, awsManaged: true, group: 'aws-managed' });
    return id;
  });
  const customer = Array.from({ length: sizes.customerPolicies }, (_, i) => {
    const app = apps[i % apps.length] as string;
    const id = arn('policy', `${app}/policy-${i}`);
    nodes.push({ id, kind: 'managed-policy', label: `${app}-policy-${i}`, group: app });
    return { id, app };
  });
  const policiesOf = (group: string): string[] => customer.filter((p) => p.app === group || p.app === group.replace('team', 'app')).map((p) => p.id);
  const users = Array.from({ length: sizes.users }, (_, i) => {
    const team = teams[i % teams.length] as string;
    const id = arn('user', `${team}/user-${String(i).padStart(4, '0')}`);
    nodes.push({ id, kind: 'user', label: `user-${String(i).padStart(4, '0')}`, group: team });
    return { id, team };
  });
  for (const u of users) {
    const own = groups.filter((g) => g.team === u.team);
    const count = int(2, 5);
    const chosen = new Set<string>();
    for (let j = 0; j < count; j++) chosen.add(random() < 0.75 && own.length > 0 ? pick(own).id : pick(groups).id);
    for (const g of chosen) edges.push({ source: u.id, target: g, kind: 'membership' });
    if (random() < 0.4) {
      const local = policiesOf(u.team);
      const n = int(1, 2);
      for (let j = 0; j < n; j++) edges.push({ source: u.id, target: random() < 0.5 && local.length > 0 ? pick(local) : pick(awsPolicies), kind: 'attachment' });
    }
  }
  for (const g of groups) {
    const local = policiesOf(g.team);
    const n = int(3, 6);
    for (let j = 0; j < n; j++) edges.push({ source: g.id, target: random() < 0.5 && local.length > 0 ? pick(local) : pick(awsPolicies), kind: 'attachment' });
  }
  const roles = Array.from({ length: sizes.roles }, (_, i) => {
    const app = apps[i % apps.length] as string;
    const id = arn('role', `${app}/role-${String(i).padStart(4, '0')}`);
    nodes.push({ id, kind: 'role', label: `${app}-role-${i}`, group: app });
    return { id, app };
  });
  for (const r of roles) {
    const local = customer.filter((p) => p.app === r.app);
    const n = int(2, 4);
    const chosen = new Set<string>();
    for (let j = 0; j < n; j++) chosen.add(random() < 0.7 && local.length > 0 ? pick(local).id : pick(awsPolicies));
    for (const p of chosen) edges.push({ source: r.id, target: p, kind: 'attachment' });
    const t = int(1, 2);
    for (let j = 0; j < t; j++) {
      const x = random();
      const from = x < 0.6 ? pick(services) : x < 0.8 ? pick(externals) : x < 0.9 ? pick(providers) : pick(users).id;
      edges.push({ source: from, target: r.id, kind: 'trust' });
    }
  }
  // A batch of look-alike roles: one policy each, the same one, all trusted by Lambda.
  const batchPolicy = arn('policy', 'lambda-basic-execution');
  nodes.push({ id: batchPolicy, kind: 'managed-policy', label: 'lambda-basic-execution', group: 'batch' });
  for (let i = 0; i < sizes.batchRoles; i++) {
    const id = arn('role', `functions/fn-${String(i).padStart(4, '0')}`);
    nodes.push({ id, kind: 'role', label: `fn-${i}`, group: 'batch' });
    edges.push({ source: id, target: batchPolicy, kind: 'attachment' });
    edges.push({ source: 'lambda.amazonaws.com', target: id, kind: 'trust' });
  }
  const owners = [...users.map((u) => u.id), ...roles.map((r) => r.id)];
  for (let i = 0; i < sizes.inlinePolicies; i++) {
    const owner = pick(owners);
    const id = `${owner}#inline-${i}`;
    nodes.push({ id, kind: 'inline-policy', label: `inline-${i}`, group: owner.includes(':user/') ? 'inline-users' : 'inline-roles' });
    edges.push({ source: owner, target: id, kind: 'inline' });
  }
  // Escalation edges: principals that can become a role or admin.
  const methods = ['iam:PassRole+lambda:CreateFunction', 'iam:CreatePolicyVersion', 'iam:AttachUserPolicy', 'sts:AssumeRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey'];
  const risky = new Set<string>(['admin']);
  for (let i = 0; i < 150; i++) {
    const from = random() < 0.5 ? pick(users).id : pick(roles).id;
    const to = random() < 0.4 ? 'admin' : pick(roles).id;
    if (from === to) continue;
    edges.push({ source: from, target: to, kind: 'escalation', method: pick(methods) });
    risky.add(from).add(to);
  }
  // One known path: user-0001 → role-0002 → admin.
  const u1 = (users[1] as { id: string }).id;
  const r2 = (roles[2] as { id: string }).id;
  edges.push({ source: u1, target: r2, kind: 'escalation', method: 'iam:PassRole+lambda:CreateFunction' });
  edges.push({ source: r2, target: 'admin', kind: 'escalation', method: 'iam:AttachRolePolicy' });
  risky.add(u1).add(r2);
  const marked = nodes.map((n) => (risky.has(n.id) ? { ...n, risky: true } : n));
  return {
    graph: { nodes: marked, edges },
    path: [
      { from: u1, to: r2, method: 'iam:PassRole+lambda:CreateFunction' },
      { from: r2, to: 'admin', method: 'iam:AttachRolePolicy' },
    ],
  };
}

/** A small account graph with a known two-step path to admin and a cluster of 30 roles. */
export function smallGraph(): { graph: GraphInput; path: PathStepInput[] } {
  const nodes: GraphNodeInput[] = [
    { id: 'admin', kind: 'admin', label: 'Administrator access', risky: true },
    { id: arn('user', 'alice'), kind: 'user', label: 'alice', risky: true, group: 'dev' },
    { id: arn('user', 'bob'), kind: 'user', label: 'bob', group: 'dev' },
    { id: arn('user', 'carol <ops>'), kind: 'user', label: 'carol <ops>', group: 'ops' },
    { id: arn('group', 'developers'), kind: 'group', label: 'developers', group: 'dev' },
    { id: arn('group', 'operators'), kind: 'group', label: 'operators', group: 'ops' },
    { id: arn('role', 'deployer'), kind: 'role', label: 'deployer', risky: true, group: 'dev' },
    { id: arn('role', 'auditor'), kind: 'role', label: 'auditor', group: 'ops' },
    { id: arn('policy', 'deploy'), kind: 'managed-policy', label: 'deploy', group: 'dev' },
    { id: 'arn:aws:iam::aws:policy/ReadOnlyAccess', kind: 'managed-policy', label: 'ReadOnlyAccess', awsManaged: true },
    { id: 'arn:aws:iam::aws:policy/AdministratorAccess', kind: 'managed-policy', label: 'AdministratorAccess', awsManaged: true },
    { id: arn('user', 'alice') + '#inline-ci', kind: 'inline-policy', label: 'ci-inline', group: 'dev' },
    { id: 'lambda.amazonaws.com', kind: 'service', label: 'lambda.amazonaws.com' },
    { id: 'arn:aws:iam::999988887777:root', kind: 'external-account', label: 'external 999988887777' },
    { id: arn('saml-provider', 'corp-sso'), kind: 'identity-provider', label: 'corp-sso' },
    { id: arn('policy', 'fn-basic'), kind: 'managed-policy', label: 'fn-basic' },
  ];
  const edges: GraphEdgeInput[] = [
    { source: arn('user', 'alice'), target: arn('group', 'developers'), kind: 'membership' },
    { source: arn('user', 'bob'), target: arn('group', 'developers'), kind: 'membership' },
    { source: arn('user', 'carol <ops>'), target: arn('group', 'operators'), kind: 'membership' },
    { source: arn('group', 'developers'), target: arn('policy', 'deploy'), kind: 'attachment' },
    { source: arn('group', 'operators'), target: 'arn:aws:iam::aws:policy/ReadOnlyAccess', kind: 'attachment' },
    { source: arn('role', 'deployer'), target: 'arn:aws:iam::aws:policy/AdministratorAccess', kind: 'attachment' },
    { source: arn('role', 'auditor'), target: 'arn:aws:iam::aws:policy/ReadOnlyAccess', kind: 'attachment' },
    { source: arn('user', 'alice'), target: arn('user', 'alice') + '#inline-ci', kind: 'inline' },
    { source: 'lambda.amazonaws.com', target: arn('role', 'deployer'), kind: 'trust' },
    { source: 'arn:aws:iam::999988887777:root', target: arn('role', 'auditor'), kind: 'trust' },
    { source: arn('saml-provider', 'corp-sso'), target: arn('role', 'auditor'), kind: 'trust' },
    { source: arn('user', 'alice'), target: arn('role', 'deployer'), kind: 'escalation', method: 'iam:PassRole+lambda:CreateFunction' },
    { source: arn('role', 'deployer'), target: 'admin', kind: 'escalation', method: 'iam:AttachRolePolicy' },
  ];
  for (let i = 0; i < 30; i++) {
    const id = arn('role', `functions/fn-${i}`);
    nodes.push({ id, kind: 'role', label: `fn-${i}` });
    edges.push({ source: id, target: arn('policy', 'fn-basic'), kind: 'attachment' });
    edges.push({ source: 'lambda.amazonaws.com', target: id, kind: 'trust' });
  }
  return {
    graph: { nodes, edges },
    path: [
      { from: arn('user', 'alice'), to: arn('role', 'deployer'), method: 'iam:PassRole+lambda:CreateFunction' },
      { from: arn('role', 'deployer'), to: 'admin', method: 'iam:AttachRolePolicy' },
    ],
  };
}
