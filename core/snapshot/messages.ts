// One-line messages of import: diagnostics with their input's name, JSON syntax errors with
// line and column. Imports only core/model.
import { formatDiagnostic } from '../model/diagnostic';
import type { ImportDiagnostic } from '../model/snapshot';

/** Formats an import diagnostic as `<input>: <where>: <what>` (the input only when known). */
export function formatImportDiagnostic(d: ImportDiagnostic): string {
  const line = formatDiagnostic(d);
  return d.input ? `${d.input}: ${line}` : line;
}

/** Line and column (both from 1) of a UTF-16 offset into `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

type ScanState = 'value' | 'after' | 'key' | 'keyOrEnd' | 'valueOrEnd';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * The UTF-16 offset of the first JSON syntax error in `text`, or -1 when it is valid JSON.
 * Iterative (an explicit stack), so any nesting depth is fine; runs only after JSON.parse failed.
 */
export function findJsonErrorOffset(text: string): number {
  const n = text.length;
  const stack: boolean[] = []; // true: object, false: array
  let i = 0;
  let state: ScanState = 'value';
  const skipSpace = (): void => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
    }
  };
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
        continue;
      }
      i++;
    }
    return false;
  };
  for (;;) {
    skipSpace();
    const c = text[i];
    if (state === 'value') {
      if (c === '{') {
        stack.push(true);
        i++;
        state = 'keyOrEnd';
      } else if (c === '[') {
        stack.push(false);
        i++;
        state = 'valueOrEnd';
      } else if (c === '"') {
        if (!scanString()) return i;
        state = 'after';
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return i;
        i = NUMBER.lastIndex;
        state = 'after';
      } else {
        const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
        if (!literal) return i;
        i += literal.length;
        state = 'after';
      }
    } else if (state === 'keyOrEnd' || state === 'key') {
      if (state === 'keyOrEnd' && c === '}') {
        stack.pop();
        i++;
        state = 'after';
        continue;
      }
      if (c !== '"' || !scanString()) return i;
      skipSpace();
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else if (state === 'valueOrEnd') {
      if (c === ']') {
        stack.pop();
        i++;
        state = 'after';
      } else state = 'value';
    } else {
      if (stack.length === 0) return i < n ? i : -1;
      const inObject = stack[stack.length - 1]!;
      if (c === ',') {
        i++;
        state = inObject ? 'key' : 'value';
      } else if (c === (inObject ? '}' : ']')) {
        stack.pop();
        i++;
      } else return i;
    }
  }
}

/** Describes the character at `offset` of `text` for a message. */
function describeCharAt(text: string, offset: number): string {
  if (offset >= text.length) return 'unexpected end of input';
  const code = text.codePointAt(offset) ?? 0;
  if (code < 0x20 || code === 0x7f || code === 0xfffd)
    return `unexpected character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `unexpected character \`${String.fromCodePoint(code)}\``;
}

/** Describes why `text` is not valid JSON as `not valid JSON at line L, column C: <reason>`. */
export function describeJsonParseError(text: string): string {
  const offset = findJsonErrorOffset(text);
  const at = offset < 0 ? text.length : offset;
  const { line, column } = lineColumn(text, at);
  return `not valid JSON at line ${line}, column ${column}: ${describeCharAt(text, at)}`;
}
