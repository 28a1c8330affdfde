import { describe, expect, it } from 'vitest';
import { toPullError } from '../../../main/aws/errors';
import { NotReadOnlyError } from '../../../main/aws/client-factory';

function awsError(name: string, message: string, status: number) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('toPullError', () => {
  it('classes an access denial that mentions the credential report as access denied', () => {
    const error = toPullError(
      awsError(
        'AccessDenied',
        'User: arn:aws:iam::1:user/x is not authorized to perform: iam:GetCredentialReport (invalid)',
        403,
      ),
      'iam.credential-report',
    );
    expect(error.kind).toBe('access-denied');
  });

  it('tells the user of a profile to log in again when the token has expired', () => {
    const error = toPullError(
      awsError('ExpiredTokenException', 'The security token included in the request is expired', 400),
      'kms (eu-west-1)',
      'prod',
    );
    expect(error.message).toBe(
      'kms (eu-west-1): credentials expired or invalid (ExpiredTokenException): run `aws sso login --profile prod` (SSO profiles) or refresh the keys of profile `prod`',
    );
  });

  it('says to run aws configure when no credentials are found at all', () => {
    const error = toPullError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      'sts:GetCallerIdentity',
    );
    expect(error).toMatchObject({
      kind: 'credentials',
      message:
        'credentials: no usable AWS credentials found: run `aws configure` or `aws sso login`, or pass `--profile`',
    });
  });

  it('keeps only the first line of an unexpected message', () => {
    const error = toPullError(awsError('ServiceFailure', 'boom\nstack', 500), 'iam.account-settings');
    expect(error).toMatchObject({ kind: 'aws', message: 'iam.account-settings: ServiceFailure: boom' });
  });

  it('reports an allow-list rejection as not read-only', () => {
    const error = toPullError(
      new NotReadOnlyError('aws client: `iam:CreateUser` is not on the read-only allow-list'),
      'test',
    );
    expect(error.kind).toBe('not-read-only');
  });

  it('reports anything after cancellation as cancelled', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toPullError(new Error('socket hang up'), 'sns', undefined, controller.signal).kind).toBe(
      'cancelled',
    );
  });
});
