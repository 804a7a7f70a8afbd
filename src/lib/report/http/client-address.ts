/**
 * Which "client" a submission counts against in the rate limit. The result is only ever fed
 * to a keyed hash (abuse.ts); it is never stored, logged or forwarded.
 *
 * - Behind a reverse proxy every connection comes from the proxy, so one person could use up
 *   everyone's allowance. REPORT_TRUSTED_PROXIES says which hops may tell us the client's
 *   address in X-Forwarded-For: a count of hops ("1": one proxy in front of us), or a list of
 *   proxy addresses and networks ("10.0.0.0/8, fd00::/8"). Without it, X-Forwarded-For is
 *   ignored, because anyone can send that header.
 * - One IPv6 subscriber usually holds a whole /64, so IPv6 clients count by their /64.
 */
import { BlockList, isIP } from 'node:net';

export type TrustedProxies = { hops: number } | { list: BlockList };

/** Parses REPORT_TRUSTED_PROXIES; a string is an error message with the fix. */
export function parseTrustedProxies(value: string): TrustedProxies | string {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const list = new BlockList();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [address, prefix] = part.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (!family || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))) {
      return `REPORT_TRUSTED_PROXIES: "${part}" is geen adres of netwerk. Geef een aantal proxy's (bijvoorbeeld 1) of een lijst zoals 10.0.0.0/8, fd00::/8.`;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { list };
}

/** The address the request came from, given the socket's peer and the X-Forwarded-For header. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  const chain = [
    ...(forwardedFor ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
    socketAddress ?? '',
  ].map(unmapIPv4);
  let index = chain.length - 1;
  if ('hops' in trusted) {
    index = Math.max(0, chain.length - 1 - trusted.hops);
  } else {
    while (index > 0 && isTrusted(trusted.list, chain[index])) index -= 1;
  }
  return clientKey(chain[index]);
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** "::ffff:192.0.2.1" (IPv4 on an IPv6 socket) is the IPv4 client 192.0.2.1. */
function unmapIPv4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1] : address;
}

/** An IPv4 address as is; an IPv6 address as its /64 network; anything else as one shared "unknown". */
export function clientKey(address: string): string {
  const family = isIP(address);
  if (family === 4) return address;
  if (family === 6) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return 'onbekend';
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase().split('%')[0];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((group) => parseInt(group, 16).toString(16));
}
