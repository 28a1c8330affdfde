// A fake AWS endpoint on 127.0.0.1 that answers the real SDK clients in each service's protocol:
// query (IAM, STS, SNS), JSON 1.1 (Organizations, KMS, Secrets Manager, ECR), JSON 1.0 (SQS),
// REST-JSON (Lambda) and REST-XML (S3, and S3 Control, which signs as `s3` and is told apart by
// its `/v20180820/` path). It records every operation and can inject faults.
// Test-only; never contacts anything but its own clients.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAccount, FakeResource, Json } from './account';

/** Faults and paging the server applies. Keys are `service` or `service:Operation`. */
export interface FakeScenario {
  /** At most this many items per page of every list (more pages, same data). */
  pageSize?: number;
  /** Key → how many throttling errors to answer before answering normally. */
  throttle?: Record<string, number>;
  /** Keys answered with access denied. */
  deny?: string[];
  /** Every call is answered with an expired-token error. */
  expiredToken?: boolean;
  /** Keys whose connections are destroyed before any answer. */
  drop?: string[];
  /** Keys whose requests are read but never answered. */
  hang?: string[];
  /** Keys answered 200 with a body that is not valid XML/JSON. */
  malformed?: string[];
  /** How many GenerateCredentialReport calls answer STARTED before COMPLETE. */
  reportPolls?: number;
}

/** One operation the server received. */
export interface RecordedCall {
  service: string;
  operation: string;
  region: string;
}

/** A running fake server. */
export interface FakeAws {
  url: string;
  calls: RecordedCall[];
  /** Request headers and bodies seen, for secret-leak checks. */
  raw: string[];
  close(): Promise<void>;
}

/** `rest-xml-control` is S3 Control's REST-XML: its errors come wrapped in `<ErrorResponse>`. */
type Protocol = 'query' | 'json' | 'rest-json' | 'rest-xml' | 'rest-xml-control';

const PROTOCOL: Record<string, Protocol> = {
  iam: 'query',
  sts: 'query',
  sns: 'query',
  organizations: 'json',
  kms: 'json',
  secretsmanager: 'json',
  ecr: 'json',
  sqs: 'json',
  lambda: 'rest-json',
  s3: 'rest-xml',
  s3control: 'rest-xml-control',
};

/** The path prefix of every S3 Control operation ("S3 Control API Reference": `/v20180820/…`). */
const S3_CONTROL_PATH = '/v20180820/';

const XMLNS: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
};

