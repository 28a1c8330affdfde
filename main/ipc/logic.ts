// The IPC handlers' logic, Node-only (no electron import), shared by the desktop app's ipcMain
// glue (main/ipc/register.ts) and web mode's bridge (main/web/server.ts). Dialogs are injected.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MAX_FILE_CHARS, type AppInfo, type IpcHandlers, type OpenedFiles, type SnapshotFile } from '../../ipc/index';

/** The native dialogs the desktop app provides; absent in web mode (the browser chooses files). */
export interface Dialogs {
  /** Asks for snapshot files to open; `undefined` when cancelled. */
  chooseOpenPaths(): Promise<readonly string[] | undefined>;
  /** Asks where to save `suggestedName`; `undefined` when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
}

/** What the handlers need from their host. */
export interface HandlerOptions {
  mode: 'desktop' | 'web';
  version: string;
  /** Folder for the recent-files list; `undefined` keeps it in memory. */
  stateDir?: string;
  dialogs?: Dialogs;
  versions?: Record<string, string>;
}

interface RecentRecord {
  id: string;
  name: string;
  path: string;
  openedAt: string;
}

const MAX_RECENT = 10;

/** Reads snapshot files as text (UTF-8, byte-order mark dropped); a one-line error names the file. */
export async function readSnapshotTexts(paths: readonly string[]): Promise<OpenedFiles> {
  const files: SnapshotFile[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isFile()) return { kind: 'error', message: `\`${basename(path)}\`: not a file` };
      if (info.size > MAX_FILE_CHARS) return { kind: 'error', message: `\`${basename(path)}\`: larger than ${MAX_FILE_CHARS / 1024 / 1024} MiB` };
      const text = await readFile(path, 'utf8');
      files.push({ name: basename(path), text: text.startsWith('\uFEFF') ? text.slice(1) : text });
    } catch (e) {
      const code = typeof e === 'object' && e && 'code' in e ? String(e.code) : 'unreadable';
      return { kind: 'error', message: `\`${basename(path)}\`: cannot read the file (${code.toLowerCase()})` };
    }
  }
  return files.length > 0 ? { kind: 'ok', files } : { kind: 'cancelled' };
}

/** Creates the handler of every channel. */
export function createHandlers(options: HandlerOptions): IpcHandlers {
  let recent: RecentRecord[] | undefined;
  const recentFile = options.stateDir ? join(options.stateDir, 'recent-snapshots.json') : undefined;

  async function loadRecent(): Promise<RecentRecord[]> {
    if (recent) return recent;
    recent = [];
    if (!recentFile) return recent;
    try {
      const parsed: unknown = JSON.parse(await readFile(recentFile, 'utf8'));
      if (Array.isArray(parsed)) {
        for (const r of parsed.slice(0, MAX_RECENT)) {
          if (typeof r !== 'object' || r === null) continue;
          const rec = r as Record<string, unknown>;
          const fields = ['id', 'name', 'path', 'openedAt'].map((k) => (Object.hasOwn(rec, k) ? rec[k] : undefined));
          if (fields.every((f) => typeof f === 'string')) {
            const [id, name, path, openedAt] = fields as string[];
            recent.push({ id: id!, name: name!, path: path!, openedAt: openedAt! });
          }
        }
      }
    } catch {
      // No list yet, or an unreadable one: start empty.
    }
    return recent;
  }

  async function remember(paths: readonly string[]): Promise<void> {
    const list = await loadRecent();
    const now = new Date().toISOString();
    for (const path of paths) {
      const i = list.findIndex((r) => r.path === path);
      if (i >= 0) list.splice(i, 1);
      list.unshift({ id: randomBytes(8).toString('hex'), name: basename(path), path, openedAt: now });
    }
    list.length = Math.min(list.length, MAX_RECENT);
    if (!recentFile || !options.stateDir) return;
    await mkdir(options.stateDir, { recursive: true });
    const tmp = `${recentFile}.tmp`;
    await writeFile(tmp, JSON.stringify(list, null, 2));
    await rename(tmp, recentFile);
  }

  return {
    'app:info': async (): Promise<AppInfo> => ({
      name: 'Ariadne',
      version: options.version,
      mode: options.mode,
      platform: process.platform,
      versions: options.versions ?? { node: process.versions.node },
    }),
    'snapshot:open-dialog': async () => {
      if (!options.dialogs) return { kind: 'error', message: 'snapshot:open-dialog: no file dialog here: choose the file in the browser' };
      const paths = await options.dialogs.chooseOpenPaths();
      if (!paths || paths.length === 0) return { kind: 'cancelled' };
      const result = await readSnapshotTexts(paths);
      if (result.kind === 'ok') await remember(paths);
      return result;
    },
    'snapshot:recent-list': async () => ({
      entries: (await loadRecent()).map(({ id, name, openedAt }) => ({ id, name, openedAt })),
    }),
    'snapshot:open-recent': async ({ id }) => {
      // Only paths the user chose earlier can be reopened: the renderer names an entry, never a path.
      const entry = (await loadRecent()).find((r) => r.id === id);
      if (!entry) return { kind: 'error', message: `snapshot:open-recent: no recent file \`${id}\`` };
      const result = await readSnapshotTexts([entry.path]);
      if (result.kind === 'ok') await remember([entry.path]);
      return result;
    },
    'export:save': async ({ suggestedName, content }) => {
      if (!options.dialogs) return { kind: 'error', message: 'export:save: no save dialog here: the browser downloads the file' };
      const path = await options.dialogs.chooseSavePath(basename(suggestedName));
      if (!path) return { kind: 'cancelled' };
      try {
        await writeFile(path, content);
        return { kind: 'saved', name: basename(path) };
      } catch (e) {
        const code = typeof e === 'object' && e && 'code' in e ? String(e.code) : 'unwritable';
        return { kind: 'error', message: `\`${basename(path)}\`: cannot write the file (${code.toLowerCase()})` };
      }
    },
  };
}

