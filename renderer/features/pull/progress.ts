// The pull dialog's progress model: one row per collector (per region for regional ones), updated
// from main's progress events. Pure data; imports only types from ipc/.
import type { PullProgress } from '../../../ipc/schemas';

/** The status of one collector run. */
export type RowStatus = 'pending' | 'running' | 'done' | 'warning' | 'failed' | 'cancelled' | 'skipped';

/** One collector run in the progress list. */
export interface ProgressRow {
  key: string;
  collector: string;
  label: string;
  region?: string;
  status: RowStatus;
  pages: number;
  retries: number;
  items?: number;
  message?: string;
}

/** The progress of one pull. */
export interface PullProgressState {
  rows: ProgressRow[];
  account?: { id: string; caller: string };
  retries: number;
  summary?: { requests: number; retries: number; warnings: number };
}

/** The collectors main/aws runs, in order (main/aws/pull.ts's COLLECTORS), with their labels. */
const COLLECTORS: { id: string; label: string; regional: boolean }[] = [
  { id: 'iam.authorization-details', label: 'IAM authorization details', regional: false },
  { id: 'iam.credential-report', label: 'IAM credential report', regional: false },
  { id: 'iam.virtual-mfa-devices', label: 'IAM virtual MFA devices', regional: false },
  { id: 'iam.identity-providers', label: 'IAM identity providers', regional: false },
  { id: 'iam.account-settings', label: 'IAM account settings', regional: false },
  { id: 'organizations', label: 'Organizations (SCPs, RCPs)', regional: false },
  { id: 's3', label: 'S3 bucket policies', regional: false },
  { id: 's3.account-public-access-block', label: 'S3 account Block Public Access', regional: false },
  { id: 'kms', label: 'KMS key policies', regional: true },
  { id: 'lambda', label: 'Lambda function policies', regional: true },
  { id: 'sqs', label: 'SQS queue policies', regional: true },
  { id: 'sns', label: 'SNS topic policies', regional: true },
  { id: 'secretsmanager', label: 'Secrets Manager secret policies', regional: true },
  { id: 'ecr', label: 'ECR repository policies', regional: true },
];

function rowKey(collector: string, region: string | undefined): string {
  return `${collector}|${region ?? ''}`;
}

function labelOf(collector: string): string {
  return COLLECTORS.find((c) => c.id === collector)?.label ?? collector;
}

/** The pending rows of a pull over `regions` (the home region first). */
export function initialProgress(regions: readonly string[]): PullProgressState {
  const rows: ProgressRow[] = [];
  for (const c of COLLECTORS) {
    const runs = c.regional ? regions : [undefined];
    for (const region of runs) {
      rows.push({
        key: rowKey(c.id, region),
        collector: c.id,
        label: c.label,
        ...(region !== undefined ? { region } : {}),
        status: 'pending',
        pages: 0,
        retries: 0,
      });
    }
  }
  return { rows, retries: 0 };
}

function update(
  state: PullProgressState,
  match: (row: ProgressRow) => boolean,
  change: (row: ProgressRow) => ProgressRow,
): PullProgressState {
  return { ...state, rows: state.rows.map((row) => (match(row) ? change(row) : row)) };
}

/** The running row of `collector`, else its last row that has started. */
function targetOf(state: PullProgressState, collector?: string): ProgressRow | undefined {
  const running = state.rows.filter(
    (r) => r.status === 'running' && (collector === undefined || r.collector === collector),
  );
  if (running.length > 0) return running[running.length - 1];
  if (collector === undefined) return undefined;
  const started = state.rows.filter((r) => r.collector === collector && r.status !== 'pending');
  return started[started.length - 1];
}

/** Applies one progress event. */
export function applyProgress(state: PullProgressState, event: PullProgress): PullProgressState {
  switch (event.kind) {
    case 'identity':
      return { ...state, account: { id: event.accountId, caller: event.caller } };
    case 'collector-start': {
      const key = rowKey(event.collector, event.region);
      if (!state.rows.some((r) => r.key === key)) {
        const row: ProgressRow = {
          key,
          collector: event.collector,
          label: labelOf(event.collector),
          ...(event.region !== undefined ? { region: event.region } : {}),
          status: 'running',
          pages: 0,
          retries: 0,
        };
        return { ...state, rows: [...state.rows, row] };
      }
      return update(
        state,
        (r) => r.key === key,
        (r) => ({ ...r, status: 'running' }),
      );
    }
    case 'collector-done': {
      const key = rowKey(event.collector, event.region);
      return update(
        state,
        (r) => r.key === key,
        (r) => ({ ...r, status: r.status === 'warning' ? 'warning' : 'done', items: event.items }),
      );
    }
    case 'page': {
      const target = targetOf(state, event.collector);
      return target
        ? update(
            state,
            (r) => r === target,
            (r) => ({ ...r, pages: Math.max(r.pages, event.page) }),
          )
        : state;
    }
    case 'retry': {
      // Collectors run one after another, so a retry belongs to the one running.
      const target = targetOf(state);
      const next = { ...state, retries: state.retries + 1 };
      return target
        ? update(
            next,
            (r) => r === target,
            (r) => ({ ...r, retries: r.retries + 1 }),
          )
        : next;
    }
    case 'warning': {
      const target = targetOf(state, event.collector);
      return target
        ? update(
            state,
            (r) => r === target,
            (r) => ({
              ...r,
              status: 'warning',
              message: r.message ? `${r.message}; ${event.message}` : event.message,
            }),
          )
        : state;
    }
    case 'done':
      return {
        ...state,
        summary: { requests: event.requests, retries: event.retries, warnings: event.warnings },
      };
  }
}

/** Marks the running rows as stopped (`failed` or `cancelled`) and the pending ones as not run. */
export function stopRunning(state: PullProgressState, status: 'failed' | 'cancelled'): PullProgressState {
  return update(
    state,
    (r) => r.status === 'running' || r.status === 'pending',
    (r) => ({ ...r, status: r.status === 'running' ? status : 'skipped' }),
  );
}

/** A warning without the collector name and region it starts with (the row shows them). */
export function noteText(row: ProgressRow): string {
  const message = row.message ?? '';
  for (const prefix of [
    row.region !== undefined ? `${row.collector} (${row.region}): ` : undefined,
    `${row.collector}: `,
  ]) {
    if (prefix !== undefined && message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
