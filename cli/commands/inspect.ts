// `ariadne inspect <snapshot...> [--json]`: imports a snapshot and prints its account, counts of
// entities and the import's warnings. Imports core/ (via core/index.ts) and main/import; never electron.
import { parseArgs } from 'node:util';
import { formatImportDiagnostic, type ImportDiagnostic, type Snapshot } from '../../core/index';
import { readSnapshotFiles } from '../../main/import/index';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';

/** The counts `inspect` reports. */
export interface SnapshotCounts {
  users: number;
  groups: number;
  roles: number;
  managedPolicies: { total: number; customer: number; awsManaged: number };
  inlinePolicies: number;
  instanceProfiles: number;
  identityProviders: { saml: number; oidc: number };
  resourcePolicies: number;
}

/** Counts the entities of a snapshot. */
export function countSnapshot(s: Snapshot): SnapshotCounts {
  const awsManaged = s.policies.filter((p) => p.awsManaged).length;
  const inlinePolicies = [...s.users, ...s.groups, ...s.roles].reduce(
    (n, e) => n + e.inlinePolicies.length,
    0,
  );
  return {
    users: s.users.length,
    groups: s.groups.length,
    roles: s.roles.length,
    managedPolicies: { total: s.policies.length, customer: s.policies.length - awsManaged, awsManaged },
    inlinePolicies,
    instanceProfiles: s.instanceProfiles.length,
    identityProviders: { saml: s.identityProviders.saml.length, oidc: s.identityProviders.oidc.length },
    resourcePolicies: s.resourcePolicies.length,
  };
}

/** Warnings listed in the text report; `--json` lists every one. */
const MAX_TEXT_WARNINGS = 100;

function usageError(message: string): CliError {
  return new CliError(`${message}: usage: ariadne ${command.usage}`);
}

function parse(args: string[]): { files: string[]; json: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    return { files: positionals, json: values.json === true };
  } catch (e) {
    const message =
      e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(e);
    const tidy = message.replace(/'([^']*)'/g, '`$1`').replace(/\.$/, '');
    throw usageError(tidy.charAt(0).toLowerCase() + tidy.slice(1));
  }
}

function diagnosticJson(d: ImportDiagnostic): Record<string, string> {
  return { id: d.id, ...(d.input === undefined ? {} : { input: d.input }), path: d.path, message: d.message };
}

function printText(
  s: Snapshot,
  counts: SnapshotCounts,
  warnings: readonly ImportDiagnostic[],
  io: CliIo,
): void {
  const c = counts;
  const account = s.account.id === '' ? '(unknown)' : s.account.id;
  const lines = [
    `account             ${account}${s.account.alias ? ` (${s.account.alias})` : ''}, partition ${s.account.partition}`,
    ...(s.collectedAt ? [`collected at        ${s.collectedAt}`] : []),
    `source              ${s.source.kind}${s.source.tool ? ` (${s.source.tool})` : ''}`,
    `users               ${c.users}`,
    `groups              ${c.groups}`,
    `roles               ${c.roles}`,
    `managed policies    ${c.managedPolicies.total} (${c.managedPolicies.customer} customer, ${c.managedPolicies.awsManaged} AWS-managed)`,
    `inline policies     ${c.inlinePolicies}`,
    `instance profiles   ${c.instanceProfiles}`,
    `identity providers  ${c.identityProviders.saml + c.identityProviders.oidc} (${c.identityProviders.saml} SAML, ${c.identityProviders.oidc} OIDC)`,
    `resource policies   ${c.resourcePolicies}`,
    ...(s.organization
      ? [`organization        ${s.organization.id ?? '(id unknown)'}, ${s.organization.path.length} levels`]
      : []),
    `warnings            ${warnings.length}`,
    ...warnings.slice(0, MAX_TEXT_WARNINGS).map((w) => `  warning: ${formatImportDiagnostic(w)} [${w.id}]`),
    ...(warnings.length > MAX_TEXT_WARNINGS
      ? [`  … and ${warnings.length - MAX_TEXT_WARNINGS} more warnings (all of them with --json)`]
      : []),
    ...s.collectionWarnings.map((w) => `  not collected: ${w}`),
  ];
  io.stdout(lines.join('\n') + '\n');
}

/** The `inspect` command. */
export const command: Command = {
  summary: 'counts of users, groups, roles, policies, providers; account; warnings',
  usage: 'inspect <snapshot...> [--json]',
  run: async (args, io) => {
    const { files, json } = parse(args);
    if (files.length === 0) throw usageError('no snapshot given');
    const result = await readSnapshotFiles(files);
    if (result.kind === 'error') {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0] ?? result.diagnostics[0];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '';
      throw new CliError(`${first ? formatImportDiagnostic(first) : 'cannot import the snapshot'}${more}`);
    }
    const s = result.snapshot;
    const counts = countSnapshot(s);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    if (json) {
      const out = {
        account: s.account,
        ...(s.collectedAt === undefined ? {} : { collectedAt: s.collectedAt }),
        source: s.source,
        counts,
        ...(s.organization
          ? { organization: { id: s.organization.id ?? null, levels: s.organization.path.length } }
          : {}),
        warnings: warnings.map(diagnosticJson),
        collectionWarnings: s.collectionWarnings,
      };
      io.stdout(JSON.stringify(out) + '\n');
    } else {
      printText(s, counts, warnings, io);
    }
    return EXIT_OK;
  },
};
