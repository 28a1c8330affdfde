// IAM collectors: authorization details (every page), credential report, virtual MFA devices,
// identity providers, and account settings. Node-only; never imports electron.
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccountAliases,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { errorCode, isAccessDenied } from '../errors';
import { mapLimit, parsePolicyText, sendOptions, type Collector, type CollectorContext } from '../collector';

type Json = Record<string, unknown>;

function decodeList(items: unknown, field: string): void {
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (typeof item === 'object' && item !== null && Object.hasOwn(item, field)) {
      const record = item as Json;
      if (typeof record[field] === 'string') record[field] = parsePolicyText(record[field]);
    }
  }
}

/** Decodes the URL-encoded documents of one authorization-details entry in place. */
function decodeEntry(entry: Json, listField: string): void {
  if (Object.hasOwn(entry, listField)) decodeList(entry[listField], 'PolicyDocument');
  if (
    Object.hasOwn(entry, 'AssumeRolePolicyDocument') &&
    typeof entry['AssumeRolePolicyDocument'] === 'string'
  ) {
    entry['AssumeRolePolicyDocument'] = parsePolicyText(entry['AssumeRolePolicyDocument']);
  }
  if (Object.hasOwn(entry, 'InstanceProfileList') && Array.isArray(entry['InstanceProfileList'])) {
    for (const profile of entry['InstanceProfileList'] as Json[]) {
      if (Object.hasOwn(profile, 'Roles')) decodeList(profile['Roles'], 'AssumeRolePolicyDocument');
    }
  }
  if (Object.hasOwn(entry, 'PolicyVersionList')) decodeList(entry['PolicyVersionList'], 'Document');
}

/** Every page of GetAccountAuthorizationDetails, merged; the pull cannot go on without it. */
export const iamAuthorizationDetails: Collector = {
  id: 'iam.authorization-details',
  service: 'iam',
  optional: false,
  scope: 'global',
  async collect(ctx) {
    const client = ctx.factory.client('iam', ctx.homeRegion);
    const details = ctx.bundle.authorizationDetails;
    let page = 0;
    const pages = paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, {}, sendOptions(ctx));
    for await (const response of pages) {
      page += 1;
      ctx.progress({ kind: 'page', collector: this.id, page });
      for (const user of response.UserDetailList ?? []) {
        decodeEntry(user as Json, 'UserPolicyList');
        details.UserDetailList.push(user);
      }
      for (const group of response.GroupDetailList ?? []) {
        decodeEntry(group as Json, 'GroupPolicyList');
        details.GroupDetailList.push(group);
      }
      for (const role of response.RoleDetailList ?? []) {
        decodeEntry(role as Json, 'RolePolicyList');
        details.RoleDetailList.push(role);
      }
      for (const policy of response.Policies ?? []) {
        decodeEntry(policy as Json, 'PolicyVersionList');
        details.Policies.push(policy);
      }
    }
    return (
      details.UserDetailList.length +
      details.GroupDetailList.length +
      details.RoleDetailList.length +
      details.Policies.length
    );
  },
};

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const REPORT_POLLS = 30;

/** The credential report: generate, poll until complete, fetch, decode to the CSV text. */
export const iamCredentialReport: Collector = {
  id: 'iam.credential-report',
  service: 'iam',
  optional: true,
  scope: 'global',
  async collect(ctx) {
    const client = ctx.factory.client('iam', ctx.homeRegion);
    // "Getting credential reports" (IAM User Guide): GenerateCredentialReport starts (or reuses a
    // report under four hours old) and GetCredentialReport returns the base64 CSV once State is COMPLETE.
    for (let poll = 0; poll < REPORT_POLLS; poll += 1) {
      const generated = await client.send(new GenerateCredentialReportCommand({}), sendOptions(ctx));
      if (generated.State === 'COMPLETE') break;
      if (poll === REPORT_POLLS - 1)
        throw new Error(
          `credential report still \`${generated.State ?? 'unknown'}\` after ${REPORT_POLLS} polls`,
        );
      await delay(ctx.pollIntervalMs, ctx.signal);
    }
    const report = await client.send(new GetCredentialReportCommand({}), sendOptions(ctx));
    // The SDK decodes the base64 blob to bytes; the CSV is UTF-8 text.
    const csv = report.Content ? new TextDecoder().decode(report.Content) : '';
    ctx.bundle.credentialReport = csv;
    return Math.max(0, csv.split('\n').filter((line) => line !== '').length - 1);
  },
};

