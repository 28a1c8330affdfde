// Turns SDK and credential-provider failures into one-line messages that say what to run.
// Node-only; never imports electron. Messages never include credentials.
import { NotReadOnlyError } from './client-factory';

/** Why a pull stopped. */
export type PullErrorKind =
  'credentials' | 'network' | 'malformed' | 'access-denied' | 'cancelled' | 'not-read-only' | 'aws';

/** A pull failure with a one-line, user-facing message. */
export class PullError extends Error {
  override readonly name = 'PullError';
  constructor(
    readonly kind: PullErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const CREDENTIAL_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'TokenRefreshRequired',
]);
const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedOperation',
  'AWSOrganizationsNotInUseException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $response?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The error code AWS or Node gave, if any. */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as ErrorLike;
  if (typeof e.code === 'string' && e.code !== '') return e.code;
  if (typeof e.name === 'string') return e.name;
  return '';
}

function firstLine(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as ErrorLike).message : error;
  return (
    String(message ?? '')
      .split('\n')[0]
      ?.slice(0, 300) ?? ''
  );
}

function hasMetadata(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as ErrorLike).$metadata !== undefined;
}

/** Whether the error is AWS refusing the caller this operation. */
export function isAccessDenied(error: unknown): boolean {
  const code = errorCode(error);
  return ACCESS_DENIED_CODES.has(code) || (error as ErrorLike | null)?.$metadata?.httpStatusCode === 403;
}

function loginHint(profile: string | undefined): string {
  return profile !== undefined
    ? `run \`aws sso login --profile ${profile}\` (SSO profiles) or refresh the keys of profile \`${profile}\``
    : 'run `aws configure` or `aws sso login`, or pass `--profile`';
}

/** Classifies any failure of the pull at `where` (a collector or operation) into a PullError. */
export function toPullError(
  error: unknown,
  where: string,
  profile?: string,
  signal?: AbortSignal,
): PullError {
  if (error instanceof PullError) return error;
  if (error instanceof NotReadOnlyError) return new PullError('not-read-only', `${where}: ${error.message}`);
  const code = errorCode(error);
  const message = firstLine(error);
  if (signal?.aborted || code === 'AbortError')
    return new PullError('cancelled', 'pull cancelled: nothing written');
  // Credential providers fail before any request, so their errors carry no `$metadata`; an AWS answer
  // that merely mentions credentials (`iam:GetCredentialReport`) is not one of them.
  const fromProvider =
    code === 'CredentialsProviderError' ||
    (!hasMetadata(error) &&
      /credential|sso/i.test(message) &&
      /could not|expired|invalid|not found|unable/i.test(message));
  if (fromProvider) {
    if (/sso/i.test(message)) {
      return new PullError(
        'credentials',
        `credentials: the SSO session has expired or is missing: ${loginHint(profile)}`,
      );
    }
    if (/profile/i.test(message) && profile !== undefined) {
      return new PullError(
        'credentials',
        `credentials: profile \`${profile}\` not found or incomplete: run \`aws configure --profile ${profile}\``,
      );
    }
    return new PullError(
      'credentials',
      `credentials: no usable AWS credentials found: ${loginHint(profile)}`,
    );
  }
  if (CREDENTIAL_CODES.has(code)) {
    return new PullError(
      'credentials',
      `${where}: credentials expired or invalid (${code}): ${loginHint(profile)}`,
    );
  }
  if (
    NETWORK_CODES.has(code) ||
    code === 'TimeoutError' ||
    /socket hang up|ECONNRESET|network/i.test(message)
  ) {
    return new PullError(
      'network',
      `${where}: network failure (${code || message}): nothing written; check the connection and run the pull again`,
    );
  }
  if (isAccessDenied(error))
    return new PullError('access-denied', `${where}: access denied (${code}): ${message}`);
  const e = error as ErrorLike | null;
  if (
    code === 'SyntaxError' ||
    /deserializ|parse|unexpected|invalid (xml|json)/i.test(message) ||
    (e?.$response !== undefined && code === 'Error')
  ) {
    return new PullError('malformed', `${where}: malformed response from AWS (${message}): nothing written`);
  }
  return new PullError('aws', `${where}: ${code ? `${code}: ` : ''}${message}`);
}
