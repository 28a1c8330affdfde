// The IPC handlers' logic, Node-only (no electron import), shared by the desktop app's ipcMain
// glue (main/ipc/register.ts) and web mode's bridge (main/web/server.ts). Dialogs are injected.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  awsProfileName,
  awsRegion,
  MAX_FILE_CHARS,
  MAX_PDF_BYTES,
  pullProgressMessage,
  type AppInfo,
  type IpcHandlers,
  type IpcResponse,
  type OpenedFiles,
  type PullProgressMessage,
  type SnapshotFile,
} from '../../ipc/index';
import { listProfiles, pullAccount, PullError, type PullOptions, type PullProgressEvent, type PullResult } from '../aws/index';

/** The native dialogs the desktop app provides; absent in web mode (the browser chooses files). */
export interface Dialogs {
  /** Asks for snapshot files to open; `undefined` when cancelled. */
  chooseOpenPaths(): Promise<readonly string[] | undefined>;
  /** Asks where to save `suggestedName`; `undefined` when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | undefined>;
}

/** How the app pulls from AWS. Tests point it at a local endpoint; the renderer never chooses it. */
export interface AwsHost {
  /** One endpoint for every client (web mode's tests: the fake AWS server); absent means AWS. */
  endpointUrl?: string;
  /** Environment for the profile list (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, `HOME`). */
  env?: NodeJS.ProcessEnv;
  maxAttempts?: number;
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
  /** The pull itself (default main/aws's pullAccount). */
  pull?: (options: PullOptions) => Promise<PullResult>;
}

/**
 * Prints a report's HTML to PDF bytes: Electron's printToPDF in the desktop app
 * (main/export/electron-pdf.ts), playwright-core and an installed Chromium in web mode (main/web/pdf.ts).
 */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** What the handlers need from their host. */
export interface HandlerOptions {
  mode: 'desktop' | 'web';
  version: string;
  /** Folder for the recent-files list; `undefined` keeps it in memory. */
  stateDir?: string;
  dialogs?: Dialogs;
  versions?: Record<string, string>;
  aws?: AwsHost;
  /** Prints `export:pdf` requests; absent means no PDF here (the handler says so). */
  printPdf?: PdfPrinter;
  /** Delivers a running pull's progress to the renderer (webContents.send, or web mode's event stream). */
  onPullProgress?: (message: PullProgressMessage) => void;
}

type PullOutcome = IpcResponse<'aws:pull-account'>;

/** A file name for a pulled bundle: account alias or id, and the collection time. */
function bundleName(account: { id: string; alias?: string }, collectedAt: string): string {
  const who = (account.alias ?? account.id).replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64) || 'aws';
  return `${who}-pull-${collectedAt.slice(0, 19).replace(/[^0-9T]/g, '')}.json`;
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

  const aws = options.aws ?? {};
  let running: { id: string; controller: AbortController } | undefined;

