// The IPC channel names and the preload method each one backs: plain data, no zod, so the
// sandboxed preload can import it. The schemas of every channel are in ipc/schemas.ts.

/** Every IPC channel (`domain:verb`) mapped to the preload method that calls it. */
export const CHANNELS = {
  'app:info': 'appInfo',
  'snapshot:open-dialog': 'openSnapshot',
  'snapshot:recent-list': 'recentSnapshots',
  'snapshot:open-recent': 'openRecentSnapshot',
  'export:save': 'saveExport',
  'export:pdf': 'exportPdf',
  'aws:list-profiles': 'listAwsProfiles',
  'aws:pull-account': 'pullAccount',
  'aws:cancel-pull': 'cancelPull',
} as const;

/** An IPC channel name. */
export type Channel = keyof typeof CHANNELS;

/** The channel names, in declaration order. */
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

/** Main → renderer events: menu commands. */
export const MENU_EVENT = 'menu:command';

/** Main → renderer events: progress of a running AWS pull (`{ pullId, event }`). */
export const PULL_EVENT = 'aws:pull-progress';

/** Commands the application menu sends to the renderer. */
export const MENU_COMMANDS = ['open-snapshot', 'show-library', 'toggle-theme', 'find'] as const;

/** One menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** True when `name` is a declared channel (own key, so `__proto__` is not one). */
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CHANNELS, name);
}

/** Shape check of a pull progress message for the sandboxed preload (no zod there); main validated it. */
export function isPullProgressMessage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const pullId = Object.hasOwn(value, 'pullId') ? (value as { pullId: unknown }).pullId : undefined;
  const event = Object.hasOwn(value, 'event') ? (value as { event: unknown }).event : undefined;
  return typeof pullId === 'string' && typeof event === 'object' && event !== null && Object.hasOwn(event, 'kind') && typeof (event as { kind: unknown }).kind === 'string';
}
