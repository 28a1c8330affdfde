// The IPC contract: a zod schema for the request and the response of every channel in
// ipc/channels.ts. Main's handlers and web mode's bridge validate with these. No electron import.
import { z } from 'zod';
import type { Channel } from './channels';

/** Largest snapshot file accepted over IPC (characters). */
export const MAX_FILE_CHARS = 256 * 1024 * 1024;

/** Largest image exported through `export:save` (bytes, before base64). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
const MAX_IMAGE_BASE64_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Largest report HTML printed through `export:pdf` (characters; a 10,000-finding report is about 17 MB). */
export const MAX_REPORT_HTML_CHARS = 64 * 1024 * 1024;

/** Largest PDF `export:pdf` hands back to web mode's page (bytes, before base64). */
export const MAX_PDF_BYTES = 128 * 1024 * 1024;
const MAX_PDF_BASE64_CHARS = Math.ceil(MAX_PDF_BYTES / 3) * 4;

/** A file read for the renderer: its base name and its text. */
export const snapshotFile = z.object({ name: z.string().max(1024), text: z.string().max(MAX_FILE_CHARS) }).strict();

const empty = z.object({}).strict();

const opened = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), files: z.array(snapshotFile).min(1) }).strict(),
  z.object({ kind: z.literal('cancelled') }).strict(),
  z.object({ kind: z.literal('error'), message: z.string() }).strict(),
]);

/** One entry of the recent-files list. */
export const recentEntry = z.object({ id: z.string().min(1).max(128), name: z.string(), openedAt: z.string() }).strict();

/** An AWS profile name as the shared config files write it (no spaces, brackets or controls). */
export const awsProfileName = z.string().regex(/^[A-Za-z0-9_.@+\-/:]{1,128}$/, 'not a profile name');
/** An AWS region code (`eu-west-1`, `us-gov-west-1`). */
export const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'not a region code');
/** The renderer's id of one pull, used to match progress events and to cancel it. */
export const pullId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not a pull id');

const label = z.string().max(300);

/** One progress event of a pull (main/aws's PullProgressEvent, bounded for the wire). */
export const pullProgressEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('identity'), accountId: label, caller: label }).strict(),
  z.object({ kind: z.literal('collector-start'), collector: label, region: label.optional() }).strict(),
  z.object({ kind: z.literal('collector-done'), collector: label, region: label.optional(), items: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('warning'), collector: label, message: z.string().max(2000) }).strict(),
  z.object({ kind: z.literal('page'), collector: label, page: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('retry'), service: label, operation: label, attempt: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('done'), requests: z.number().int().nonnegative(), retries: z.number().int().nonnegative(), warnings: z.number().int().nonnegative() }).strict(),
]);

/** What main pushes to the renderer while a pull runs (PULL_EVENT). */
export const pullProgressMessage = z.object({ pullId, event: pullProgressEvent }).strict();

/** Why a pull stopped (main/aws's PullErrorKind without `cancelled`, plus `busy`). */
export const pullFailure = z.enum(['credentials', 'network', 'malformed', 'access-denied', 'not-read-only', 'aws', 'busy', 'failed']);

