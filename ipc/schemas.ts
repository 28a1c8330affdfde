// The IPC contract: a zod schema for the request and the response of every channel in
// ipc/channels.ts. Main's handlers and web mode's bridge validate with these. No electron import.
import { z } from 'zod';
import type { Channel } from './channels';

/** Largest snapshot file accepted over IPC (characters). */
export const MAX_FILE_CHARS = 256 * 1024 * 1024;

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
        mimeType: z.enum(['application/json', 'text/csv', 'text/markdown', 'text/html', 'application/sarif+json']),
        content: z.string().max(MAX_FILE_CHARS),
      })
      .strict(),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('saved'), name: z.string() }).strict(),
      z.object({ kind: z.literal('cancelled') }).strict(),
      z.object({ kind: z.literal('error'), message: z.string() }).strict(),
    ]),
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

/** Validates `payload` as the request of `channel`: the parsed value, or a one-line error. */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): { kind: 'ok'; value: IpcRequest<C> } | { kind: 'error'; message: string } {
  const result = SCHEMAS[channel].request.safeParse(payload);
  if (result.success) return { kind: 'ok', value: result.data as IpcRequest<C> };
  const issue = result.error.issues[0];
  return { kind: 'error', message: `${channel}: invalid request${issue ? ` at \`${issue.path.join('.') || '(root)'}\`: ${issue.message.toLowerCase()}` : ''}` };
}
