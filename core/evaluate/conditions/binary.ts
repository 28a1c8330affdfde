// The BinaryEquals condition operator: byte-for-byte comparison with a base-64 policy value.
// Imports only core/model and set.ts (base 64 decoded here: core has no Buffer or atob).
import type { Diagnostic } from '../../model/diagnostic';
import { matchAny, plainMatch, valueError, valuePath, type CompiledValues } from './set';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * Decodes standard base 64 (RFC 4648 §4; `=` padding optional, but if present it must be right);
 * undefined when `text` is not base 64.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  let body = text;
  if (body.length % 4 === 0 && body.endsWith('==')) body = body.slice(0, -2);
  else if (body.length % 4 === 0 && body.endsWith('=')) body = body.slice(0, -1);
  if (body.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of body) {
    const v = DECODE.get(c);
    if (v === undefined) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero for a canonical encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out.subarray(0, n);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compiles the values of `BinaryEquals`; a value that is not base 64 is an error. */
export function compileBinaryValues(values: readonly string[], keyPath: string): CompiledValues {
  const diagnostics: Diagnostic[] = [];
  const decoded: Uint8Array[] = [];
  values.forEach((value, i) => {
    const bytes = decodeBase64(value);
    if (bytes === undefined) {
      // "You can not use a policy variable with the Binary condition operator."
      diagnostics.push(
        valueError(
          'policy.condition.value.base64',
          valuePath(keyPath, i),
          `\`${value}\` is not base 64 for \`BinaryEquals\``,
        ),
      );
    } else {
      decoded.push(bytes);
    }
  });
  return {
    diagnostics,
    matcher: {
      match(requestValue) {
        // "Condition operators > Binary condition operators": the key's value is compared byte for
        // byte with the base-64 policy value; the request context carries binary values base-64 encoded.
        const r = decodeBase64(requestValue);
        if (r === undefined) return plainMatch(false);
        return matchAny(decoded, (p) => plainMatch(equalBytes(r, p)));
      },
    },
  };
}
