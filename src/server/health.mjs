/**
 * /healthz and /readyz for a load balancer or an orchestrator (docs/DEPLOY.md):
 * - /healthz: 200 while the process serves requests at all (liveness: restart me when it fails);
 * - /readyz: 200 when the store answers a read within 2 s (the schema was migrated before the
 *   server began to listen), 503 otherwise and from the moment the server is stopping, so the
 *   balancer sends new readers elsewhere.
 * The answer is one word: no store type, version, error text or timing for strangers.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { FRAME_POLICY, SECURITY_HEADERS } from './security-headers.mjs';

const PROBE_TIMEOUT_MS = 2000;
const HEADERS = { ...SECURITY_HEADERS, 'Content-Security-Policy': FRAME_POLICY, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };

/**
 * @param {{ oldestPendingHour(): Promise<unknown> }} store
 * @param {() => boolean} stopping
 */
export function createHealth(store, stopping) {
  /** A cheap read through the store port, bounded in time. */
  async function storeAnswers() {
    let timer;
    try {
      return await Promise.race([
        store.oldestPendingHour().then(() => true),
        new Promise((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  const answer = (req, res, ok) => {
    const body = ok ? 'ok\n' : 'niet gereed\n';
    res.writeHead(ok ? 200 : 503, { ...HEADERS, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /** Answers /healthz and /readyz (GET, HEAD) and returns true; false for every other request. */
  return function health(req, res) {
    const path = req.url;
    if (path !== '/healthz' && path !== '/readyz') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/healthz') answer(req, res, true);
    else if (stopping()) answer(req, res, false);
    else storeAnswers().then((ok) => answer(req, res, ok && !stopping()));
    return true;
  };
}
