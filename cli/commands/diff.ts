// `ariadne diff <old> <new> [--json] [--no-access] [--no-findings]`: what changed between two
// snapshots of one account, grouped by kind with counts; `--json` prints the SnapshotDiff.
// Findings and escalation paths of large snapshots are computed at once, the new one's in a worker
// thread (cli/parallel-analysis.ts). Imports core/ (via core/index.ts), main/import and node:*; never electron.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  DIFF_SECTIONS,
  diffSnapshots,
  type AccessGroup,
  type Change,
  type DocumentDiff,
  type ElementChange,
  type PartStatus,
  type PolicyRef,
  type PolicyStatement,
  type Snapshot,
  type SnapshotDiff,
} from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError } from '../args';
import type { Command } from '../index';
import { CliError, EXIT_OK, type CliIo } from '../io';
import { collectAnalyses, startParallelAnalysis } from '../parallel-analysis';
import { loadSnapshot } from '../snapshot-loader';

interface DiffArgs {
  old: string;
  new: string;
  json: boolean;
  access: boolean;
  findings: boolean;
  partial: boolean;
}

function parse(args: string[]): DiffArgs {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      json: { type: 'boolean', default: false },
      'no-access': { type: 'boolean', default: false },
      'no-findings': { type: 'boolean', default: false },
      ...PARTIAL_OPTION,
    },
    command.usage,
  );
  if (positionals.length !== 2) {
    throw usageError(
      positionals.length < 2 ? 'two snapshots are needed, the old and the new' : `expected two snapshots, found ${positionals.length}`,
      command.usage,
    );
  }
  return {
    old: positionals[0]!,
    new: positionals[1]!,
    json: values.json === true,
    access: values['no-access'] !== true,
    findings: values['no-findings'] !== true,
    partial: values.partial === true,
  };
}

/** Imports one snapshot file; a file that cannot be used is a one-line error (exit 2). */
async function load(file: string, which: string, partial: boolean, io: CliIo): Promise<Snapshot> {
  let loaded;
  try {
    loaded = await loadSnapshot([file], { partial });
  } catch (e) {
    if (e instanceof CliError) throw new CliError(`${which} snapshot: ${e.message}`);
    throw e;
  }
  const warnings = loaded.warnings.length;
  if (warnings > 0) io.stderr(`diff: ${which} snapshot \`${file}\`: ${warnings} import warning${warnings === 1 ? '' : 's'} (ariadne inspect lists them)\n`);
  return loaded.snapshot;
}

// ------------------------------------------------------------------ text report

/** Items listed before "… and N more" in one line. */
const MAX_ITEMS = 8;

function list(items: readonly string[], max = MAX_ITEMS): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … and ${items.length - max} more` : shown;
}

function policyName(p: PolicyRef): string {
  switch (p.kind) {
    case 'managed':
      return `managed policy ${p.arn}`;
    case 'inline':
      return `inline policy \`${p.name}\` of ${p.holderKind} ${p.holder}`;
    case 'scp':
    case 'rcp':
      return `${p.kind.toUpperCase()} \`${p.name}\` at ${p.level}`;
    case 'resource':
      return `resource policy of ${p.resource}`;
  }
}

function statementSummary(s: PolicyStatement): string {
  const actions = s.Action ? list(s.Action, 4) : s.NotAction ? `NotAction ${list(s.NotAction, 4)}` : '(no action)';
  const resources = s.Resource ? ` on ${list(s.Resource, 3)}` : s.NotResource ? ` on NotResource ${list(s.NotResource, 3)}` : '';
  const principal = s.Principal ? ` for ${s.Principal === '*' ? '*' : list(Object.entries(s.Principal).flatMap(([t, v]) => v.map((x) => `${t}:${x}`)), 3)}` : '';
  const condition = s.Condition ? ' (with conditions)' : '';
  return `${s.Effect} ${actions}${resources}${principal}${condition}`;
}

function plusMinus(added: readonly string[], removed: readonly string[]): string {
  return [...(added.length ? [`+${list(added)}`] : []), ...(removed.length ? [`-${list(removed)}`] : [])].join(' ');
}

