/**
 * Which client a request counts against in the rate limit, on the Node server: the address
 * that the trusted proxies say they were talking to (proxy-addr, as Express does it), turned
 * into a key by client-key.ts. Nothing here is stored, logged or forwarded.
 *
 * Behind a reverse proxy every connection comes from the proxy, so one person could use up
 * everyone's allowance. REPORT_TRUSTED_PROXIES says which hops may tell us the client's
 * address in X-Forwarded-For: a count of hops ("1": one proxy in front of us), or a list of
 * proxy addresses and networks ("10.0.0.0/8, fd00::/8", or proxy-addr's names loopback,
 * linklocal, uniquelocal). Without it, X-Forwarded-For is ignored: anyone can send that header.
 *
 * Some proxies write the client with its port ("192.0.2.1:51234", "[2001:db8::1]:443"): the
 * port is dropped, so the client counts as itself. A proxy that writes "unknown" (or another
 * name for a client it cannot tell) gives nothing to tell those clients apart; they count as
 * that name via that proxy, never in one bucket with everyone else's.
 */
import proxyaddr from 'proxy-addr';
import { clientKey, isAddress, UNKNOWN_CLIENT } from './client-key.ts';

export type TrustedProxies = { hops: number } | { list: (address: string, hop: number) => boolean };

/** Parses REPORT_TRUSTED_PROXIES (or the desk's DESK_TRUSTED_PROXIES: `name`); a string is an error message with the fix. */
export function parseTrustedProxies(value: string, name = 'REPORT_TRUSTED_PROXIES'): TrustedProxies | string {
  const text = value.trim();
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of parts) {
    try {
      proxyaddr.compile(part);
    } catch {
      return `${name}: "${part}" is geen adres of netwerk. Geef een aantal proxy's (bijvoorbeeld 1) of een lijst zoals 10.0.0.0/8, fd00::/8.`;
    }
  }
  return { list: proxyaddr.compile(parts) };
}

/** An X-Forwarded-For entry without quotes, brackets and port. */
function withoutPort(entry: string): string {
  const text = entry.trim().replace(/^"(.*)"$/, '$1');
  return /^\[([^\]]+)\](?::\d+)?$/.exec(text)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text)?.[1] ?? text;
}

/** The rate-limit key of a request, given the socket's peer and the X-Forwarded-For header. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | null | undefined, trusted: TrustedProxies): string {
  const header = [forwardedFor ?? []].flat().join(',');
  const entries = header.split(',').map(withoutPort).filter(Boolean);
  const request = { socket: { remoteAddress: socketAddress }, headers: { 'x-forwarded-for': entries.join(', ') } };
  const trust = 'hops' in trusted ? (_address: string, hop: number) => hop < trusted.hops : trusted.list;
  // From our peer outwards, up to and including the first address no trusted hop vouches for.
  const chain = proxyaddr.all(request as unknown as Parameters<typeof proxyaddr.all>[0], trust);
  const client = chain[chain.length - 1] ?? '';
  if (isAddress(client)) return clientKey(client);
  const reporter = chain[chain.length - 2];
  return reporter === undefined ? UNKNOWN_CLIENT : `${UNKNOWN_CLIENT}:${client.slice(0, 64)} via ${clientKey(reporter)}`;
}
