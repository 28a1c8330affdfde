// `ariadne inspect <snapshot...> [--json]`: imports a snapshot and prints its account, counts of
// entities and the import's warnings. Imports core/ (via core/index.ts) and main/import; never electron.
import { formatImportDiagnostic, type ImportDiagnostic, type Snapshot } from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import type { Command } from '../index';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from '../io';
import { droppedMessage, loadSnapshot } from '../snapshot-loader';

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

function parse(args: string[]): { files: string[]; json: boolean; partial: boolean } {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean', default: false }, ...PARTIAL_OPTION },
    command.usage,
  );
  return { files: positionals, json: values.json === true, partial: values.partial === true };
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
  usage: 'inspect <snapshot...> [--json] [--partial]',
  run: async (args, io) => {
    const { files, json, partial } = parse(args);
    if (files.length === 0) throw usageError('no snapshot given', command.usage);
    // Inspect reports every problem, so it reads with `partial` and decides the exit code after.
    const result = await loadSnapshot(files, { partial: true });
    const s = result.snapshot;
    const counts = countSnapshot(s);
    const warnings = result.warnings;
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
    // SPEC.md: a bad input exits 2. A malformed entity left out is one, unless --partial accepts it.
    if (result.dropped.length > 0 && !partial) {
      io.stderr(`ariadne inspect: ${droppedMessage(result.dropped)}; pass --partial to accept the rest\n`);
      return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
  },
};