  /** Runs one pull; the result holds the bundle text or one line saying what to do. Never a credential. */
  async function pull(id: string, profile: string, region: string, extraRegions: readonly string[]): Promise<PullOutcome> {
    if (running) return { kind: 'error', reason: 'busy', message: 'aws:pull-account: a pull is already running: wait for it to finish or cancel it' };
    const controller = new AbortController();
    running = { id, controller };
    const emit = (event: PullProgressEvent): void => {
      const message = pullProgressMessage.safeParse({ pullId: id, event });
      if (message.success && !controller.signal.aborted) options.onPullProgress?.(message.data);
    };
    try {
      const result = await (aws.pull ?? pullAccount)({
        profile,
        region,
        regions: [...new Set([region, ...extraRegions])],
        signal: controller.signal,
        onProgress: emit,
        tool: `ariadne ${options.version}`,
        ...(aws.endpointUrl !== undefined ? { endpointUrl: aws.endpointUrl } : {}),
        ...(aws.maxAttempts !== undefined ? { maxAttempts: aws.maxAttempts } : {}),
        ...(aws.pollIntervalMs !== undefined ? { pollIntervalMs: aws.pollIntervalMs } : {}),
        ...(aws.requestTimeoutMs !== undefined ? { requestTimeoutMs: aws.requestTimeoutMs } : {}),
      });
      if (controller.signal.aborted) return { kind: 'cancelled' };
      const { bundle } = result;
      const text = JSON.stringify(bundle, null, 2);
      if (text.length > MAX_FILE_CHARS) return { kind: 'error', reason: 'failed', message: `aws:pull-account: the account is larger than ${MAX_FILE_CHARS / 1024 / 1024} MiB: use \`ariadne pull\`` };
      return { kind: 'ok', name: bundleName(bundle.account, bundle.collectedAt), text, accountId: bundle.account.id, requests: result.requests, retries: result.retries, warnings: bundle.warnings };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'cancelled' };
      if (error instanceof PullError) return error.kind === 'cancelled' ? { kind: 'cancelled' } : { kind: 'error', reason: error.kind, message: error.message };
      // Anything else is a bug: say so without echoing an error text that could hold request details.
      return { kind: 'error', reason: 'failed', message: 'aws:pull-account: the pull failed unexpectedly: nothing stored; run `ariadne pull` to see the details' };
    } finally {
      if (running?.id === id) running = undefined;
    }
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
    'export:save': async ({ suggestedName, content, encoding }) => {
      if (!options.dialogs) return { kind: 'error', message: 'export:save: no save dialog here: the browser downloads the file' };
      const path = await options.dialogs.chooseSavePath(basename(suggestedName));
      if (!path) return { kind: 'cancelled' };
      try {
        // The schema checked base64 content (image/png); it is written as the bytes it encodes.
        await writeFile(path, encoding === 'base64' ? Buffer.from(content, 'base64') : content);
        return { kind: 'saved', name: basename(path) };
      } catch (e) {
        const code = typeof e === 'object' && e && 'code' in e ? String(e.code) : 'unwritable';
        return { kind: 'error', message: `\`${basename(path)}\`: cannot write the file (${code.toLowerCase()})` };
      }
    },
    'export:pdf': async ({ suggestedName, html }) => {
      const print = options.printPdf;
      if (!print) return { kind: 'error', message: 'export:pdf: no PDF printer here: export the HTML report and print it from a browser' };
      const name = basename(suggestedName);
      // The desktop app asks where to save before printing, so a cancel costs nothing.
      const path = options.dialogs ? await options.dialogs.chooseSavePath(name) : undefined;
      if (options.dialogs && !path) return { kind: 'cancelled' };
      let pdf: Uint8Array;
      try {
        pdf = await print(html);
      } catch (e) {
        const line = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
        return { kind: 'error', message: line.startsWith('pdf: ') ? `export:${line}` : `export:pdf: printing failed: ${line}` };
      }
      if (pdf.length > MAX_PDF_BYTES) return { kind: 'error', message: `export:pdf: the PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MiB: use \`ariadne audit --format pdf\`` };
      // Web mode has no save dialog: the page downloads the bytes.
      if (!path) return { kind: 'pdf', name, base64: Buffer.from(pdf).toString('base64') };
      try {
        await writeFile(path, pdf);
        return { kind: 'saved', name: basename(path) };
      } catch (e) {
        const code = typeof e === 'object' && e && 'code' in e ? String(e.code) : 'unwritable';
        return { kind: 'error', message: `\`${basename(path)}\`: cannot write the file (${code.toLowerCase()})` };
      }
    },
    'aws:list-profiles': async () => {
      // Names, regions and kinds only: listProfiles never reads a key into its result.
      const profiles = await listProfiles(aws.env ?? process.env);
      return {
        profiles: profiles
          .filter((p) => awsProfileName.safeParse(p.name).success)
          .map((p) => (p.region !== undefined && awsRegion.safeParse(p.region).success ? { name: p.name, region: p.region, kind: p.kind } : { name: p.name, kind: p.kind })),
      };
    },
    'aws:pull-account': ({ pullId, profile, region, regions }) => pull(pullId, profile, region, regions),
    'aws:cancel-pull': async ({ pullId }) => {
      if (!running || running.id !== pullId) return { kind: 'not-running' };
      running.controller.abort();
      return { kind: 'cancelling' };
    },
  };
}

