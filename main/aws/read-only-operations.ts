// The one allow-list of AWS operations the pull may send, with the IAM action each one needs.
// Node-only data; imports nothing (never electron). docs/read-only-policy.json grants exactly these actions.

/**
 * Services the pull talks to, named as in their signing scope, except `s3control`: S3 Control signs
 * as `s3` but is its own API (its GetPublicAccessBlock reads the account's setting, not a bucket's).
 */
export type AwsServiceId =
  | 'sts'
  | 'iam'
  | 'organizations'
  | 's3'
  | 's3control'
  | 'kms'
  | 'lambda'
  | 'sqs'
  | 'sns'
  | 'secretsmanager'
  | 'ecr';

/**
 * Service → operation name (the SDK command without `Command`) → the IAM action that authorises it.
 * Every entry is a List/Get/Describe call, except iam:GenerateCredentialReport, which AWS requires
 * before GetCredentialReport and which the service authorisation reference classes as Read.
 */
export const READ_ONLY_OPERATIONS: Readonly<Record<AwsServiceId, Readonly<Record<string, string>>>> = {
  sts: { GetCallerIdentity: 'sts:GetCallerIdentity' },
  iam: {
    GetAccountAuthorizationDetails: 'iam:GetAccountAuthorizationDetails',
    GenerateCredentialReport: 'iam:GenerateCredentialReport',
    GetCredentialReport: 'iam:GetCredentialReport',
    ListVirtualMFADevices: 'iam:ListVirtualMFADevices',
    ListSAMLProviders: 'iam:ListSAMLProviders',
    GetSAMLProvider: 'iam:GetSAMLProvider',
    ListOpenIDConnectProviders: 'iam:ListOpenIDConnectProviders',
    GetOpenIDConnectProvider: 'iam:GetOpenIDConnectProvider',
    GetAccountPasswordPolicy: 'iam:GetAccountPasswordPolicy',
    GetAccountSummary: 'iam:GetAccountSummary',
    ListAccountAliases: 'iam:ListAccountAliases',
  },
  organizations: {
    DescribeOrganization: 'organizations:DescribeOrganization',
    ListRoots: 'organizations:ListRoots',
    ListParents: 'organizations:ListParents',
    DescribeOrganizationalUnit: 'organizations:DescribeOrganizationalUnit',
    DescribeAccount: 'organizations:DescribeAccount',
    ListPoliciesForTarget: 'organizations:ListPoliciesForTarget',
    DescribePolicy: 'organizations:DescribePolicy',
  },
  s3: {
    ListBuckets: 's3:ListAllMyBuckets',
    GetBucketPolicy: 's3:GetBucketPolicy',
    GetBucketAcl: 's3:GetBucketAcl',
    GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  },
  // The same operation name in S3 Control reads the account-level setting, under another IAM action
  // ("Actions defined by Amazon S3", service authorization reference).
  s3control: { GetPublicAccessBlock: 's3:GetAccountPublicAccessBlock' },
  kms: { ListKeys: 'kms:ListKeys', GetKeyPolicy: 'kms:GetKeyPolicy' },
  lambda: { ListFunctions: 'lambda:ListFunctions', GetPolicy: 'lambda:GetPolicy' },
  sqs: { ListQueues: 'sqs:ListQueues', GetQueueAttributes: 'sqs:GetQueueAttributes' },
  sns: { ListTopics: 'sns:ListTopics', GetTopicAttributes: 'sns:GetTopicAttributes' },
  secretsmanager: {
    ListSecrets: 'secretsmanager:ListSecrets',
    GetResourcePolicy: 'secretsmanager:GetResourcePolicy',
  },
  ecr: { DescribeRepositories: 'ecr:DescribeRepositories', GetRepositoryPolicy: 'ecr:GetRepositoryPolicy' },
};

/** Whether `operation` of `service` is on the allow-list. */
export function isReadOnlyOperation(service: string, operation: string): boolean {
  if (!Object.hasOwn(READ_ONLY_OPERATIONS, service)) return false;
  const operations = READ_ONLY_OPERATIONS[service as AwsServiceId];
  return Object.hasOwn(operations, operation);
}