function elementText(e: ElementChange): string {
  switch (e.kind) {
    case 'sid':
      return `Sid ${e.old ?? '(none)'} → ${e.new ?? '(none)'}`;
    case 'effect':
      return `Effect ${e.old} → ${e.new}`;
    case 'list':
    case 'principal':
      return `${e.element} ${plusMinus(e.added, e.removed)}`;
    case 'condition': {
      const parts = [
        ...e.added.map((c) => `+${c.operator} ${c.key}=${list(c.values, 3)}`),
        ...e.removed.map((c) => `-${c.operator} ${c.key}=${list(c.values, 3)}`),
        ...e.changed.map((c) => `~${c.operator} ${c.key}: ${list(c.old, 3)} → ${list(c.new, 3)}`),
      ];
      return `Condition ${parts.join(', ')}`;
    }
  }
}

function documentLines(d: DocumentDiff): string[] {
  const lines: string[] = [];
  if (d.version) lines.push(`      Version ${d.version.old ?? '(none)'} → ${d.version.new ?? '(none)'}`);
  for (const s of d.statements.slice(0, MAX_STATEMENT_LINES)) {
    const sid = s.sid === undefined ? '' : ` (Sid ${s.sid})`;
    if (s.kind === 'statement-added') lines.push(`      + statement ${s.index}${sid}: ${statementSummary(s.statement)}`);
    else if (s.kind === 'statement-removed') lines.push(`      - statement ${s.index}${sid}: ${statementSummary(s.statement)}`);
    else {
      const where = s.oldIndex === s.newIndex ? `${s.newIndex}` : `${s.oldIndex} → ${s.newIndex}`;
      lines.push(`      ~ statement ${where}${sid}, matched by ${s.matchedBy}: ${s.elements.map(elementText).join('; ')}`);
    }
  }
  if (d.statements.length > MAX_STATEMENT_LINES) lines.push(`      … and ${d.statements.length - MAX_STATEMENT_LINES} more statement changes (--json lists all)`);
  return lines;
}

/** Service and access-level groups shown per line of the access section; `--json` has them all. */
const MAX_ACCESS_GROUPS = 6;
/** Statement changes shown per document; `--json` has them all. */
const MAX_STATEMENT_LINES = 20;

function accessText(groups: readonly AccessGroup[]): string {
  const actions = groups.reduce((n, g) => n + g.actions.length, 0);
  const shown = groups.slice(0, MAX_ACCESS_GROUPS).map((g) => `${g.service} ${g.level} (${g.actions.length}: ${list(g.actions, 3)})`);
  const more = groups.length > MAX_ACCESS_GROUPS ? `; … ${groups.length - MAX_ACCESS_GROUPS} more service and level groups (--json lists all)` : '';
  return `${actions} action${actions === 1 ? '' : 's'}: ${shown.join('; ')}${more}`;
}

function pathText(steps: readonly { from: string; to: string; method: string }[]): string {
  return steps.map((s) => `${s.from} → ${s.to} [${s.method}]`).join(', ');
}

