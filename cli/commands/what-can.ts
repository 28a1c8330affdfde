// `ariadne what-can <snapshot> --principal ARN [--json]`: the principal's effective actions,
// grouped by service and access level, with the resources and conditions that limit them.
// Imports core/ (via core/index.ts) and main/import; never electron.
import {
  AccessError,
  compileAccess,
  whatCan,
  type StatementLimit,
  type WhatCanResult,
} from '../../core/index';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import { loadSnapshot } from '../snapshot-loader';
import { printAccessWarnings } from './who-can';

/** Action names shown per group in text output before `… and N more`. */
const SHOWN = 8;

function parse(args: string[]): { files: string[]; principal: string; json: boolean; partial: boolean } {
  const usage = command.usage;
  const parsed = parseCommandArgs(
    args,
    { principal: { type: 'string' }, json: { type: 'boolean', default: false }, ...PARTIAL_OPTION },
    usage,
  );
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw usageError('no snapshot given', usage);
  if (values.principal === undefined || values.principal === '') throw usageError('--principal is required', usage);
  return { files: positionals, principal: values.principal, json: values.json === true, partial: values.partial === true };
}

function describeLimit(l: StatementLimit): string {
  const on =
    l.resources.length === 0 ? '' : ` ${l.notResource ? 'except on' : 'on'} ${l.resources.join(', ')}`;
  const when =
    l.conditions.length === 0
      ? ''
      : ` when ${l.conditions.map((c) => `${c.key} ${c.operator} ${c.values.join(' | ')}`).join(' and ')}`;
  return `${l.effect === 'Deny' ? 'denied by' : l.layer === 'identity' ? 'granted by' : `limited by ${l.layer}`} ${l.statement}${on}${when}`;
}

/** The what-can answer as readable text. */
export function formatWhatCan(r: WhatCanResult): string {
  const lines = [`${r.principal} may perform ${r.actionCount} actions on some resource`];
  for (const s of r.services) {
    lines.push(s.service);
    for (const level of s.levels) {
      for (const g of level.groups) {
        const names = g.actions.slice(0, SHOWN).join(', ');
        const more = g.actions.length > SHOWN ? ` … and ${g.actions.length - SHOWN} more` : '';
        lines.push(`  ${level.level} (${g.actions.length}): ${names}${more}`);
        for (const l of [...g.grants, ...g.limits]) lines.push(`      ${describeLimit(l)}`);
      }
    }
  }
  if (r.viaResourcePolicies.length > 0) {
    lines.push('through resource policies naming it');
    for (const v of r.viaResourcePolicies) {
      lines.push(
        `  ${v.actions.join(', ')} on ${v.resource} (${v.statement}${v.conditional ? ', with conditions' : ''})`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** The `what-can` command. */
export const command: Command = {
  summary:
    "the principal's effective actions, grouped by service and access level, with resources and conditions",
  usage: 'what-can <snapshot> --principal ARN [--json] [--partial]',
  run: async (args: string[], io: CliIo) => {
    const a = parse(args);
    const { snapshot } = await loadSnapshot(a.files, { partial: a.partial });
    const compiled = compileAccess(snapshot);
    printAccessWarnings('what-can', compiled, io);
    let result: WhatCanResult;
    try {
      result = whatCan(compiled, a.principal);
    } catch (e) {
      if (e instanceof AccessError) throw new CliError(e.message);
      throw e;
    }
    io.stdout(a.json ? JSON.stringify(result) + '\n' : formatWhatCan(result));
    return EXIT_OK;
  },
};
