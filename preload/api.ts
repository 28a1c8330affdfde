// The preload API as one object built over an `invoke` function: the preload passes ipcRenderer's,
// web mode's renderer passes a fetch to the bridge. Imports only ipc/channels (types from ipc/).
import type { Channel, MenuCommand } from '../ipc/channels';
import type { IpcRequest, IpcResponse, PullProgressMessage } from '../ipc/schemas';

/** Calls one channel with its request; resolves to its response. */
export type Invoke = <C extends Channel>(channel: C, request: IpcRequest<C>) => Promise<IpcResponse<C>>;

/** Subscribes to menu commands; returns an unsubscribe function. */
export type OnMenuCommand = (listener: (command: MenuCommand) => void) => () => void;

/** Subscribes to the progress of AWS pulls; returns an unsubscribe function. */
export type OnPullProgress = (listener: (message: PullProgressMessage) => void) => () => void;

/** A subscription that never fires (hosts without pull progress). */
const noEvents: OnPullProgress = () => () => undefined;

/** Builds the API object: one method per capability, named after ipc/channels.ts. */
export function createApi(invoke: Invoke, onMenuCommand: OnMenuCommand, onPullProgress: OnPullProgress = noEvents) {
  return {
    /** The application's name, version and mode, for the About box. */
    appInfo: () => invoke('app:info', {}),
    /** Asks the user for snapshot files and returns their text. */
    openSnapshot: () => invoke('snapshot:open-dialog', {}),
    /** The recently opened files (names only). */
    recentSnapshots: () => invoke('snapshot:recent-list', {}),
    /** Reopens a recently opened file by its entry id. */
    openRecentSnapshot: (id: string) => invoke('snapshot:open-recent', { id }),
    /** Saves an export where the user chooses. */
    saveExport: (request: IpcRequest<'export:save'>) => invoke('export:save', request),
    /** Prints a report's HTML to PDF and saves it where the user chooses (web mode: returns the bytes to download). */
    exportPdf: (request: IpcRequest<'export:pdf'>) => invoke('export:pdf', request),
    /** The AWS profiles of the shared config files: names, regions and kinds, never keys. */
    listAwsProfiles: () => invoke('aws:list-profiles', {}),
    /** Pulls one account read-only with a profile; progress arrives through onPullProgress. */
    pullAccount: (request: IpcRequest<'aws:pull-account'>) => invoke('aws:pull-account', request),
    /** Cancels the running pull `pullId`; it then resolves as cancelled and stores nothing. */
    cancelPull: (pullId: string) => invoke('aws:cancel-pull', { pullId }),
    /** Subscribes to the application menu's commands. */
    onMenuCommand,
    /** Subscribes to the progress of AWS pulls. */
    onPullProgress,
  };
}

/** The preload API, as the renderer sees it at `window.ariadne`. */
export type AriadneApi = ReturnType<typeof createApi>;

/** API methods that are not IPC channels (events from main). */
export const EVENT_METHODS = ['onMenuCommand', 'onPullProgress'] as const;
