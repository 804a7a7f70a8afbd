/**
 * RFC 9116 security.txt. Contact comes from SECURITY_CONTACT (a mailto: or https: URI) at build
 * time; Expires is set 180 days after the build, so a site that is not rebuilt for half a year
 * shows an expired file instead of a stale promise.
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
  const contact = process.env.SECURITY_CONTACT ?? `mailto:security@${site!.hostname}`;
  const expires = new Date(Date.now() + 180 * 24 * 3600 * 1000);
  expires.setUTCHours(0, 0, 0, 0);
  const body = [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    'Preferred-Languages: nl, en',
    `Canonical: ${new URL('/.well-known/security.txt', site)}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
