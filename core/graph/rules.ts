// The escalation methods, one rule each: stable id, pathfinding.cloud id, the permissions a hop
// needs and the resources they must cover. Data only; the builder (./build.ts) applies them.
// Imports nothing.
//
// Sources: AWS "IAM: Grants access to…" action pages of the Service Authorization Reference
// (which resource each action is authorised on), "Passing a role to an AWS service"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html: iam:PassRole is
// authorised on the role's ARN with the `iam:PassedToService` key), and the method catalogues
// /shared/pathfinding-cloud.catalogue.json and /shared/PRIVESC-METHODS.md (facts, not code).

/** How the builder applies a rule. */
export type RuleKind =
  /** P changes the permissions of a principal T (itself, or one it can then use) to administrator. */
  | 'grant'
  /** P becomes another principal T (assume, credentials, trust rewrite, group membership). */
  | 'reach'
  /** A `grant` on T combined with a `reach` to T: one hop from P to admin. */
  | 'combo'
  /** P passes role R to a service that runs P's code as R (new compute). */
  | 'pass-role'
  /** P takes over compute that already runs as R (no iam:PassRole). */
  | 'existing'
  /** A provider, service or external account can become R through R's trust policy. */
  | 'trust'
  /** A principal whose effective permissions already allow everything. */
  | 'admin';

/** One escalation method. */
export interface EscalationRule {
  /** Stable id, e.g. `iam.create-policy-version`. */
  readonly id: string;
  readonly kind: RuleKind;
  /** The pathfinding.cloud ids this rule detects (first = the one reported), or empty. */
  readonly pathfindingIds: readonly string[];
  readonly title: string;
  /** The permissions the hop uses (the permission on the target first). */
  readonly permissions: readonly string[];
  /** For pass-role/existing rules: the service principals the target role must trust. */
  readonly services?: readonly string[];
  /** Permissions other than iam:PassRole, requested on `*` (the attacker names the new resource). */
  readonly servicePermissions?: readonly string[];
  /** State the snapshot cannot show, in words; a rule with any makes conditional hops. */
  readonly prerequisites?: readonly string[];
  /** For existing-compute rules on EC2: the role must be in an instance profile. */
  readonly needsInstanceProfile?: boolean;
}

const r = (rule: EscalationRule): EscalationRule => rule;

