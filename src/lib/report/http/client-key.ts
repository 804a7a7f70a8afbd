/**
 * The key a client counts under in the rate limit, from its address (ipaddr.js): an IPv4
 * address as is; an IPv6 address as its /64, since one subscriber usually holds a whole /64;
 * IPv4 on an IPv6 socket (::ffff:192.0.2.1) as IPv4. The key is only ever fed to a keyed hash
 * (abuse.ts); it is never stored, logged or forwarded. No Node-only API: the Worker uses it too.
 */
import ipaddr from 'ipaddr.js';

/** Text that is no address at all; callers that know more (client-address.ts) say so in the key. */
export const UNKNOWN_CLIENT = 'onbekend';

/** Only the usual notations: ipaddr.js alone would also read "1" or "3232235777" as IPv4. */
export function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

export function clientKey(address: string): string {
  if (!isAddress(address)) return UNKNOWN_CLIENT;
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  return `${(ip as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
