// IP address condition operators: IpAddress and NotIpAddress over IPv4 and IPv6 CIDR blocks, with
// IPv4-mapped IPv6 addresses read as IPv4. Imports only core/model and set.ts.
import type { Diagnostic } from '../../model/diagnostic';
import { matchAny, plainMatch, valueError, valuePath, type CompiledValues } from './set';

/** An address: 4 bytes (IPv4) or 16 bytes (IPv6). */
export type IpBytes = readonly number[];

/** A CIDR block: address bytes and prefix length in bits. */
export interface Cidr {
  readonly bytes: IpBytes;
  readonly prefix: number;
}

const OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    // Leading zeros are refused: some parsers read them as octal, so the engine does not guess.
    if (!OCTET.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIpv6(text: string): number[] | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    const out: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] ?? '';
      if (i === parts.length - 1 && p.includes('.')) {
        // An embedded IPv4 address ends the address (RFC 4291 §2.2, form 3).
        const v4 = parseIpv4(p);
        if (v4 === undefined) return undefined;
        out.push(...v4);
        return out;
      }
      if (!HEXTET.test(p)) return undefined;
      const n = parseInt(p, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  if (head === undefined) return undefined;
  if (halves.length === 1) return head.length === 16 ? head : undefined;
  const tail = groups(halves[1] ?? '');
  if (tail === undefined) return undefined;
  // A `::` stands for at least one group of zeros.
  if (head.length + tail.length > 14) return undefined;
  return [...head, ...new Array<number>(16 - head.length - tail.length).fill(0), ...tail];
}

function isV4Mapped(bytes: IpBytes): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses an IPv4 or IPv6 address; an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) becomes IPv4. */
export function parseIpAddress(text: string): IpBytes | undefined {
  const bytes = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  if (bytes === undefined) return undefined;
  return isV4Mapped(bytes) ? bytes.slice(12) : bytes;
}

/**
 * Parses a CIDR block. "Condition operators > IP address condition operators": the value is in the
 * standard CIDR format; an address without a routing prefix gets `/32` (and, for IPv6, `/128`).
 * Host bits after the prefix are ignored.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const isV6 = address.includes(':');
  const raw = isV6 ? parseIpv6(address) : parseIpv4(address);
  if (raw === undefined) return undefined;
  let prefix = raw.length * 8;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > raw.length * 8) return undefined;
  }
  // An IPv4-mapped block (`::ffff:0:0/96` and narrower) is the IPv4 block it maps.
  if (isV4Mapped(raw) && prefix >= 96) return { bytes: raw.slice(12), prefix: prefix - 96 };
  return { bytes: raw, prefix };
}

/** True when `address` is inside `cidr` (same address family). */
export function cidrContains(cidr: Cidr, address: IpBytes): boolean {
  if (cidr.bytes.length !== address.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; i < address.length && bits > 0; i++) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((cidr.bytes[i] ?? 0) & mask) !== ((address[i] ?? 0) & mask)) return false;
    bits -= 8;
  }
  return true;
}

/** Compiles the values of IpAddress/NotIpAddress; a value that is not a CIDR block is an error. */
export function compileIpValues(base: string, values: readonly string[], keyPath: string): CompiledValues {
  const diagnostics: Diagnostic[] = [];
  const blocks: Cidr[] = [];
  values.forEach((value, i) => {
    const c = parseCidr(value);
    if (c === undefined) {
      // "You can not use a policy variable with the IpAddress condition operator."
      diagnostics.push(
        valueError(
          'policy.condition.value.cidr',
          valuePath(keyPath, i),
          `\`${value}\` is not an ipv4 or ipv6 cidr block for \`${base}\``,
        ),
      );
    } else {
      blocks.push(c);
    }
  });
  return {
    diagnostics,
    matcher: {
      match(requestValue) {
        // A request value that is not an IP address is in no block.
        const r = parseIpAddress(requestValue);
        if (r === undefined) return plainMatch(false);
        return matchAny(blocks, (c) => plainMatch(cidrContains(c, r)));
      },
    },
  };
}
