/**
 * The security headers for the Worker's static assets. Cloudflare serves prerendered pages,
 * CSS and scripts without running the Worker, applying the rules in `_headers`
 * (https://developers.cloudflare.com/workers/static-assets/headers/); this writes that file from
 * the constants the Node server sends (src/server/security-headers.mjs), so the two hosts
 * cannot drift apart. Responses of the Worker itself get the same headers in src/worker/entry.ts.
 *
 * Each page's own Content-Security-Policy (Astro's script and style hashes) stays in the page as
 * a <meta http-equiv> tag, which browsers enforce; the header adds frame-ancestors, which a meta
 * policy cannot carry. (One rule per page would exceed the platform's limit of 100 rules.)
 */
import { writeFile } from 'node:fs/promises';
import { FRAME_POLICY, SECURITY_HEADERS } from '../server/security-headers.mjs';

/** The _headers file: one rule for every static path. */
export function headersFile() {
  const lines = Object.entries({ ...SECURITY_HEADERS, 'Content-Security-Policy': FRAME_POLICY }).map(([name, value]) => `  ${name}: ${value}`);
  return `# Gemaakt door src/integrations/serverless-headers.mjs uit src/server/security-headers.mjs.\n/*\n${lines.join('\n')}\n`;
}

/** @returns {import('astro').AstroIntegration} */
export function serverlessHeadersIntegration() {
  return {
    name: 'meldwijzer:serverless-headers',
    hooks: {
      // Before astro:build:done, where the Cloudflare adapter adds its Cache-Control rule for /_astro/*.
      'astro:build:generated': async ({ dir, logger }) => {
        await writeFile(new URL('./_headers', dir), headersFile());
        logger.info('_headers geschreven met de beveiligingsheaders voor statische bestanden');
      },
    },
  };
}
