/** Who a submission counts against: proxies, IPv6 networks, and headers anyone can forge. */
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../../../src/lib/report/http/client-address.ts';
import { clientKey } from '../../../src/lib/report/http/client-key.ts';

const trust = (value: string) => parseTrustedProxies(value) as TrustedProxies;

describe('client address for the rate limit', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted: anyone can send that header', () => {
    expect(clientAddress('192.0.2.7', '198.51.100.1', { hops: 0 })).toBe('192.0.2.7');
  });

  it('takes the address the trusted number of proxies saw', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', trust('1'))).toBe('198.51.100.1');
    // A client that forges a header in front of the real proxy chain does not choose its own key.
    expect(clientAddress('10.0.0.2', '203.0.113.9, 198.51.100.1', trust('1'))).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', '203.0.113.9, 198.51.100.1, 10.0.0.9', trust('2'))).toBe('198.51.100.1');
    // More hops trusted than there are: the left-most address, never an exception.
    expect(clientAddress('10.0.0.2', undefined, trust('3'))).toBe('10.0.0.2');
  });

  it('walks back over listed proxy addresses and networks', () => {
    const list = trust('10.0.0.0/8, fd00::/8, 192.0.2.1');
    expect(clientAddress('10.1.2.3', '203.0.113.9, 198.51.100.1, 192.0.2.1', list)).toBe('198.51.100.1');
    expect(clientAddress('198.51.100.50', '203.0.113.9', list)).toBe('198.51.100.50');
  });

  it('counts an IPv6 client by its /64, and an IPv4 client on an IPv6 socket as IPv4', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddress('::ffff:192.0.2.44', null, { hops: 0 })).toBe('192.0.2.44');
    expect(clientKey('niet-een-adres')).toBe('onbekend');
    // Notations ipaddr.js would also read as IPv4 are not addresses here.
    expect(clientKey('3232235777')).toBe('onbekend');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('drops the port a proxy writes, so clients behind it never share one bucket', () => {
    const one = trust('1');
    expect(clientAddress('10.0.0.2', '198.51.100.1:51234', one)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', '198.51.100.2:443', one)).toBe('198.51.100.2');
    expect(clientAddress('10.0.0.2', '[2001:db8:1:2::7]:443', one)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('10.0.0.2', '"[2001:db8:9:9::7]"', one)).toBe('2001:db8:9:9::/64');
    // Also inside a chain of listed proxies, where a proxy's own entry carries a port.
    expect(clientAddress('10.0.0.2', '198.51.100.3:1111, 10.0.0.9:2222', trust('10.0.0.0/8'))).toBe('198.51.100.3');
  });

  it('counts a client the proxy calls "unknown" as that, via that proxy, apart from every other client', () => {
    const viaA = clientAddress('10.0.0.2', 'unknown', trust('1'));
    const viaB = clientAddress('10.0.0.3', 'unknown', trust('1'));
    expect(viaA).not.toBe(viaB);
    expect(viaA).not.toBe(clientAddress('10.0.0.2', 'unknown:80', trust('1')));
    for (const key of [viaA, viaB]) {
      expect(key).not.toBe('onbekend');
      expect(key).not.toBe(clientAddress('10.0.0.2', '198.51.100.1', trust('1')));
    }
    // A client cannot pick "unknown" for itself: the trusted proxy's entry is what counts.
    expect(clientAddress('10.0.0.2', 'unknown, 198.51.100.1', trust('1'))).toBe('198.51.100.1');
  });

  it('reads a header that came in more than one line', () => {
    expect(clientAddress('10.0.0.2', ['203.0.113.9', '198.51.100.1'], trust('1'))).toBe('198.51.100.1');
  });

  it('refuses a proxy setting it cannot read, saying how to write it', () => {
    expect(parseTrustedProxies('10.0.0.0/33')).toMatch(/geen adres of netwerk.*10\.0\.0\.0\/8/);
    expect(parseTrustedProxies('proxy.example')).toMatch(/REPORT_TRUSTED_PROXIES/);
    expect(clientAddress('127.0.0.1', '198.51.100.1', trust('loopback'))).toBe('198.51.100.1');
  });
});
