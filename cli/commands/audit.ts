// `ariadne audit <snapshot...> [--format json|sarif|csv|md|html|pdf] [--out FILE] [--fail-on SEVERITY]`:
// runs every finding rule and writes a report. The snapshot's SHA-256 is computed here (core
// imports no node:*). Imports core/ (via core/index.ts) and main/import; never electron.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import {
  analyzeSnapshot,
  escalationOf,
  isJsonObject,
  isSeverity,
  ownValue,
  RULESET_VERSION,
  severityRank,
  TRIAGE_STATES,
  writeFindingsCsv,
  writeHtmlReport,
  writeJsonReport,
  writeMarkdownReport,
  writePrincipalsCsv,
  writeSarifReport,
  type EscalationInput,
  type FindingSeverity,
  type ReportInput,
  type Triage,
  type TriageState,
} from '../../core/index';
import { parseCommandArgs, PARTIAL_OPTION, usageError as usageErrorOf } from '../args';
import { NoChromiumError, renderPdf } from '../../main/export/pdf';
import type { Command } from '../index';
import { CliError, EXIT_OK, EXIT_THRESHOLD, type CliIo } from '../io';
import { loadSnapshot } from '../snapshot-loader';
import { VERSION } from '../version';

const FORMATS = ['json', 'sarif', 'csv', 'md', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

interface AuditArgs {
  files: string[];
  format: Format;
  out?: string;
  failOn?: FindingSeverity;
  triage?: string;
  principalsOut?: string;
  skipEscalation: boolean;
  partial: boolean;
}

function usageError(message: string): CliError {
  return usageErrorOf(message, command.usage);
}

function parse(args: string[]): AuditArgs {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      triage: { type: 'string' },
      'principals-out': { type: 'string' },
      'skip-escalation': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...PARTIAL_OPTION,
    },
    command.usage,
  );
  const formatText =
    typeof values['format'] === 'string' ? values['format'] : values['json'] === true ? 'json' : 'json';
  if (!(FORMATS as readonly string[]).includes(formatText)) {
    throw usageError(`--format: unknown format \`${formatText}\` (expected ${FORMATS.join(', ')})`);
  }
  if (values['json'] === true && typeof values['format'] === 'string' && formatText !== 'json') {
    throw usageError(`--json and --format \`${formatText}\` contradict each other`);
  }
  const failOnText = values['fail-on'];
  let failOn: FindingSeverity | undefined;
  if (typeof failOnText === 'string') {
    const s = failOnText.toLowerCase();
    if (!isSeverity(s))
      throw usageError(
        `--fail-on: unknown severity \`${failOnText}\` (expected critical, high, medium, low or info)`,
      );
    failOn = s;
  }
  return {
    files: positionals,
    format: formatText as Format,
    ...(typeof values['out'] === 'string' ? { out: values['out'] } : {}),
    ...(failOn ? { failOn } : {}),
    ...(typeof values['triage'] === 'string' ? { triage: values['triage'] } : {}),
    ...(typeof values['principals-out'] === 'string' ? { principalsOut: values['principals-out'] } : {}),
    skipEscalation: values['skip-escalation'] === true,
    partial: values.partial === true,
  };
}

/**
 * SHA-256 of the input: of the file's bytes for one file; for several, of the lines
 * `<sha256 of file>  <position>` in the order given (so the hash does not depend on file names).
 */
export async function snapshotSha256(files: readonly string[]): Promise<string> {
  const hashes: string[] = [];
  for (const f of files)
    hashes.push(
      createHash('sha256')
        .update(await readFile(f))
        .digest('hex'),
    );
  if (hashes.length === 1) return hashes[0] as string;
  return createHash('sha256')
    .update(hashes.map((h, i) => `${h}  ${i}\n`).join(''))
    .digest('hex');
}