/** Principal and permission changes in IAM (grant, reach and their combinations). */
const IAM_RULES: readonly EscalationRule[] = [
  r({ id: 'iam.create-policy-version', kind: 'grant', pathfindingIds: ['iam-001'], title: 'new default version of a customer-managed policy attached to the target', permissions: ['iam:CreatePolicyVersion'] }),
  r({ id: 'iam.set-default-policy-version', kind: 'grant', pathfindingIds: [], title: 'make an older, broader version of an attached policy the default', permissions: ['iam:SetDefaultPolicyVersion'] }),
  r({ id: 'iam.put-user-policy', kind: 'grant', pathfindingIds: ['iam-007'], title: 'inline administrator policy on the user', permissions: ['iam:PutUserPolicy'] }),
  r({ id: 'iam.attach-user-policy', kind: 'grant', pathfindingIds: ['iam-008'], title: 'attach AdministratorAccess to the user', permissions: ['iam:AttachUserPolicy'] }),
  r({ id: 'iam.put-role-policy', kind: 'grant', pathfindingIds: ['iam-005'], title: 'inline administrator policy on the role', permissions: ['iam:PutRolePolicy'] }),
  r({ id: 'iam.attach-role-policy', kind: 'grant', pathfindingIds: ['iam-009'], title: 'attach AdministratorAccess to the role', permissions: ['iam:AttachRolePolicy'] }),
  r({ id: 'iam.put-group-policy', kind: 'grant', pathfindingIds: ['iam-011'], title: 'inline administrator policy on a group of the user', permissions: ['iam:PutGroupPolicy'] }),
  r({ id: 'iam.attach-group-policy', kind: 'grant', pathfindingIds: ['iam-010'], title: 'attach AdministratorAccess to a group of the user', permissions: ['iam:AttachGroupPolicy'] }),
  r({ id: 'iam.delete-user-permissions-boundary', kind: 'grant', pathfindingIds: ['iam-022'], title: 'remove the user\u2019s permissions boundary, leaving administrator policies unbounded', permissions: ['iam:DeleteUserPermissionsBoundary'] }),
  r({ id: 'iam.delete-role-permissions-boundary', kind: 'grant', pathfindingIds: ['iam-023'], title: 'remove the role\u2019s permissions boundary, leaving administrator policies unbounded', permissions: ['iam:DeleteRolePermissionsBoundary'] }),
  r({ id: 'iam.put-user-permissions-boundary', kind: 'grant', pathfindingIds: [], title: 'replace the user\u2019s permissions boundary with AdministratorAccess', permissions: ['iam:PutUserPermissionsBoundary'] }),
  r({ id: 'iam.put-role-permissions-boundary', kind: 'grant', pathfindingIds: [], title: 'replace the role\u2019s permissions boundary with AdministratorAccess', permissions: ['iam:PutRolePermissionsBoundary'] }),
  r({ id: 'iam.create-user', kind: 'grant', pathfindingIds: [], title: 'create a user, attach AdministratorAccess and create its access key', permissions: ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'] }),
  r({ id: 'iam.create-role', kind: 'grant', pathfindingIds: [], title: 'create a role trusting the caller, attach AdministratorAccess and assume it', permissions: ['iam:CreateRole', 'iam:AttachRolePolicy', 'sts:AssumeRole'] }),

  r({ id: 'sts.assume-role', kind: 'reach', pathfindingIds: ['sts-001'], title: 'assume the role (caller allowed and trusted)', permissions: ['sts:AssumeRole'] }),
  r({ id: 'iam.update-assume-role-policy', kind: 'reach', pathfindingIds: ['iam-012'], title: 'rewrite the role\u2019s trust policy to trust the caller, then assume it', permissions: ['iam:UpdateAssumeRolePolicy'] }),
  r({ id: 'iam.create-access-key', kind: 'reach', pathfindingIds: ['iam-002'], title: 'create an access key for the user', permissions: ['iam:CreateAccessKey'] }),
  r({ id: 'iam.rotate-access-key', kind: 'reach', pathfindingIds: ['iam-003'], title: 'delete one of the user\u2019s two access keys and create a new one', permissions: ['iam:DeleteAccessKey', 'iam:CreateAccessKey'] }),
  r({ id: 'iam.create-login-profile', kind: 'reach', pathfindingIds: ['iam-004'], title: 'create a console password for the user', permissions: ['iam:CreateLoginProfile'] }),
  r({ id: 'iam.update-login-profile', kind: 'reach', pathfindingIds: ['iam-006'], title: 'reset the user\u2019s console password', permissions: ['iam:UpdateLoginProfile'] }),
  r({ id: 'iam.add-user-to-group', kind: 'reach', pathfindingIds: ['iam-013'], title: 'add oneself to the group', permissions: ['iam:AddUserToGroup'] }),

  r({ id: 'iam.attach-role-policy+sts.assume-role', kind: 'combo', pathfindingIds: ['iam-014'], title: 'attach AdministratorAccess to a role the caller can assume, then assume it', permissions: ['iam:AttachRolePolicy', 'sts:AssumeRole'] }),
  r({ id: 'iam.attach-user-policy+iam.create-access-key', kind: 'combo', pathfindingIds: ['iam-015'], title: 'attach AdministratorAccess to another user, then create its access key', permissions: ['iam:AttachUserPolicy', 'iam:CreateAccessKey'] }),
  r({ id: 'iam.create-policy-version+sts.assume-role', kind: 'combo', pathfindingIds: ['iam-016'], title: 'new version of a policy attached to an assumable role, then assume it', permissions: ['iam:CreatePolicyVersion', 'sts:AssumeRole'] }),
  r({ id: 'iam.put-role-policy+sts.assume-role', kind: 'combo', pathfindingIds: ['iam-017'], title: 'inline administrator policy on an assumable role, then assume it', permissions: ['iam:PutRolePolicy', 'sts:AssumeRole'] }),
  r({ id: 'iam.put-user-policy+iam.create-access-key', kind: 'combo', pathfindingIds: ['iam-018'], title: 'inline administrator policy on another user, then create its access key', permissions: ['iam:PutUserPolicy', 'iam:CreateAccessKey'] }),
  r({ id: 'iam.attach-role-policy+iam.update-assume-role-policy', kind: 'combo', pathfindingIds: ['iam-019'], title: 'attach AdministratorAccess to a role and rewrite its trust policy', permissions: ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'] }),
  r({ id: 'iam.create-policy-version+iam.update-assume-role-policy', kind: 'combo', pathfindingIds: ['iam-020'], title: 'new version of a policy attached to a role and rewrite its trust policy', permissions: ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'] }),
  r({ id: 'iam.put-role-policy+iam.update-assume-role-policy', kind: 'combo', pathfindingIds: ['iam-021'], title: 'inline administrator policy on a role and rewrite its trust policy', permissions: ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'] }),
  r({ id: 'grant+reach', kind: 'combo', pathfindingIds: [], title: 'make a reachable principal an administrator, then use it', permissions: [] }),

  r({ id: 'sts.trust.external', kind: 'trust', pathfindingIds: ['sts-001'], title: 'a principal of another account assumes the role its trust policy allows', permissions: ['sts:AssumeRole'] }),
  r({ id: 'sts.assume-role-with-saml', kind: 'trust', pathfindingIds: [], title: 'SAML federation into the role', permissions: ['sts:AssumeRoleWithSAML'] }),
  r({ id: 'sts.assume-role-with-web-identity', kind: 'trust', pathfindingIds: [], title: 'OIDC / web identity federation into the role', permissions: ['sts:AssumeRoleWithWebIdentity'] }),
  r({ id: 'service.trust', kind: 'trust', pathfindingIds: [], title: 'the service assumes the role (its trust policy allows the service)', permissions: ['sts:AssumeRole'] }),
  r({ id: 'admin.effective-permissions', kind: 'admin', pathfindingIds: [], title: 'effective permissions allow every action on every resource', permissions: ['*'] }),
  r({ id: 'group.admin-policies', kind: 'admin', pathfindingIds: [], title: 'the group\u2019s policies allow every action on every resource', permissions: ['*'] }),
];

interface ServiceSpec {
  id: string;
  pf: string[];
  title: string;
  services: string[];
  perms: string[];
  pre?: string[];
  profile?: boolean;
}

const pass = (s: ServiceSpec): EscalationRule => ({
  id: s.id,
  kind: 'pass-role',
  pathfindingIds: s.pf,
  title: s.title,
  permissions: ['iam:PassRole', ...s.perms],
  services: s.services,
  servicePermissions: s.perms,
  ...(s.pre ? { prerequisites: s.pre } : {}),
  ...(s.profile ? { needsInstanceProfile: true } : {}),
});

const existing = (s: ServiceSpec): EscalationRule => ({
  id: s.id,
  kind: 'existing',
  pathfindingIds: s.pf,
  title: s.title,
  permissions: s.perms,
  services: s.services,
  servicePermissions: s.perms,
  prerequisites: s.pre ?? [],
  ...(s.profile ? { needsInstanceProfile: true } : {}),
});

const LAMBDA = ['lambda.amazonaws.com'];
const EC2 = ['ec2.amazonaws.com'];
const ECS = ['ecs-tasks.amazonaws.com'];
const GLUE = ['glue.amazonaws.com'];
const CFN = ['cloudformation.amazonaws.com'];
const CODEBUILD = ['codebuild.amazonaws.com'];
const SAGEMAKER = ['sagemaker.amazonaws.com'];
const AGENTCORE = ['bedrock-agentcore.amazonaws.com'];

/** New compute that runs as a passed role. */
const PASS_ROLE_RULES: readonly EscalationRule[] = [
  pass({ id: 'lambda.create-function.invoke', pf: ['lambda-001'], title: 'Lambda function running as the role, invoked', services: LAMBDA, perms: ['lambda:CreateFunction', 'lambda:InvokeFunction'] }),
  pass({ id: 'lambda.create-function.event-source', pf: ['lambda-002'], title: 'Lambda function running as the role, triggered by an event source mapping', services: LAMBDA, perms: ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], pre: ['an event source (DynamoDB or Kinesis stream, SQS queue) that receives records'] }),
  pass({ id: 'lambda.create-function.add-permission', pf: ['lambda-006'], title: 'Lambda function running as the role, invoked through its resource policy', services: LAMBDA, perms: ['lambda:CreateFunction', 'lambda:AddPermission'] }),
  pass({ id: 'lambda.update-function-configuration', pf: [], title: 'swap the role of an existing Lambda function', services: LAMBDA, perms: ['lambda:UpdateFunctionConfiguration'], pre: ['an existing Lambda function that the caller can invoke or that runs on its own'] }),
  pass({ id: 'ec2.run-instances', pf: ['ec2-001'], title: 'EC2 instance with the role\u2019s instance profile', services: EC2, perms: ['ec2:RunInstances'], profile: true }),
  pass({ id: 'ec2.request-spot-instances', pf: ['ec2-003'], title: 'EC2 Spot instance with the role\u2019s instance profile', services: EC2, perms: ['ec2:RequestSpotInstances'], profile: true }),
  pass({ id: 'ec2.associate-iam-instance-profile', pf: [], title: 'attach the role\u2019s instance profile to a running instance', services: EC2, perms: ['ec2:AssociateIamInstanceProfile'], pre: ['a running EC2 instance the caller controls'], profile: true }),
  pass({ id: 'autoscaling.create-auto-scaling-group', pf: [], title: 'Auto Scaling group launching instances with the role', services: EC2, perms: ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'], profile: true }),
  pass({ id: 'autoscaling.update-auto-scaling-group', pf: [], title: 'new launch configuration with the role on an existing Auto Scaling group', services: EC2, perms: ['autoscaling:CreateLaunchConfiguration', 'autoscaling:UpdateAutoScalingGroup'], pre: ['an existing Auto Scaling group'], profile: true }),
  pass({ id: 'cloudformation.create-stack', pf: ['cloudformation-001'], title: 'CloudFormation stack with the role as its service role', services: CFN, perms: ['cloudformation:CreateStack'] }),
  pass({ id: 'cloudformation.create-stack-set', pf: ['cloudformation-003'], title: 'CloudFormation StackSet administered by the role', services: CFN, perms: ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'] }),
  pass({ id: 'cloudformation.update-stack-set', pf: ['cloudformation-004'], title: 'existing StackSet updated to run as the role', services: CFN, perms: ['cloudformation:UpdateStackSet'], pre: ['an existing StackSet'] }),
  pass({ id: 'codebuild.create-project.start-build', pf: ['codebuild-001'], title: 'CodeBuild project running as the role, built', services: CODEBUILD, perms: ['codebuild:CreateProject', 'codebuild:StartBuild'] }),
  pass({ id: 'codebuild.create-project.start-build-batch', pf: ['codebuild-004'], title: 'CodeBuild project running as the role, batch build', services: CODEBUILD, perms: ['codebuild:CreateProject', 'codebuild:StartBuildBatch'] }),
  pass({ id: 'codebuild.update-project.start-build', pf: [], title: 'existing CodeBuild project switched to the role, built', services: CODEBUILD, perms: ['codebuild:UpdateProject', 'codebuild:StartBuild'], pre: ['an existing CodeBuild project'] }),
  pass({ id: 'datapipeline.create-pipeline', pf: ['datapipeline-001'], title: 'Data Pipeline running commands as the role', services: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'], perms: ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'] }),
  pass({ id: 'glue.create-dev-endpoint', pf: ['glue-001'], title: 'Glue development endpoint running as the role', services: GLUE, perms: ['glue:CreateDevEndpoint'] }),
  pass({ id: 'glue.create-job.start-job-run', pf: ['glue-003'], title: 'Glue job running as the role, started', services: GLUE, perms: ['glue:CreateJob', 'glue:StartJobRun'] }),
  pass({ id: 'glue.create-job.create-trigger', pf: ['glue-004'], title: 'Glue job running as the role, triggered', services: GLUE, perms: ['glue:CreateJob', 'glue:CreateTrigger'] }),
  pass({ id: 'glue.update-job.start-job-run', pf: ['glue-005'], title: 'existing Glue job switched to the role, started', services: GLUE, perms: ['glue:UpdateJob', 'glue:StartJobRun'], pre: ['an existing Glue job'] }),
  pass({ id: 'glue.update-job.create-trigger', pf: ['glue-006'], title: 'existing Glue job switched to the role, triggered', services: GLUE, perms: ['glue:UpdateJob', 'glue:CreateTrigger'], pre: ['an existing Glue job'] }),
  pass({ id: 'glue.create-session.run-statement', pf: ['glue-007'], title: 'Glue interactive session running as the role', services: GLUE, perms: ['glue:CreateSession', 'glue:RunStatement'] }),
  pass({ id: 'sagemaker.create-notebook-instance', pf: ['sagemaker-001'], title: 'SageMaker notebook instance running as the role', services: SAGEMAKER, perms: ['sagemaker:CreateNotebookInstance'] }),
  pass({ id: 'sagemaker.create-training-job', pf: ['sagemaker-002'], title: 'SageMaker training job running as the role', services: SAGEMAKER, perms: ['sagemaker:CreateTrainingJob'] }),
  pass({ id: 'sagemaker.create-processing-job', pf: ['sagemaker-003'], title: 'SageMaker processing job running as the role', services: SAGEMAKER, perms: ['sagemaker:CreateProcessingJob'] }),
  pass({ id: 'ecs.create-cluster.create-service', pf: ['ecs-001'], title: 'new ECS cluster and service whose task runs as the role', services: ECS, perms: ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'] }),
  pass({ id: 'ecs.create-cluster.run-task', pf: ['ecs-002'], title: 'new ECS cluster and task running as the role', services: ECS, perms: ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'] }),
  pass({ id: 'ecs.register-task-definition.create-service', pf: ['ecs-003'], title: 'ECS service whose task runs as the role', services: ECS, perms: ['ecs:RegisterTaskDefinition', 'ecs:CreateService'], pre: ['an existing ECS cluster'] }),
  pass({ id: 'ecs.register-task-definition.run-task', pf: ['ecs-004'], title: 'ECS task running as the role', services: ECS, perms: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], pre: ['an existing ECS cluster'] }),
  pass({ id: 'ecs.register-task-definition.start-task', pf: ['ecs-005'], title: 'ECS task started on a container instance, running as the role', services: ECS, perms: ['ecs:RegisterTaskDefinition', 'ecs:StartTask'], pre: ['an existing ECS cluster with EC2 container instances'] }),
  pass({ id: 'ecs.register-container-instance.start-task', pf: ['ecs-007'], title: 'own container instance registered, task started as the role', services: ECS, perms: ['ecs:RegisterContainerInstance', 'ecs:StartTask'], pre: ['an existing task definition'] }),
  pass({ id: 'ecs.run-task.override', pf: ['ecs-008'], title: 'existing task definition run with the role as task-role override', services: ECS, perms: ['ecs:RunTask'], pre: ['an existing ECS cluster and task definition'] }),
  pass({ id: 'ecs.start-task.override', pf: ['ecs-009'], title: 'existing task definition started with the role as task-role override', services: ECS, perms: ['ecs:StartTask'], pre: ['an existing ECS cluster with container instances and a task definition'] }),
  pass({ id: 'apprunner.create-service', pf: ['apprunner-001'], title: 'App Runner service running as the role', services: ['tasks.apprunner.amazonaws.com'], perms: ['apprunner:CreateService'] }),
  pass({ id: 'batch.register-job-definition.submit-job', pf: ['batch-001'], title: 'Batch job running as the role', services: ECS, perms: ['batch:RegisterJobDefinition', 'batch:SubmitJob'], pre: ['an existing Batch job queue and compute environment'] }),
  pass({ id: 'batch.create-compute-environment.submit-job', pf: ['batch-003'], title: 'Batch compute environment, queue and job running as the role', services: ECS, perms: ['batch:CreateComputeEnvironment', 'batch:CreateJobQueue', 'batch:RegisterJobDefinition', 'batch:SubmitJob'] }),
  pass({ id: 'braket.create-job', pf: ['braket-001'], title: 'Braket hybrid job running as the role', services: ['braket.amazonaws.com'], perms: ['braket:CreateJob'] }),
  pass({ id: 'emr.run-job-flow', pf: ['emr-001'], title: 'EMR cluster whose instances run as the role', services: EC2, perms: ['elasticmapreduce:RunJobFlow'], profile: true }),
  pass({ id: 'emr-serverless.start-job-run', pf: ['emrserverless-001'], title: 'EMR Serverless job running as the role', services: ['emr-serverless.amazonaws.com'], perms: ['emr-serverless:CreateApplication', 'emr-serverless:StartJobRun'] }),
  pass({ id: 'gamelift.create-fleet', pf: ['gamelift-001'], title: 'GameLift fleet running as the role', services: ['gamelift.amazonaws.com'], perms: ['gamelift:CreateBuild', 'gamelift:RequestUploadCredentials', 'gamelift:CreateFleet'] }),
  pass({ id: 'imagebuilder.create-image', pf: ['imagebuilder-001'], title: 'EC2 Image Builder build instance running as the role', services: EC2, perms: ['imagebuilder:CreateComponent', 'imagebuilder:CreateImageRecipe', 'imagebuilder:CreateInfrastructureConfiguration', 'imagebuilder:CreateImage'], profile: true }),
  pass({ id: 'kinesisanalytics.create-application', pf: ['kinesisanalytics-001'], title: 'Kinesis Data Analytics application running as the role', services: ['kinesisanalytics.amazonaws.com'], perms: ['kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'] }),
  pass({ id: 'omics.start-run', pf: ['omics-001'], title: 'HealthOmics workflow run as the role', services: ['omics.amazonaws.com'], perms: ['omics:CreateWorkflow', 'omics:StartRun'] }),
  pass({ id: 'scheduler.create-schedule', pf: ['scheduler-001'], title: 'EventBridge Scheduler schedule whose target runs as the role', services: ['scheduler.amazonaws.com'], perms: ['scheduler:CreateSchedule'] }),
  pass({ id: 'ssm.start-automation-execution', pf: ['ssm-003'], title: 'SSM Automation document run as the role', services: ['ssm.amazonaws.com'], perms: ['ssm:CreateDocument', 'ssm:StartAutomationExecution'] }),
  pass({ id: 'states.create-state-machine', pf: ['stepfunctions-001'], title: 'Step Functions state machine running as the role', services: ['states.amazonaws.com'], perms: ['states:CreateStateMachine', 'states:StartExecution'] }),
  pass({ id: 'bedrock-agentcore.create-code-interpreter', pf: ['bedrock-001'], title: 'AgentCore code interpreter running as the role', services: AGENTCORE, perms: ['bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'] }),
  pass({ id: 'bedrock-agentcore.create-agent-runtime', pf: ['bedrock-003'], title: 'AgentCore runtime running as the role, commanded', services: AGENTCORE, perms: ['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:CreateAgentRuntimeEndpoint', 'bedrock-agentcore:CreateWorkloadIdentity', 'bedrock-agentcore:InvokeAgentRuntimeCommand'] }),
  pass({ id: 'amplify.create-app', pf: [], title: 'Amplify app whose build runs as the role', services: ['amplify.amazonaws.com'], perms: ['amplify:CreateApp', 'amplify:CreateBranch', 'amplify:StartJob'] }),
  pass({ id: 'codestar.create-project', pf: [], title: 'CodeStar project created with the role', services: ['codestar.amazonaws.com'], perms: ['codestar:CreateProject'] }),
  pass({ id: 'cognito-identity.set-identity-pool-roles', pf: ['cognitoidentity-001'], title: 'identity pool mapped to the role', services: ['cognito-identity.amazonaws.com'], perms: ['cognito-identity:SetIdentityPoolRoles'], pre: ['an identity pool the caller can authenticate to'] }),
];

/** Compute that already runs as a role, taken over without iam:PassRole. */
const EXISTING_RULES: readonly EscalationRule[] = [
  existing({ id: 'lambda.update-function-code', pf: ['lambda-003'], title: 'replace the code of a function running as the role', services: LAMBDA, perms: ['lambda:UpdateFunctionCode'], pre: ['an existing Lambda function running as the role', 'the function is invoked by someone else'] }),
  existing({ id: 'lambda.update-function-code.invoke', pf: ['lambda-004'], title: 'replace the code of a function running as the role, invoke it', services: LAMBDA, perms: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], pre: ['an existing Lambda function running as the role'] }),
  existing({ id: 'lambda.update-function-code.add-permission', pf: ['lambda-005'], title: 'replace the code of a function running as the role, grant oneself invoke', services: LAMBDA, perms: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'], pre: ['an existing Lambda function running as the role'] }),
  existing({ id: 'glue.update-dev-endpoint', pf: ['glue-002'], title: 'add an SSH key to a Glue development endpoint running as the role', services: GLUE, perms: ['glue:UpdateDevEndpoint'], pre: ['an existing Glue development endpoint running as the role'] }),
  existing({ id: 'cloudformation.update-stack', pf: ['cloudformation-002'], title: 'update a stack whose service role is the role', services: CFN, perms: ['cloudformation:UpdateStack'], pre: ['an existing stack with the role as its service role'] }),
  existing({ id: 'cloudformation.execute-change-set', pf: ['cloudformation-005'], title: 'change set on a stack whose service role is the role', services: CFN, perms: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], pre: ['an existing stack with the role as its service role'] }),
  existing({ id: 'codebuild.start-build', pf: ['codebuild-002'], title: 'buildspec override on a project running as the role', services: CODEBUILD, perms: ['codebuild:StartBuild'], pre: ['an existing CodeBuild project running as the role'] }),
  existing({ id: 'codebuild.start-build-batch', pf: ['codebuild-003'], title: 'batch buildspec override on a project running as the role', services: CODEBUILD, perms: ['codebuild:StartBuildBatch'], pre: ['an existing CodeBuild project running as the role'] }),
  existing({ id: 'ec2.modify-instance-attribute', pf: ['ec2-002'], title: 'user-data injection into an instance running as the role, restarted', services: EC2, perms: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'], pre: ['an existing EC2 instance with the role\u2019s instance profile'], profile: true }),
  existing({ id: 'ec2.create-launch-template-version', pf: ['ec2-004', 'ec2-005'], title: 'poison a launch template that uses the role\u2019s instance profile', services: EC2, perms: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], pre: ['a launch template with the role\u2019s instance profile, used by an Auto Scaling group or fleet'], profile: true }),
  existing({ id: 'ec2-instance-connect.send-ssh-public-key', pf: ['ec2instanceconnect-003'], title: 'SSH into an instance running as the role', services: EC2, perms: ['ec2-instance-connect:SendSSHPublicKey'], pre: ['a reachable EC2 instance with the role\u2019s instance profile'], profile: true }),
  existing({ id: 'ssm.start-session', pf: ['ssm-001'], title: 'Session Manager shell on an instance running as the role', services: EC2, perms: ['ssm:StartSession'], pre: ['an SSM-managed EC2 instance with the role\u2019s instance profile'], profile: true }),
  existing({ id: 'ssm.send-command', pf: ['ssm-002'], title: 'Run Command on an instance running as the role', services: EC2, perms: ['ssm:SendCommand'], pre: ['an SSM-managed EC2 instance with the role\u2019s instance profile'], profile: true }),
  existing({ id: 'ssm.create-association', pf: [], title: 'State Manager association on an instance running as the role', services: EC2, perms: ['ssm:CreateAssociation'], pre: ['an SSM-managed EC2 instance with the role\u2019s instance profile'], profile: true }),
  existing({ id: 'ecs.execute-command', pf: ['ecs-006'], title: 'ECS Exec into a task running as the role', services: ECS, perms: ['ecs:ExecuteCommand'], pre: ['a running ECS task with the role as task role and exec enabled'] }),
  existing({ id: 'sagemaker.create-presigned-notebook-instance-url', pf: ['sagemaker-004'], title: 'open a notebook instance running as the role', services: SAGEMAKER, perms: ['sagemaker:CreatePresignedNotebookInstanceUrl'], pre: ['an existing notebook instance running as the role'] }),
  existing({ id: 'sagemaker.update-notebook-instance.lifecycle-config', pf: ['sagemaker-005'], title: 'lifecycle configuration injected into a notebook instance running as the role', services: SAGEMAKER, perms: ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'], pre: ['an existing notebook instance running as the role'] }),
  existing({ id: 'apprunner.update-service', pf: ['apprunner-002'], title: 'update an App Runner service running as the role', services: ['tasks.apprunner.amazonaws.com'], perms: ['apprunner:UpdateService'], pre: ['an existing App Runner service running as the role'] }),
  existing({ id: 'batch.submit-job', pf: ['batch-002'], title: 'Batch job with a command override on a job definition running as the role', services: ECS, perms: ['batch:SubmitJob'], pre: ['a job definition with the role as job role, and a job queue'] }),
  existing({ id: 'codedeploy.create-deployment', pf: ['codedeploy-001'], title: 'CodeDeploy deployment to instances running as the role', services: EC2, perms: ['codedeploy:CreateDeployment', 'codedeploy:RegisterApplicationRevision'], pre: ['a deployment group whose instances have the role\u2019s instance profile'], profile: true }),
  existing({ id: 'states.update-state-machine', pf: ['stepfunctions-002'], title: 'update and run a state machine running as the role', services: ['states.amazonaws.com'], perms: ['states:UpdateStateMachine', 'states:StartExecution'], pre: ['an existing state machine running as the role'] }),
  existing({ id: 'bedrock-agentcore.invoke-code-interpreter', pf: ['bedrock-002'], title: 'session on an AgentCore code interpreter running as the role', services: AGENTCORE, perms: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], pre: ['an existing AgentCore code interpreter running as the role'] }),
  existing({ id: 'bedrock-agentcore.invoke-agent-runtime-command', pf: [], title: 'command on an AgentCore runtime running as the role', services: AGENTCORE, perms: ['bedrock-agentcore:InvokeAgentRuntimeCommand'], pre: ['an existing AgentCore runtime running as the role'] }),
];

/** Every escalation rule, in a stable order. */
export const ESCALATION_RULES: readonly EscalationRule[] = [...IAM_RULES, ...PASS_ROLE_RULES, ...EXISTING_RULES];

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, EscalationRule> = new Map(ESCALATION_RULES.map((x) => [x.id, x]));

/**
 * pathfinding.cloud methods the graph deliberately does not model, with the reason. (Every id of
 * the 65-method catalogue is mapped today; ids of later catalogue versions that need an AWS
 * Organizations management account, such as sso-001…003, would go here.)
 */
export const OUT_OF_SCOPE: ReadonlyMap<string, string> = new Map([
  ['sso-001', 'IAM Identity Center permission sets live in the management account; a snapshot of one member account does not hold them'],
  ['sso-002', 'IAM Identity Center permission sets live in the management account; a snapshot of one member account does not hold them'],
  ['sso-003', 'IAM Identity Center permission sets live in the management account; a snapshot of one member account does not hold them'],
]);

/** The pathfinding id a rule reports, or null. */
export function pathfindingIdOf(rule: EscalationRule): string | null {
  return rule.pathfindingIds[0] ?? null;
}
