// IP address condition operators: IPv4 and IPv6 CIDR blocks, IPv4-mapped addresses, malformed input.
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpAddress } from '../../../../core/evaluate/conditions/ip-address';
import { errorsOf, evaluate, matches } from './helpers';

describe('IP address condition operators', () => {
  it('matches IPv4 addresses inside a CIDR block', () => {
    expect(matches('IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.113.77' })).toBe(
      true,
    );
    expect(matches('IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.114.1' })).toBe(
      false,
    );
    expect(matches('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '8.8.8.8' })).toBe(true);
    expect(matches('IpAddress', 'aws:SourceIp', '10.1.2.3/31', { 'aws:SourceIp': '10.1.2.2' })).toBe(true);
  });

  it('an address without a prefix is a /32 (or /128)', () => {
    expect(matches('IpAddress', 'aws:SourceIp', '203.0.113.5', { 'aws:SourceIp': '203.0.113.5' })).toBe(true);
    expect(matches('IpAddress', 'aws:SourceIp', '203.0.113.5', { 'aws:SourceIp': '203.0.113.6' })).toBe(
      false,
    );
    expect(parseCidr('2001:db8::1')?.prefix).toBe(128);
  });

  it('matches IPv6 addresses, in any spelling', () => {
    expect(
      matches('IpAddress', 'aws:SourceIp', '2001:DB8:1234:5678::/64', {
        'aws:SourceIp': '2001:db8:1234:5678:abcd::1',
      }),
    ).toBe(true);
    expect(
      matches('IpAddress', 'aws:SourceIp', '2001:DB8:1234:5678::/64', {
        'aws:SourceIp': '2001:db8:1234:5679::1',
      }),
    ).toBe(false);
    expect(
      matches('IpAddress', 'aws:SourceIp', '2001:db8::/32', {
        'aws:SourceIp': '2001:0db8:0000:0000:0000:0000:0000:0001',
      }),
    ).toBe(true);
    expect(matches('IpAddress', 'aws:SourceIp', '::/0', { 'aws:SourceIp': '::1' })).toBe(true);
  });

  it('an IPv4 block never contains an IPv6 address and the reverse', () => {
    expect(matches('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '2001:db8::1' })).toBe(false);
    expect(matches('IpAddress', 'aws:SourceIp', '::/0', { 'aws:SourceIp': '10.0.0.1' })).toBe(false);
  });

  it('reads IPv4-mapped IPv6 addresses and blocks as IPv4', () => {
    expect(parseIpAddress('::ffff:203.0.113.5')).toEqual([203, 0, 113, 5]);
    expect(
      matches('IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '::ffff:203.0.113.5' }),
    ).toBe(true);
    expect(
      matches('IpAddress', 'aws:SourceIp', '::ffff:203.0.113.0/120', { 'aws:SourceIp': '203.0.113.5' }),
    ).toBe(true);
    expect(
      matches('IpAddress', 'aws:SourceIp', '::ffff:cb00:7100/120', { 'aws:SourceIp': '203.0.113.5' }),
    ).toBe(true);
  });

  it('NotIpAddress is true outside every block', () => {
    expect(
      matches('NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16'], {
        'aws:SourceIp': '8.8.8.8',
      }),
    ).toBe(true);
    expect(
      matches('NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16'], {
        'aws:SourceIp': '10.9.9.9',
      }),
    ).toBe(false);
  });

  it('a request value that is not an address is in no block', () => {
    expect(matches('IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': 'localhost' })).toBe(false);
  });

  it('a missing aws:SourceIp fails IpAddress and satisfies NotIpAddress', () => {
    expect(evaluate({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }).matched).toBe(false);
    expect(evaluate({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }).matched).toBe(true);
  });

  it('refuses malformed addresses and blocks', () => {
    for (const bad of [
      '256.0.0.1',
      '10.0.0',
      '10.0.0.1/33',
      '010.0.0.1',
      '2001:db8::1::2',
      '2001:db8::/129',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
      '10.0.0.1/',
      '10.0.0.1/08',
      '',
    ]) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
    expect(errorsOf({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '300.1.1.1/8'] } })).toEqual([
      {
        id: 'policy.condition.value.cidr',
        path: 'Condition.IpAddress.aws:SourceIp[1]',
        message: '`300.1.1.1/8` is not an ipv4 or ipv6 cidr block for `IpAddress`',
      },
    ]);
  });
});
