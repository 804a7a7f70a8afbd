/**
 * Security headers for every response, static and on-demand alike: on the Node server
 * (applySecurityHeaders), on the Worker (withSecurityHeaders, src/worker/entry.ts) and, for the
 * Worker's static assets, in the _headers file built from these same constants
 * (src/integrations/serverless-headers.mjs).
 * The CSP with script hashes comes from Astro (security.csp, sent as a header through
 * the adapter's staticHeaders); this adds the directives a <meta> CSP cannot carry
 * (frame-ancestors) as a second policy — browsers enforce both.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
export const SECURITY_HEADERS = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
};

/**
 * Directives a <meta> CSP cannot carry. Appended to the policy Astro sends for each page,
 * and sent alone on responses Astro gives no policy (assets, redirects).
 */
export const FRAME_POLICY = "frame-ancestors 'none'";

const isCsp = (name) => String(name).toLowerCase() === 'content-security-policy';
/** A page's own policy with frame-ancestors added (a <meta> policy cannot carry it). */
export const withFramePolicy = (value) => (String(value).includes('frame-ancestors') ? value : `${String(value).replace(/[;\s]*$/, '')}; ${FRAME_POLICY}`);

/**
 * Sets the security headers on a response before any handler runs, and makes sure the page's
 * own CSP — set later by the Astro adapter through setHeader (static pages) or writeHead
 * (on-demand pages) — keeps frame-ancestors.
 * @param {import('node:http').ServerResponse} res
 */
export function applySecurityHeaders(res) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('Content-Security-Policy', FRAME_POLICY);

  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, isCsp(name) ? withFramePolicy(value) : value);

  const writeHead = res.writeHead.bind(res);
  res.writeHead = (status, ...rest) => {
    const headers = rest.find((arg) => arg && typeof arg === 'object');
    if (headers && !Array.isArray(headers)) {
      for (const name of Object.keys(headers)) if (isCsp(name)) headers[name] = withFramePolicy(headers[name]);
    }
    return writeHead(status, ...rest);
  };
}

/**
 * The same headers on a Fetch API response (the Worker): a copy of `response` with every
 * security header set and frame-ancestors added to the page's own CSP, or sent alone.
 * @param {Response} response
 * @returns {Response}
 */
export function withSecurityHeaders(response) {
  // Responses from fetch() and the assets binding have immutable headers: copy them.
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  const policy = headers.get('content-security-policy');
  headers.set('Content-Security-Policy', policy ? withFramePolicy(policy) : FRAME_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
