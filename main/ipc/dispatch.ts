// Validates and runs one IPC call against the handler registry: the one path every request takes,
// from ipcMain or from web mode's bridge. Node-only (no electron import).
import { isChannel, parseRequest, SCHEMAS, type Channel, type IpcHandlers } from '../../ipc/index';

/** The outcome of a dispatched call. */
export type DispatchResult = { kind: 'ok'; value: unknown } | { kind: 'unknown-channel'; message: string } | { kind: 'invalid'; message: string } | { kind: 'failed'; message: string };

/** Validates `payload` for `channel`, runs its handler and validates the response. */
export async function dispatch(handlers: IpcHandlers, channel: string, payload: unknown): Promise<DispatchResult> {
  if (!isChannel(channel)) return { kind: 'unknown-channel', message: `ipc: unknown channel \`${channel.slice(0, 80)}\`` };
  const request = parseRequest(channel, payload);
  if (request.kind === 'error') return { kind: 'invalid', message: request.message };
  try {
    const handler = handlers[channel] as (r: unknown) => Promise<unknown>;
    const value = await handler(request.value);
    const checked = (SCHEMAS[channel as Channel].response as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(value);
    if (!checked.success) return { kind: 'failed', message: `${channel}: the handler returned an invalid response` };
    return { kind: 'ok', value: checked.data };
  } catch (e) {
    return { kind: 'failed', message: `${channel}: ${e instanceof Error ? e.message.split('\n')[0] : 'failed'}` };
  }
}