/** The lines of one change in the text report. */
export function changeLines(c: Change): string[] {
  switch (c.kind) {
    case 'principal-added':
    case 'principal-removed': {
      const sign = c.kind === 'principal-added' ? '+' : '-';
      const facts = [
        ...(c.groups.length ? [`${c.groups.length} group${c.groups.length === 1 ? '' : 's'}`] : []),
        `${c.attachedPolicies.length} attached`,
        `${c.inlinePolicies.length} inline`,
        ...(c.actionCount === undefined ? [] : [`${c.actionCount} actions`]),
      ];
      return [`  ${sign} ${c.principalKind} ${c.arn} (${facts.join(', ')})`];
    }
    case 'principal-recreated':
      return [`  ~ ${c.principalKind} ${c.arn} recreated: unique id ${c.oldId} → ${c.newId} (a different principal to AWS)`];
    case 'policy-added':
    case 'policy-removed':
      return [`  ${c.kind === 'policy-added' ? '+' : '-'} ${c.awsManaged ? 'AWS-managed' : 'managed'} policy ${c.arn} (${c.statementCount} statements)`];
    case 'policy-recreated':
      return [`  ~ managed policy ${c.arn} recreated: id ${c.oldId} → ${c.newId}`];
    case 'default-version-changed':
      return [`  ~ managed policy ${c.arn}: default version ${c.oldVersionId ?? '(none)'} → ${c.newVersionId ?? '(none)'}`];
    case 'inline-policy-added':
    case 'inline-policy-removed':
      return [`  ${c.kind === 'inline-policy-added' ? '+' : '-'} ${policyName(c.policy)} (${c.statementCount} statements)`];
    case 'organization-policy-added':
    case 'organization-policy-removed':
    case 'resource-policy-added':
    case 'resource-policy-removed':
      return [`  ${c.kind.endsWith('-added') ? '+' : '-'} ${policyName(c.policy)} (${c.statementCount} statements)`];
    case 'policy-document-changed':
      return [`  ~ ${policyName(c.policy)}: document changed`, ...documentLines(c.diff)];
    case 'policy-attached':
      return [`  + ${c.policyArn} attached to ${c.principalKind} ${c.principal}`];
    case 'policy-detached':
      return [`  - ${c.policyArn} detached from ${c.principalKind} ${c.principal}`];
    case 'membership-added':
      return [`  + ${c.user} added to ${c.group}`];
    case 'membership-removed':
      return [`  - ${c.user} removed from ${c.group}`];
    case 'trust-policy-changed': {
      const who = plusMinus(c.principalsAdded, c.principalsRemoved);
      return [`  ~ trust policy of ${c.role}${who ? `: principals ${who}` : ''}`, ...documentLines(c.diff)];
    }
    case 'boundary-set':
      return [`  + ${c.principal}: boundary ${c.new} set`];
    case 'boundary-removed':
      return [`  - ${c.principal}: boundary ${c.old} removed`];
    case 'boundary-changed':
      return [`  ~ ${c.principal}: boundary ${c.old} → ${c.new}`];
    case 'tags-changed': {
      const parts = [
        ...c.added.map((t) => `+${t.key}=${t.value}`),
        ...c.removed.map((t) => `-${t.key}=${t.value}`),
        ...c.changed.map((t) => `~${t.key}: ${t.old} → ${t.new}`),
      ];
      return [`  ~ ${c.arn}: tags ${parts.join(', ')}`];
    }
    case 'access-changed':
      return [
        `  ~ ${c.principalKind} ${c.principal}: ${c.oldActionCount} → ${c.newActionCount} actions`,
        ...(c.gained.length ? [`      gained ${accessText(c.gained)}`] : []),
        ...(c.lost.length ? [`      lost ${accessText(c.lost)}`] : []),
      ];
    case 'finding-new':
    case 'finding-resolved': {
      const f = c.finding;
      const subject = f.principal ?? f.resource;
      const label = c.kind === 'finding-new' ? '+ new' : '- resolved';
      return [`  ${label} [${f.severity}] ${f.rule}: ${f.title}${subject ? ` (${subject})` : ''}`];
    }
    case 'escalation-path-new':
      return [`  + escalation path of ${c.principal}${c.conditional ? ' (conditional)' : ''}: ${pathText(c.steps)}`];
    case 'escalation-path-resolved':
      return [`  - escalation path of ${c.principal} resolved (was: ${pathText(c.steps)})`];
    case 'escalation-path-changed':
      return [`  ~ escalation path of ${c.principal}: ${pathText(c.newSteps)} (was: ${pathText(c.oldSteps)})`];
  }
}

function partText(name: string, p: PartStatus): string | undefined {
  if (p.kind === 'compared') return undefined;
  return p.kind === 'skipped' ? `${name} not compared (${p.reason})` : `${name} not compared: ${p.message}`;
}

/** The text report of a diff. */
export function formatDiffText(d: SnapshotDiff): string {
  const side = (label: string, s: SnapshotDiff['old']): string =>
    `${label}  ${s.collectedAt ? `collected ${s.collectedAt}, ` : ''}${s.users} users, ${s.groups} groups, ${s.roles} roles, ${s.policies} managed policies`;
  const total = d.changes.length;
  const lines = [
    `account ${d.account.id === '' ? '(unknown)' : d.account.id}, partition ${d.account.partition}`,
    side('old', d.old),
    side('new', d.new),
    `changes ${total}: ${DIFF_SECTIONS.map((s) => `${s} ${d.counts[s]}`).join(', ')}`,
  ];
  const notes = [partText('effective access', d.parts.access), partText('findings', d.parts.findings), partText('escalation paths', d.parts.escalation)];
  for (const n of notes) if (n) lines.push(`note: ${n}`);
  for (const section of DIFF_SECTIONS) {
    const changes = d.changes.filter((c) => c.section === section);
    if (changes.length === 0) continue;
    lines.push('', `${section} (${changes.length})`);
    for (const c of changes) lines.push(...changeLines(c));
  }
  if (total === 0) lines.push('', 'no changes');
  return lines.join('\n') + '\n';
}