/** Request and response schemas per channel. */
export const SCHEMAS = {
  'app:info': {
    request: empty,
    response: z
      .object({ name: z.string(), version: z.string(), mode: z.enum(['desktop', 'web']), platform: z.string(), versions: z.record(z.string(), z.string()) })
      .strict(),
  },
  'snapshot:open-dialog': { request: empty, response: opened },
  'snapshot:recent-list': { request: empty, response: z.object({ entries: z.array(recentEntry) }).strict() },
  'snapshot:open-recent': { request: z.object({ id: z.string().min(1).max(128) }).strict(), response: opened },
  'export:save': {
    request: z
      .object({
        suggestedName: z.string().min(1).max(255),
        mimeType: z.enum(['application/json', 'text/csv', 'text/markdown', 'text/html', 'application/sarif+json', 'image/svg+xml', 'image/png']),
        content: z.string().max(MAX_FILE_CHARS),
        /** `base64` for binary content (a PNG); text otherwise. */
        encoding: z.literal('base64').optional(),
      })
      .strict()
      .superRefine((r, ctx) => {
        if ((r.mimeType === 'image/png') !== (r.encoding === 'base64'))
          ctx.addIssue({ code: 'custom', path: ['encoding'], message: r.encoding === 'base64' ? 'base64 is for image/png only' : 'image/png needs encoding `base64`' });
        else if (r.encoding === 'base64' && (r.content.length > MAX_IMAGE_BASE64_CHARS || r.content.length % 4 !== 0 || !BASE64.test(r.content)))
          ctx.addIssue({ code: 'custom', path: ['content'], message: `not base64 of at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB` });
      }),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('saved'), name: z.string() }).strict(),
      z.object({ kind: z.literal('cancelled') }).strict(),
      z.object({ kind: z.literal('error'), message: z.string() }).strict(),
    ]),
  },
  'export:pdf': {
    request: z
      .object({
        /** The file name offered in the save dialog (a base name ending in `.pdf`). */
        suggestedName: z.string().min(5).max(255).regex(/^[^/\\\0]+\.pdf$/i, 'not a file name ending in .pdf'),
        /** The report's self-contained HTML (core/report's writeHtmlReport). */
        html: z.string().min(1).max(MAX_REPORT_HTML_CHARS),
      })
      .strict(),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('saved'), name: z.string() }).strict(),
      /** Web mode (no save dialog): the printed PDF as base64, for the page to download. */
      z.object({ kind: z.literal('pdf'), name: z.string().max(255), base64: z.string().max(MAX_PDF_BASE64_CHARS).regex(BASE64) }).strict(),
      z.object({ kind: z.literal('cancelled') }).strict(),
      z.object({ kind: z.literal('error'), message: z.string() }).strict(),
    ]),
  },
  'aws:list-profiles': {
    request: empty,
    response: z
      .object({
        profiles: z.array(
          z.object({ name: z.string().max(256), region: z.string().max(64).optional(), kind: z.enum(['sso', 'role', 'static', 'process', 'web-identity', 'other']) }).strict(),
        ),
      })
      .strict(),
  },
  'aws:pull-account': {
    request: z.object({ pullId, profile: awsProfileName, region: awsRegion, regions: z.array(awsRegion).max(40) }).strict(),
    response: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('ok'),
          name: z.string().max(255),
          text: z.string().max(MAX_FILE_CHARS),
          accountId: z.string(),
          requests: z.number().int().nonnegative(),
          retries: z.number().int().nonnegative(),
          warnings: z.array(z.string()),
        })
        .strict(),
      z.object({ kind: z.literal('cancelled') }).strict(),
      z.object({ kind: z.literal('error'), reason: pullFailure, message: z.string() }).strict(),
    ]),
  },
  'aws:cancel-pull': {
    request: z.object({ pullId }).strict(),
    response: z.object({ kind: z.enum(['cancelling', 'not-running']) }).strict(),
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

/** The request payload of channel `C`. */
export type IpcRequest<C extends Channel> = z.infer<(typeof SCHEMAS)[C]['request']>;
/** The response payload of channel `C`. */
export type IpcResponse<C extends Channel> = z.infer<(typeof SCHEMAS)[C]['response']>;
/** A handler for every channel: validated request in, response out. */
export type IpcHandlers = { [C in Channel]: (request: IpcRequest<C>) => Promise<IpcResponse<C>> };
/** The result of opening snapshot files. */
export type OpenedFiles = IpcResponse<'snapshot:open-dialog'>;
/** A snapshot file as text. */
export type SnapshotFile = z.infer<typeof snapshotFile>;
/** Application information for the About box. */
export type AppInfo = IpcResponse<'app:info'>;

/** One progress message of a pull, as the renderer receives it. */
export type PullProgressMessage = z.infer<typeof pullProgressMessage>;
/** One progress event of a pull. */
export type PullProgress = z.infer<typeof pullProgressEvent>;
/** The result of printing a report to PDF. */
export type PdfExportOutcome = IpcResponse<'export:pdf'>;
/** The result of a pull. */
export type PullOutcome = IpcResponse<'aws:pull-account'>;
/** One AWS profile, as the pull dialog lists it. */
export type AwsProfileEntry = IpcResponse<'aws:list-profiles'>['profiles'][number];

/** Validates `payload` as the request of `channel`: the parsed value, or a one-line error. */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): { kind: 'ok'; value: IpcRequest<C> } | { kind: 'error'; message: string } {
  const result = SCHEMAS[channel].request.safeParse(payload);
  if (result.success) return { kind: 'ok', value: result.data as IpcRequest<C> };
  const issue = result.error.issues[0];
  return { kind: 'error', message: `${channel}: invalid request${issue ? ` at \`${issue.path.join('.') || '(root)'}\`: ${issue.message.toLowerCase()}` : ''}` };
}
