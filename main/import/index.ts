// Reads snapshot files from disk (size limit, strict UTF-8, JSON with line:column errors) and
// imports them with core's parseSnapshot. Node-only: never imports electron, so cli/ reuses it.
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  describeJsonParseError,
  parseSnapshot,
  type ImportDiagnostic,
  type ImportResult,
  type SnapshotInput,
} from '../../core/index';

/** Largest file read (bytes); V8 cannot hold a string much longer than 512 MiB anyway. */
export const MAX_SNAPSHOT_BYTES = 512_000_000;

/** Options of `readSnapshotFiles`. */
export interface ReadOptions {
  /** Size limit in bytes (default MAX_SNAPSHOT_BYTES). */
  readonly maxBytes?: number;
  /** Name shown in messages for a path (default: the path as given). */
  readonly displayName?: (path: string) => string;
}

/** A file read and decoded, or the one-line reason it could not be. */
export type FileText = { kind: 'ok'; text: string } | { kind: 'error'; diagnostic: ImportDiagnostic };

function fail(input: string, id: string, message: string): { kind: 'error'; diagnostic: ImportDiagnostic } {
  return { kind: 'error', diagnostic: { id, severity: 'error', path: '', message, input } };
}

/** Byte offset of the first invalid UTF-8 sequence in `bytes` (WHATWG decoder rules), or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lower || c > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** True when the first bytes look binary (a NUL byte), as JSON text never holds one raw. */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 4096);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Reads one file as UTF-8 text, with a size limit and one-line errors. */
export async function readTextFile(
  path: string,
  name: string,
  maxBytes = MAX_SNAPSHOT_BYTES,
): Promise<FileText> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail(name, 'file.directory', 'is a directory, not a file');
    if (info.size > maxBytes) {
      return fail(
        name,
        'file.too-large',
        `file is ${info.size} bytes, more than the limit of ${maxBytes} bytes`,
      );
    }
    // Read through a handle and stop at the limit, in case the file grows after stat.
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > maxBytes)
          return fail(name, 'file.too-large', `file is more than the limit of ${maxBytes} bytes`);
        if (length === buffer.length) break;
      }
      bytes = buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(name, 'file.not-found', 'no such file');
    if (code === 'EACCES' || code === 'EPERM') return fail(name, 'file.unreadable', 'permission denied');
    if (code === 'EISDIR') return fail(name, 'file.directory', 'is a directory, not a file');
    return fail(name, 'file.unreadable', `cannot read: ${code ?? 'unknown error'}`);
  }
  if (bytes.length === 0) return fail(name, 'snapshot.input.empty', 'empty file');
  if (looksBinary(bytes)) return fail(name, 'file.binary', 'a binary file, not JSON text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof TypeError) {
      const offset = findInvalidUtf8(bytes);
      return fail(name, 'file.utf8.invalid', `not valid UTF-8${offset >= 0 ? ` at byte ${offset}` : ''}`);
    }
    return fail(name, 'file.too-large', 'file too large to decode as one string');
  }
  if (text.trim() === '') return fail(name, 'snapshot.input.empty', 'empty file (only white space)');
  return { kind: 'ok', text };
}

/** Parses the text of one file as JSON; a syntax error says line and column. */
export function parseJsonText(
  text: string,
  name: string,
): { kind: 'ok'; input: SnapshotInput } | { kind: 'error'; diagnostic: ImportDiagnostic } {
  try {
    return { kind: 'ok', input: { name, value: JSON.parse(text) } };
  } catch (e) {
    if (e instanceof RangeError)
      return fail(name, 'snapshot.json.invalid', 'JSON too large or too deeply nested to parse');
    return fail(name, 'snapshot.json.invalid', describeJsonParseError(text));
  }
}

/**
 * Reads snapshot files (several files are pages of one account, or one bundle) and imports them.
 * Never throws for bad input: every problem is a diagnostic in the result.
 */
export async function readSnapshotFiles(
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<ImportResult> {
  const displayName = options.displayName ?? ((p: string) => p);
  const inputs: SnapshotInput[] = [];
  const errors: ImportDiagnostic[] = [];
  for (const path of paths) {
    const name = displayName(path);
    const file = await readTextFile(path, name, options.maxBytes);
    if (file.kind === 'error') {
      errors.push(file.diagnostic);
      continue;
    }
    const json = parseJsonText(file.text, name);
    if (json.kind === 'error') errors.push(json.diagnostic);
    else inputs.push(json.input);
  }
  if (errors.length > 0) return { kind: 'error', diagnostics: errors };
  return parseSnapshot(inputs);
}

/** The short name of a path, for messages that should not show a whole directory. */
export function shortName(path: string): string {
  return basename(path);
}