/** Reads a triage file: `{"<finding id>": {"state": "accepted-risk", "justification": "…"}}`. */
export async function readTriage(path: string): Promise<Map<string, Triage>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'no such file' : 'not a JSON triage file'}`);
  }
  if (!isJsonObject(value)) throw new CliError(`${path}: expected an object of finding id → triage`);
  const out = new Map<string, Triage>();
  for (const id of Object.keys(value)) {
    const entry = ownValue(value, id);
    const state = isJsonObject(entry) ? ownValue(entry, 'state') : undefined;
    if (typeof state !== 'string' || !(TRIAGE_STATES as readonly string[]).includes(state)) {
      throw new CliError(`${path}: \`${id}\`.state: expected one of ${TRIAGE_STATES.join(', ')}`);
    }
    const justification = isJsonObject(entry) ? ownValue(entry, 'justification') : undefined;
    out.set(id, {
      state: state as TriageState,
      ...(typeof justification === 'string' ? { justification } : {}),
    });
  }
  return out;
}

/** True when a finding at or above `failOn` is still open (not triaged away as accepted, false positive or resolved). */
export function thresholdReached(input: ReportInput, failOn: FindingSeverity): boolean {
  return input.analysis.findings.some((f) => {
    const state = input.triage?.get(f.id)?.state ?? 'open';
    return severityRank(f.severity) <= severityRank(failOn) && (state === 'open' || state === 'confirmed');
  });
}

/** The `audit` command. */
export const command: Command = {
  summary: 'all findings, as a JSON, SARIF, CSV, Markdown, HTML or PDF report',
  usage:
    'audit <snapshot> [--format json|sarif|csv|md|html|pdf] [--out FILE] [--fail-on SEVERITY] [--triage FILE] [--principals-out FILE] [--skip-escalation] [--partial]',
  run: async (args, io: CliIo) => {
    const a = parse(args);
    if (a.files.length === 0) throw usageError('no snapshot given');
    if (a.format === 'pdf' && !a.out) throw usageError('--format pdf: needs --out FILE');
    const result = await loadSnapshot(a.files, { partial: a.partial });
    const snapshot = result.snapshot;
    const sha256 = await snapshotSha256(a.files);
    const triage = a.triage ? await readTriage(a.triage) : undefined;
    let escalation: EscalationInput | undefined;
    const notes: string[] = [];
    try {
      if (!a.skipEscalation) escalation = escalationOf(snapshot);
    } catch (e) {
      notes.push(`the escalation graph failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const analysis = analyzeSnapshot(snapshot, {
      escalation: escalation ?? false,
      importWarnings: result.warnings,
    });
    const input: ReportInput = {
      meta: {
        tool: { name: 'ariadne', version: VERSION },
        snapshot: { account: snapshot.account.id, sha256, collectedAt: snapshot.collectedAt ?? null },
        rulesetVersion: RULESET_VERSION,
      },
      analysis: notes.length > 0 ? { ...analysis, notes: [...notes, ...analysis.notes] } : analysis,
      ...(triage ? { triage } : {}),
      ...(escalation ? { escalation } : {}),
    };
    if (a.format === 'pdf' && a.out) {
      try {
        await renderPdf(writeHtmlReport(input, snapshot), a.out);
      } catch (e) {
        if (e instanceof NoChromiumError) throw new CliError(e.message);
        throw new CliError(`pdf: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
      }
      io.stderr(`ariadne audit: ${analysis.findings.length} findings written to ${a.out}\n`);
    }
    const text =
      a.format === 'pdf'
        ? ''
        : a.format === 'html'
          ? writeHtmlReport(input, snapshot)
          : a.format === 'sarif'
            ? writeSarifReport(input)
            : a.format === 'csv'
              ? writeFindingsCsv(input)
              : a.format === 'md'
                ? writeMarkdownReport(input)
                : writeJsonReport(input);
    if (a.format === 'pdf') {
      // written above
    } else if (a.out) {
      await writeFile(a.out, text, 'utf8');
      io.stderr(`ariadne audit: ${analysis.findings.length} findings written to ${a.out}\n`);
    } else {
      io.stdout(text);
    }
    if (a.principalsOut) {
      await writeFile(a.principalsOut, writePrincipalsCsv(input, snapshot), 'utf8');
      io.stderr(`ariadne audit: principals written to ${a.principalsOut}\n`);
    }
    if (a.failOn && thresholdReached(input, a.failOn)) {
      io.stderr(`ariadne audit: findings at or above \`${a.failOn}\` are open\n`);
      return EXIT_THRESHOLD;
    }
    return EXIT_OK;
  },
};