/** Above this many users and roles, `diff` warns that findings and paths take time. */
const LARGE_ACCOUNT = 2000;

/**
 * Snapshot files (old and new together) from this size on are analysed at once: starting the
 * worker adds about 0.3 s (it loads the engine and the action catalogue again), more than a small
 * account's whole analysis.
 */
export const PARALLEL_BYTES = 2_000_000;

/**
 * Whether a worker can help: two CPUs or more, and files large enough. A file that cannot be read
 * is left to the importer's message.
 */
function worthWorkers(oldFile: string, newFile: string): boolean {
  if (availableParallelism() < 2) return false;
  try {
    return statSync(oldFile).size + statSync(newFile).size >= PARALLEL_BYTES;
  } catch {
    return false;
  }
}

/** How `runDiff` computes findings and escalation paths; tests compare the two ways. */
export interface DiffRunOptions {
  /**
   * The snapshots' analyses at once, the new one's in a worker thread (`true`), or one after the
   * other in this process (`false`); by default, at once when the files together reach PARALLEL_BYTES.
   */
  readonly parallel?: boolean;
  /** The worker module to run instead of the built or source one (tests use it to make a worker fail). */
  readonly workerUrl?: URL;
}

/**
 * Runs `diff` with its command-line arguments. With findings asked for, the two snapshots'
 * findings and escalation paths are computed at once: the new one's in a worker thread that
 * imports its file itself, the old one's in this thread, which imports both for the comparison; a
 * worker that cannot start is replaced by the same analysis here. The output is the same either way.
 */
export async function runDiff(args: string[], io: CliIo, options: DiffRunOptions = {}): Promise<number> {
  const a = parse(args);
  const running =
    a.findings && (options.parallel ?? worthWorkers(a.old, a.new))
      ? startParallelAnalysis(a.old, a.new, { partial: a.partial, inProcess: ['old'], ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}) })
      : undefined;
  try {
    const oldSnapshot = await load(a.old, 'old', a.partial, io);
    const newSnapshot = await load(a.new, 'new', a.partial, io);
    const principals = newSnapshot.users.length + newSnapshot.roles.length;
    if (a.findings && principals > LARGE_ACCOUNT) {
      io.stderr(`diff: ${principals} principals: running the rules and the escalation graph on both snapshots may take minutes (--no-findings skips them)\n`);
    }
    if (running) {
      // Different accounts are refused before waiting on the workers, as without them.
      const refused = diffSnapshots(oldSnapshot, newSnapshot, { access: false, findings: false, escalation: false });
      if (refused.kind === 'error') throw new CliError(refused.message);
    }
    const analyses = running
      ? await collectAnalyses(running, { old: oldSnapshot, new: newSnapshot }, (side, reason) =>
          io.stderr(`diff: ${side} snapshot: the analysis worker is unavailable (${reason}): analysing it in this process\n`),
        )
      : undefined;
    const result = diffSnapshots(oldSnapshot, newSnapshot, {
      access: a.access,
      findings: analyses ? { old: analyses.old.findings, new: analyses.new.findings } : a.findings,
      escalation: analyses ? { old: analyses.old.escalation, new: analyses.new.escalation } : a.findings,
    });
    if (result.kind === 'error') throw new CliError(result.message);
    if (a.json) io.stdout(JSON.stringify(result.diff) + '\n');
    else io.stdout(formatDiffText(result.diff));
    return EXIT_OK;
  } finally {
    running?.cancel();
  }
}

/** The `diff` command. */
export const command: Command = {
  summary: 'what changed between two snapshots of one account',
  usage: 'diff <old> <new> [--json] [--no-access] [--no-findings] [--partial]',
  run: (args, io) => runDiff(args, io),
};
