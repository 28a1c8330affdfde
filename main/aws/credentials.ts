// Credentials for the pull: the standard chain or a named profile (SSO and role-assumption profiles
// included, through fromIni). Credentials stay in memory only. Node-only; never imports electron.
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Where the credentials come from. */
export interface CredentialOptions {
  profile?: string;
  /** Fixed credentials (tests, the app's own flows); wins over profile. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Region and endpoint for the STS/SSO calls of role-assumption and SSO profiles. */
  region?: string;
  endpointUrl?: string;
}

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Returns one provider shared by every client, resolving once and again only near expiry. */
export function resolveCredentialProvider(options: CredentialOptions): AwsCredentialIdentityProvider {
  const given = options.credentials;
  if (given !== undefined && typeof given !== 'function') return async () => given;
  const provider: AwsCredentialIdentityProvider =
    given ??
    (options.profile !== undefined
      ? fromIni({
          profile: options.profile,
          clientConfig: {
            ...(options.region !== undefined ? { region: options.region } : {}),
            ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
          },
        })
      : fromNodeProviderChain());
  let current: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    if (current) {
      const cached = current;
      return cached.then((identity) => {
        const expiry = identity.expiration?.getTime();
        if (expiry !== undefined && expiry - Date.now() < REFRESH_MARGIN_MS) {
          current = provider();
          return current;
        }
        return identity;
      });
    }
    current = provider().catch((error: unknown) => {
      current = undefined;
      throw error;
    });
    return current;
  };
}