/** An XML map (`<entry><key/><value/></entry>`), as the query protocol writes maps. */
class XmlMap {
  constructor(readonly entries: Record<string, string | number>) {}
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function toXml(name: string, value: unknown, depth = 0): string {
  if (depth > 20 || value === undefined || value === null) return '';
  if (Array.isArray(value))
    return `<${name}>${value.map((v) => toXml('member', v, depth + 1)).join('')}</${name}>`;
  if (value instanceof XmlMap) {
    const entries = Object.entries(value.entries).map(
      ([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(v))}</value></entry>`,
    );
    return `<${name}>${entries.join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Json)
      .map(([k, v]) => toXml(k, v, depth + 1))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const DOCUMENT_FIELDS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Document']);

/** URL-encodes policy documents as the IAM query API does ("GetAccountAuthorizationDetails", IAM API Reference). */
function encodeDocuments(value: unknown, depth = 0): unknown {
  if (depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => encodeDocuments(v, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Json).map(([k, v]) => [
        k,
        DOCUMENT_FIELDS.has(k) && typeof v === 'object'
          ? encodeURIComponent(JSON.stringify(v))
          : encodeDocuments(v, depth + 1),
      ]),
    );
  }
  return value;
}

class Reply {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

let requestCounter = 0;
function requestId(): string {
  requestCounter += 1;
  return `00000000-0000-0000-0000-${String(requestCounter).padStart(12, '0')}`;
}

function queryOk(service: string, action: string, result: Json): Reply {
  const inner = Object.entries(result)
    .map(([k, v]) => toXml(k, v))
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${XMLNS[service] ?? ''}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`;
  return new Reply(200, body, { 'content-type': 'text/xml' });
}

function errorReply(protocol: Protocol, status: number, code: string, message: string): Reply {
  switch (protocol) {
    case 'query':
      return new Reply(
        status,
        `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
        { 'content-type': 'text/xml' },
      );
    case 'rest-xml':
      return new Reply(
        status,
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId()}</RequestId></Error>`,
        {
          'content-type': 'application/xml',
        },
      );
    case 'rest-xml-control':
      return new Reply(
        status,
        `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId><HostId>host</HostId></ErrorResponse>`,
        { 'content-type': 'application/xml' },
      );
    case 'rest-json':
      return new Reply(status, JSON.stringify({ Type: 'User', message }), {
        'content-type': 'application/json',
        'x-amzn-errortype': code,
      });
    case 'json':
      return new Reply(status, JSON.stringify({ __type: code, message }), {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': code,
      });
  }
}

function jsonOk(body: unknown): Reply {
  return new Reply(200, JSON.stringify(body), { 'content-type': 'application/x-amz-json-1.1' });
}

/** Pages `items` from a numeric offset token. */
function page<T>(
  items: readonly T[],
  token: unknown,
  requested: unknown,
  cap: number | undefined,
  fallback = 100,
): { items: T[]; next?: string } {
  const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
  let size =
    typeof requested === 'number'
      ? requested
      : typeof requested === 'string' && /^\d+$/.test(requested)
        ? Number(requested)
        : fallback;
  if (cap !== undefined) size = Math.min(size, cap);
  size = Math.max(1, size);
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, next: String(start + size) } : { items: slice };
}

function inRegion<T extends FakeResource>(items: readonly T[], region: string): T[] {
  return items.filter((item) => item.region === region);
}

/** Starts the fake AWS server for `account` on 127.0.0.1 (a free port). */
export async function startFakeAws(account: FakeAccount, scenario: FakeScenario = {}): Promise<FakeAws> {
  const calls: RecordedCall[] = [];
  const raw: string[] = [];
  const throttles = new Map(Object.entries(scenario.throttle ?? {}));
  let reportPolls = scenario.reportPolls ?? 1;
  const id = account.accountId;
  let url = '';

  const matches = (list: string[] | undefined, service: string, operation: string): boolean =>
    list?.some((key) => key === service || key === `${service}:${operation}`) ?? false;

  function takeThrottle(service: string, operation: string): boolean {
    for (const key of [`${service}:${operation}`, service]) {
      const left = throttles.get(key);
      if (left !== undefined && left > 0) {
        throttles.set(key, left - 1);
        return true;
      }
    }
    return false;
  }

  function iam(action: string, params: URLSearchParams): Reply {
    switch (action) {
      case 'GetAccountAuthorizationDetails': {
        const all: [string, Json][] = [
          ...account.users.map((u): [string, Json] => ['UserDetailList', u]),
          ...account.groups.map((g): [string, Json] => ['GroupDetailList', g]),
          ...account.roles.map((r): [string, Json] => ['RoleDetailList', r]),
          ...account.policies.map((p): [string, Json] => ['Policies', p]),
        ];
        const p = page(all, params.get('Marker'), params.get('MaxItems'), scenario.pageSize);
        const lists: Record<string, Json[]> = {
          UserDetailList: [],
          GroupDetailList: [],
          RoleDetailList: [],
          Policies: [],
        };
        for (const [list, item] of p.items) lists[list]?.push(encodeDocuments(item) as Json);
        return queryOk('iam', action, {
          ...lists,
          IsTruncated: p.next !== undefined,
          ...(p.next ? { Marker: p.next } : {}),
        });
      }
      case 'GenerateCredentialReport':
        if (reportPolls > 0) {
          reportPolls -= 1;
          return queryOk('iam', action, {
            State: 'STARTED',
            Description: 'No report exists. Starting a new report generation task',
          });
        }
        return queryOk('iam', action, { State: 'COMPLETE' });
      case 'GetCredentialReport':
        return queryOk('iam', action, {
          Content: Buffer.from(account.credentialReportCsv).toString('base64'),
          ReportFormat: 'text/csv',
          GeneratedTime: '2026-11-29T00:00:00Z',
        });
      case 'ListVirtualMFADevices': {
        const p = page(account.mfaDevices, params.get('Marker'), params.get('MaxItems'), scenario.pageSize);
        return queryOk('iam', action, {
          VirtualMFADevices: p.items.map((d) => ({
            SerialNumber: d.serialNumber,
            ...(d.userName
              ? {
                  User: {
                    UserName: d.userName,
                    Arn: `arn:aws:iam::${id}:user/${d.userName}`,
                    UserId: 'AIDAUSER',
                    Path: '/',
                    CreateDate: '2024-01-01T00:00:00Z',
                  },
                  EnableDate: '2024-02-01T00:00:00Z',
                }
              : {}),
          })),
          IsTruncated: p.next !== undefined,
          ...(p.next ? { Marker: p.next } : {}),
        });
      }
      case 'ListSAMLProviders':
        return queryOk('iam', action, {
          SAMLProviderList: account.saml.map((s) => ({
            Arn: `arn:aws:iam::${id}:saml-provider/${s.name}`,
            ValidUntil: '2030-01-01T00:00:00Z',
            CreateDate: '2024-01-01T00:00:00Z',
          })),
        });
      case 'GetSAMLProvider': {
        const name = (params.get('SAMLProviderArn') ?? '').split('/').pop();
        const provider = account.saml.find((s) => s.name === name);
        if (!provider) return errorReply('query', 404, 'NoSuchEntity', 'no such provider');
        return queryOk('iam', action, {
          SAMLMetadataDocument: provider.metadata,
          CreateDate: '2024-01-01T00:00:00Z',
          ValidUntil: '2030-01-01T00:00:00Z',
        });
      }
      case 'ListOpenIDConnectProviders':
        return queryOk('iam', action, {
          OpenIDConnectProviderList: account.oidc.map((o) => ({
            Arn: `arn:aws:iam::${id}:oidc-provider/${o.url}`,
          })),
        });
      case 'GetOpenIDConnectProvider': {
        const arn = params.get('OpenIDConnectProviderArn') ?? '';
        const provider = account.oidc.find((o) => arn.endsWith(`/${o.url}`));
        if (!provider) return errorReply('query', 404, 'NoSuchEntity', 'no such provider');
        return queryOk('iam', action, {
          Url: provider.url,
          ClientIDList: provider.clientIds,
          ThumbprintList: provider.thumbprints,
          CreateDate: '2024-01-01T00:00:00Z',
        });
      }
      case 'GetAccountPasswordPolicy':
        if (!account.passwordPolicy)
          return errorReply(
            'query',
            404,
            'NoSuchEntity',
            `The Password Policy with domain name ${id} cannot be found.`,
          );
        return queryOk('iam', action, { PasswordPolicy: account.passwordPolicy });
      case 'GetAccountSummary':
        return queryOk('iam', action, { SummaryMap: new XmlMap(account.summary) });
      case 'ListAccountAliases':
        return queryOk('iam', action, { AccountAliases: account.aliases, IsTruncated: false });
      default:
        return errorReply('query', 400, 'InvalidAction', `unknown action ${action}`);
    }
  }

  function sns(action: string, params: URLSearchParams, region: string): Reply {
    const topics = inRegion(account.topics, region);
    const arn = (t: FakeResource): string => `arn:aws:sns:${region}:${id}:${t.name}`;
    if (action === 'ListTopics') {
      const p = page(topics, params.get('NextToken'), undefined, scenario.pageSize);
      return queryOk('sns', action, {
        Topics: p.items.map((t) => ({ TopicArn: arn(t) })),
        ...(p.next ? { NextToken: p.next } : {}),
      });
    }
    if (action === 'GetTopicAttributes') {
      const topic = topics.find((t) => arn(t) === params.get('TopicArn'));
      if (!topic) return errorReply('query', 404, 'NotFound', 'Topic does not exist');
      return queryOk('sns', action, {
        Attributes: new XmlMap({
          TopicArn: arn(topic),
          Owner: id,
          ...(topic.policy ? { Policy: JSON.stringify(topic.policy) } : {}),
        }),
      });
    }
    return errorReply('query', 400, 'InvalidAction', `unknown action ${action}`);
  }

  function organizations(operation: string, input: Json): Reply {
    const org = account.organization;
    if (!org)
      return errorReply(
        'json',
        400,
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      );
    const level = (levelId: unknown) => org.path.find((l) => l.id === levelId);
    switch (operation) {
      case 'DescribeOrganization':
        return jsonOk({
          Organization: {
            Id: org.id,
            Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
            FeatureSet: 'ALL',
            MasterAccountId: org.managementAccountId,
          },
        });
      case 'ListParents': {
        const index = org.path.findIndex((l) => l.id === input['ChildId']);
        const parent = index > 0 ? org.path[index - 1] : undefined;
        if (!parent) return errorReply('json', 400, 'ChildNotFoundException', 'no such child');
        return jsonOk({ Parents: [{ Id: parent.id, Type: parent.type }] });
      }
      case 'ListRoots':
        return jsonOk({
          Roots: org.path
            .filter((l) => l.type === 'ROOT')
            .map((l) => ({
              Id: l.id,
              Name: l.name,
              Arn: `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${l.id}`,
            })),
        });
      case 'DescribeOrganizationalUnit': {
        const ou = level(input['OrganizationalUnitId']);
        if (!ou) return errorReply('json', 400, 'OrganizationalUnitNotFoundException', 'no such OU');
        return jsonOk({ OrganizationalUnit: { Id: ou.id, Name: ou.name } });
      }
      case 'DescribeAccount': {
        const acct = level(input['AccountId']);
        if (!acct) return errorReply('json', 400, 'AccountNotFoundException', 'no such account');
        return jsonOk({ Account: { Id: acct.id, Name: acct.name, Status: 'ACTIVE' } });
      }
      case 'ListPoliciesForTarget': {
        const target = String(input['TargetId'] ?? '');
        const attached = Object.hasOwn(org.attachments, target) ? (org.attachments[target] ?? []) : [];
        const policies = org.policies.filter((p) => attached.includes(p.id) && p.type === input['Filter']);
        const p = page(policies, input['NextToken'], input['MaxResults'], scenario.pageSize);
        return jsonOk({
          Policies: p.items.map((x) => ({
            Id: x.id,
            Name: x.name,
            Type: x.type,
            AwsManaged: x.name === 'FullAWSAccess',
          })),
          ...(p.next ? { NextToken: p.next } : {}),
        });
      }
      case 'DescribePolicy': {
        const policy = org.policies.find((p) => p.id === input['PolicyId']);
        if (!policy) return errorReply('json', 400, 'PolicyNotFoundException', 'no such policy');
        return jsonOk({
          Policy: {
            PolicySummary: { Id: policy.id, Name: policy.name, Type: policy.type },
            Content: JSON.stringify(policy.content),
          },
        });
      }
      default:
        return errorReply('json', 400, 'UnknownOperationException', operation);
    }
  }

  function jsonService(service: string, operation: string, input: Json, region: string): Reply {
    if (service === 'organizations') return organizations(operation, input);
    const key = `${service}:${operation}`;
    switch (key) {
      case 'kms:ListKeys': {
        const p = page(inRegion(account.keys, region), input['Marker'], input['Limit'], scenario.pageSize);
        return jsonOk({
          Keys: p.items.map((k) => ({ KeyId: k.name, KeyArn: `arn:aws:kms:${region}:${id}:key/${k.name}` })),
          Truncated: p.next !== undefined,
          ...(p.next ? { NextMarker: p.next } : {}),
        });
      }
      case 'kms:GetKeyPolicy': {
        const keyItem = inRegion(account.keys, region).find((k) => k.name === input['KeyId']);
        if (!keyItem) return errorReply('json', 400, 'NotFoundException', 'no such key');
        return jsonOk({ Policy: JSON.stringify(keyItem.policy ?? {}), PolicyName: 'default' });
      }
      case 'secretsmanager:ListSecrets': {
        const p = page(
          inRegion(account.secrets, region),
          input['NextToken'],
          input['MaxResults'],
          scenario.pageSize,
        );
        return jsonOk({
          SecretList: p.items.map((s) => ({
            ARN: `arn:aws:secretsmanager:${region}:${id}:secret:${s.name}-AbCdEf`,
            Name: s.name,
          })),
          ...(p.next ? { NextToken: p.next } : {}),
        });
      }
      case 'secretsmanager:GetResourcePolicy': {
        const secret = inRegion(account.secrets, region).find(
          (s) => `arn:aws:secretsmanager:${region}:${id}:secret:${s.name}-AbCdEf` === input['SecretId'],
        );
        if (!secret) return errorReply('json', 400, 'ResourceNotFoundException', 'no such secret');
        return jsonOk({
          ARN: input['SecretId'],
          Name: secret.name,
          ...(secret.policy ? { ResourcePolicy: JSON.stringify(secret.policy) } : {}),
        });
      }
      case 'ecr:DescribeRepositories': {
        const p = page(
          inRegion(account.repositories, region),
          input['nextToken'],
          input['maxResults'],
          scenario.pageSize,
        );
        return jsonOk({
          repositories: p.items.map((r) => ({
            repositoryArn: `arn:aws:ecr:${region}:${id}:repository/${r.name}`,
            registryId: id,
            repositoryName: r.name,
            createdAt: 1700000000,
          })),
          ...(p.next ? { nextToken: p.next } : {}),
        });
      }
      case 'ecr:GetRepositoryPolicy': {
        const repo = inRegion(account.repositories, region).find((r) => r.name === input['repositoryName']);
        if (!repo) return errorReply('json', 400, 'RepositoryNotFoundException', 'no such repository');
        if (!repo.policy) return errorReply('json', 400, 'RepositoryPolicyNotFoundException', 'no policy');
        return jsonOk({ registryId: id, repositoryName: repo.name, policyText: JSON.stringify(repo.policy) });
      }
      case 'sqs:ListQueues': {
        const p = page(
          inRegion(account.queues, region),
          input['NextToken'],
          input['MaxResults'],
          scenario.pageSize,
          1000,
        );
        return jsonOk({
          QueueUrls: p.items.map((q) => `${url}/${id}/${q.name}`),
          ...(p.next ? { NextToken: p.next } : {}),
        });
      }
      case 'sqs:GetQueueAttributes': {
        const queue = inRegion(account.queues, region).find(
          (q) => `${url}/${id}/${q.name}` === input['QueueUrl'],
        );
        if (!queue) return errorReply('json', 400, 'QueueDoesNotExist', 'no such queue');
        return jsonOk({
          Attributes: {
            QueueArn: `arn:aws:sqs:${region}:${id}:${queue.name}`,
            ...(queue.policy ? { Policy: JSON.stringify(queue.policy) } : {}),
          },
        });
      }
      default:
        return errorReply('json', 400, 'UnknownOperationException', key);
    }
  }

  function lambdaOperation(method: string, path: string): string {
    if (method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path)) return 'ListFunctions';
    if (method === 'GET' && /^\/2015-03-31\/functions\/[^/]+\/policy\/?$/.test(path)) return 'GetPolicy';
    return `${method} ${path}`;
  }

  function lambda(operation: string, path: string, query: URLSearchParams, region: string): Reply {
    const functions = inRegion(account.functions, region);
    if (operation === 'ListFunctions') {
      const p = page(functions, query.get('Marker'), query.get('MaxItems'), scenario.pageSize, 50);
      return new Reply(
        200,
        JSON.stringify({
          Functions: p.items.map((f) => ({
            FunctionName: f.name,
            FunctionArn: `arn:aws:lambda:${region}:${id}:function:${f.name}`,
          })),
          ...(p.next ? { NextMarker: p.next } : {}),
        }),
        {
          'content-type': 'application/json',
        },
      );
    }
    if (operation === 'GetPolicy') {
      const name = decodeURIComponent(path.split('/')[3] ?? '');
      const fn = functions.find((f) => f.name === name);
      if (!fn?.policy)
        return errorReply(
          'rest-json',
          404,
          'ResourceNotFoundException',
          'The resource you requested does not exist.',
        );
      return new Reply(200, JSON.stringify({ Policy: JSON.stringify(fn.policy), RevisionId: 'r1' }), {
        'content-type': 'application/json',
      });
    }
    return errorReply('rest-json', 400, 'UnknownOperationException', operation);
  }

  function s3Operation(method: string, path: string, query: URLSearchParams): string {
    if (method !== 'GET') return `${method} ${path}`;
    if (path === '/' || path === '') return 'ListBuckets';
    if (query.has('policy')) return 'GetBucketPolicy';
    if (query.has('acl')) return 'GetBucketAcl';
    if (query.has('publicAccessBlock')) return 'GetPublicAccessBlock';
    return `${method} ${path}`;
  }

  function s3(operation: string, path: string, query: URLSearchParams): Reply {
    const xml = (body: string): Reply =>
      new Reply(200, `<?xml version="1.0" encoding="UTF-8"?>${body}`, { 'content-type': 'application/xml' });
    if (operation === 'ListBuckets') {
      const p = page(
        account.buckets,
        query.get('continuation-token'),
        query.get('max-buckets'),
        scenario.pageSize,
        10000,
      );
      const buckets = p.items
        .map(
          (b) =>
            `<Bucket><Name>${escapeXml(b.name)}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`,
        )
        .join('');
      return xml(
        `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner-id</ID></Owner><Buckets>${buckets}</Buckets>${p.next ? `<ContinuationToken>${p.next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`,
      );
    }
    const name = decodeURIComponent(path.split('/')[1] ?? '');
    const bucket = account.buckets.find((b) => b.name === name);
    if (!bucket) return errorReply('rest-xml', 404, 'NoSuchBucket', 'The specified bucket does not exist');
    switch (operation) {
      case 'GetBucketPolicy':
        if (!bucket.policy)
          return errorReply('rest-xml', 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
        return new Reply(200, JSON.stringify(bucket.policy), { 'content-type': 'application/json' });
      case 'GetBucketAcl':
        return xml(
          `<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner-id</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner-id</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`,
        );
      case 'GetPublicAccessBlock': {
        const block = bucket.publicAccessBlock;
        if (!block)
          return errorReply(
            'rest-xml',
            404,
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
          );
        return xml(
          `<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${Object.entries(
            block,
          )
            .map(([k, v]) => toXml(k, v))
            .join('')}</PublicAccessBlockConfiguration>`,
        );
      }
      default:
        return errorReply('rest-xml', 400, 'NotImplemented', operation);
    }
  }

  function s3ControlOperation(method: string, path: string): string {
    if (method === 'GET' && path === `${S3_CONTROL_PATH}configuration/publicAccessBlock`)
      return 'GetPublicAccessBlock';
    return `${method} ${path}`;
  }

  function s3Control(operation: string, accountHeader: unknown): Reply {
    if (operation !== 'GetPublicAccessBlock')
      return errorReply('rest-xml-control', 400, 'NotImplemented', operation);
    // The account travels in the x-amz-account-id header; another account's setting is refused.
    if (accountHeader !== id)
      return errorReply(
        'rest-xml-control',
        403,
        'AccessDenied',
        `x-amz-account-id \`${String(accountHeader)}\` is not the caller's account`,
      );
    const block = account.accountPublicAccessBlock;
    if (!block)
      return errorReply(
        'rest-xml-control',
        404,
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return new Reply(
      200,
      `<?xml version="1.0" encoding="UTF-8"?><PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${Object.entries(
        block,
      )
        .map(([k, v]) => toXml(k, v))
        .join('')}</PublicAccessBlockConfiguration>`,
      { 'content-type': 'application/xml' },
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    raw.push(JSON.stringify(req.headers) + '\n' + body);
    const auth = String(req.headers['authorization'] ?? '');
    // The SigV4 credential scope names the region and the service: Credential=KEY/DATE/REGION/SERVICE/aws4_request.
    const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(auth);
    const region = scope?.[1] ?? 'us-east-1';
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const signedAs = scope?.[2] ?? 'unknown';
    const service = signedAs === 's3' && target.pathname.startsWith(S3_CONTROL_PATH) ? 's3control' : signedAs;
    const protocol = PROTOCOL[service];
    const method = req.method ?? 'GET';
    let operation = 'unknown';
    let params = new URLSearchParams();
    let input: Json = {};
    if (protocol === 'query') {
      params = new URLSearchParams(body);
      operation = params.get('Action') ?? 'unknown';
    } else if (protocol === 'json') {
      operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? 'unknown';
      try {
        input = body ? (JSON.parse(body) as Json) : {};
      } catch {
        input = {};
      }
    } else if (protocol === 'rest-json') {
      operation = lambdaOperation(method, target.pathname);
    } else if (protocol === 'rest-xml') {
      operation = s3Operation(method, target.pathname, target.searchParams);
    } else if (protocol === 'rest-xml-control') {
      operation = s3ControlOperation(method, target.pathname);
    }
    calls.push({ service, operation, region });
    const send = (reply: Reply): void => {
      res.writeHead(reply.status, {
        ...reply.headers,
        'x-amzn-requestid': requestId(),
        'content-length': Buffer.byteLength(reply.body),
      });
      res.end(reply.body);
    };
    if (!protocol) {
      send(new Reply(400, 'unknown service'));
      return;
    }
    if (matches(scenario.hang, service, operation)) return;
    if (matches(scenario.drop, service, operation)) {
      req.socket.destroy();
      return;
    }
    if (scenario.expiredToken) {
      send(
        errorReply(
          protocol,
          protocol === 'json' ? 400 : 403,
          protocol === 'query' ? 'ExpiredToken' : 'ExpiredTokenException',
          'The security token included in the request is expired',
        ),
      );
      return;
    }
    if (takeThrottle(service, operation)) {
      if (protocol === 'rest-xml' || protocol === 'rest-xml-control')
        send(errorReply(protocol, 503, 'SlowDown', 'Please reduce your request rate.'));
      else if (protocol === 'rest-json')
        send(errorReply(protocol, 429, 'TooManyRequestsException', 'Rate exceeded'));
      else if (protocol === 'query') send(errorReply(protocol, 400, 'Throttling', 'Rate exceeded'));
      else send(errorReply(protocol, 400, 'ThrottlingException', 'Rate exceeded'));
      return;
    }
    if (matches(scenario.deny, service, operation)) {
      const code =
        protocol === 'query'
          ? service === 'sns'
            ? 'AuthorizationError'
            : 'AccessDenied'
          : protocol === 'rest-xml' || protocol === 'rest-xml-control'
            ? 'AccessDenied'
            : 'AccessDeniedException';
      send(
        errorReply(
          protocol,
          403,
          code,
          `User: ${account.callerArn} is not authorized to perform: ${service}:${operation}`,
        ),
      );
      return;
    }
    if (matches(scenario.malformed, service, operation)) {
      send(
        new Reply(
          200,
          protocol === 'json' || protocol === 'rest-json' ? '{"truncated": [' : '<unclosed><<garbage',
          { 'content-type': protocol === 'query' ? 'text/xml' : 'application/json' },
        ),
      );
      return;
    }
    switch (protocol) {
      case 'query':
        if (service === 'sts') {
          if (operation === 'GetCallerIdentity')
            send(queryOk('sts', operation, { Arn: account.callerArn, UserId: 'AIDAAUDITOR', Account: id }));
          else if (operation === 'AssumeRole') {
            // Only role-assumption profiles call this (credential providers, outside the pull's allow-list).
            const session = params.get('RoleSessionName') ?? 'session';
            send(
              queryOk('sts', operation, {
                Credentials: {
                  AccessKeyId: 'ASIAASSUMEDFAKE00001',
                  SecretAccessKey: 'assumed-fake-secret',
                  SessionToken: 'assumed-fake-token',
                  Expiration: '2030-01-01T00:00:00Z',
                },
                AssumedRoleUser: {
                  Arn: `${params.get('RoleArn') ?? ''}/${session}`
                    .replace(':iam::', ':sts::')
                    .replace(':role/', ':assumed-role/'),
                  AssumedRoleId: `AROAFAKE:${session}`,
                },
              }),
            );
          } else send(errorReply('query', 400, 'InvalidAction', operation));
        } else if (service === 'sns') send(sns(operation, params, region));
        else send(iam(operation, params));
        return;
      case 'json':
        send(jsonService(service, operation, input, region));
        return;
      case 'rest-json':
        send(lambda(operation, target.pathname, target.searchParams, region));
        return;
      case 'rest-xml':
        send(s3(operation, target.pathname, target.searchParams));
        return;
      case 'rest-xml-control':
        send(s3Control(operation, req.headers['x-amz-account-id']));
        return;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    raw,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