/** Virtual MFA devices, assigned or not. */
export const iamVirtualMfaDevices: Collector = {
  id: 'iam.virtual-mfa-devices',
  service: 'iam',
  optional: true,
  scope: 'global',
  async collect(ctx) {
    const client = ctx.factory.client('iam', ctx.homeRegion);
    const devices: NonNullable<typeof ctx.bundle.virtualMfaDevices> = [];
    for await (const page of paginateListVirtualMFADevices({ client }, {}, sendOptions(ctx))) {
      for (const device of page.VirtualMFADevices ?? []) {
        devices.push({
          serialNumber: device.SerialNumber ?? '',
          ...(device.User?.Arn ? { user: device.User.Arn } : {}),
          ...(device.EnableDate ? { enableDate: device.EnableDate.toISOString() } : {}),
        });
      }
    }
    ctx.bundle.virtualMfaDevices = devices;
    return devices.length;
  },
};

/** SAML providers with their metadata, OIDC providers with URL, client ids and thumbprints. */
export const iamIdentityProviders: Collector = {
  id: 'iam.identity-providers',
  service: 'iam',
  optional: true,
  scope: 'global',
  async collect(ctx) {
    const client = ctx.factory.client('iam', ctx.homeRegion);
    const saml = await client.send(new ListSAMLProvidersCommand({}), sendOptions(ctx));
    ctx.bundle.identityProviders.saml = await mapLimit(saml.SAMLProviderList ?? [], 4, async (provider) => {
      const arn = provider.Arn ?? '';
      const detail = await client.send(
        new GetSAMLProviderCommand({ SAMLProviderArn: arn }),
        sendOptions(ctx),
      );
      return {
        arn,
        ...(detail.SAMLMetadataDocument !== undefined ? { metadata: detail.SAMLMetadataDocument } : {}),
        ...(provider.ValidUntil ? { validUntil: provider.ValidUntil.toISOString() } : {}),
      };
    });
    const oidc = await client.send(new ListOpenIDConnectProvidersCommand({}), sendOptions(ctx));
    ctx.bundle.identityProviders.oidc = await mapLimit(
      oidc.OpenIDConnectProviderList ?? [],
      4,
      async (provider) => {
        const arn = provider.Arn ?? '';
        const detail = await client.send(
          new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
          sendOptions(ctx),
        );
        return {
          arn,
          ...(detail.Url !== undefined ? { url: detail.Url } : {}),
          clientIds: detail.ClientIDList ?? [],
          thumbprints: detail.ThumbprintList ?? [],
        };
      },
    );
    return ctx.bundle.identityProviders.saml.length + ctx.bundle.identityProviders.oidc.length;
  },
};

async function optionalPart(
  ctx: CollectorContext,
  id: string,
  what: string,
  fn: () => Promise<void>,
): Promise<number> {
  try {
    await fn();
    return 1;
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    const message = `${id}: ${what} not collected: access denied (${errorCode(error)})`;
    ctx.bundle.warnings.push(message);
    ctx.progress({ kind: 'warning', collector: id, message });
    return 0;
  }
}

/** Password policy (NoSuchEntity means none is set), account summary and account aliases. */
export const iamAccountSettings: Collector = {
  id: 'iam.account-settings',
  service: 'iam',
  optional: true,
  scope: 'global',
  async collect(ctx) {
    const client = ctx.factory.client('iam', ctx.homeRegion);
    let items = 0;
    items += await optionalPart(ctx, this.id, 'password policy', async () => {
      try {
        const result = await client.send(new GetAccountPasswordPolicyCommand({}), sendOptions(ctx));
        if (result.PasswordPolicy) ctx.bundle.passwordPolicy = result.PasswordPolicy;
      } catch (error) {
        // "GetAccountPasswordPolicy" (IAM API Reference): NoSuchEntity when the account has no custom policy.
        // The bundle then has no `passwordPolicy` (and no warning about it): AWS's defaults apply.
        if (errorCode(error) !== 'NoSuchEntity' && errorCode(error) !== 'NoSuchEntityException') throw error;
      }
    });
    items += await optionalPart(ctx, this.id, 'account summary', async () => {
      const result = await client.send(new GetAccountSummaryCommand({}), sendOptions(ctx));
      ctx.bundle.accountSummary = Object.fromEntries(Object.entries(result.SummaryMap ?? {}));
    });
    items += await optionalPart(ctx, this.id, 'account aliases', async () => {
      const aliases: string[] = [];
      for await (const page of paginateListAccountAliases({ client }, {}, sendOptions(ctx)))
        aliases.push(...(page.AccountAliases ?? []));
      ctx.bundle.accountAliases = aliases;
      if (aliases[0] !== undefined) ctx.bundle.account.alias = aliases[0];
    });
    return items;
  },
};
