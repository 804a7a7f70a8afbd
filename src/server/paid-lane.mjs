/**
 * Which on-demand requests have paid: a POST whose form carries a valid proof of work (ALTCHA,
 * src/lib/report/core/proof-of-work.ts) of at least the lane's level (WorkBudget.paidLevel), that this process has
 * not let in before, or a GET that carries one in its query (?altcha=…: the busy page's script
 * solved the challenge the busy page carried, busy-page.mjs). Such a request waits in the render
 * limit's paid lane (render-limit.mjs), ahead of the ordinary queue, so a flood without proofs
 * cannot shut out a reader who pays, also one who only arrives during the flood.
 *
 * Checked before the request waits, and cheaply: one SHA-256 and one HMAC (microseconds), no
 * store, no Argon2id. Single use: each challenge is remembered here until it expires (an hour),
 * so one solved proof takes a place in the lane once, however often it is replayed. The page
 * itself still uses a POST's proof up in the shared store (every replica sees that), as it always
 * did; a proof this process let in that another replica used already is refused there, as any
 * replay is. A GET's proof is used up here only, not in the shared store (a page opened costs no
 * Argon2id and no store write, and that stays so): a replay of the same address at another
 * replica can take the lane there once, which costs that replica one render, nothing more.
 * HEAD never takes the lane and uses nothing up: a link checker or prefetcher sending HEAD with
 * the address must not spend the proof before the browser's GET, and a HEAD let in without
 * using the proof could be replayed to pass the queue as often as it liked.
 * At most REMEMBERED challenges are kept (a few MB); past that the oldest are forgotten: a replay
 * of one of those can take a lane place once more, and then costs a render that the store
 * refuses, never Argon2id.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { CONTROL_FIELDS } from '../lib/report/core/intake.ts';
import { count } from '../lib/report/core/counters.ts';
import { sentForm } from './request-body.mjs';
import { carriesChallenge } from './busy-page.mjs';

const REMEMBERED = 100_000;

/**
 * @param {{ verify(payload: string | undefined, minLevel?: number): Promise<{ outcome: string, challenge?: string, expiresAt?: number }>, issue(level?: number): Promise<object> }} proofOfWork
 * @param {() => number} level the level a proof needs for the lane (the work budget's paidLevel())
 * @param {{ remembered?: number, now?: () => number }} [options]
 */
export function createPaidLane(proofOfWork, level, { remembered = REMEMBERED, now = Date.now } = {}) {
  /** Challenge → when it expires (ms), oldest first. */
  const claimed = new Map();
  const forget = (at) => {
    for (const [challenge, expiresAt] of claimed) {
      if (expiresAt > at && claimed.size < remembered) break;
      claimed.delete(challenge);
    }
  };
  return {
    /**
     * Whether `req` (its body read into `body`) has paid; claims its proof when it has.
     * @param {{ method?: string, url?: string, headers: import('node:http').IncomingHttpHeaders }} req
     * @param {Uint8Array | undefined} body
     */
    async paid(req, body) {
      const payload = proofSent(req, body);
      if (!payload) return false;
      const { outcome, challenge, expiresAt } = await proofOfWork.verify(payload, level());
      if (outcome !== 'valid' || claimed.has(challenge)) return false;
      forget(now());
      claimed.set(challenge, expiresAt);
      count('render_paid');
      return true;
    },
    /**
     * The challenge for `req`'s busy page (busy-page.mjs), at the lane's level now: for a page
     * opened; none for a form sent or the API. One HMAC: the busy page stays cheap.
     * @param {{ method?: string, url?: string }} req
     */
    async challenge(req) {
      return carriesChallenge(req) ? proofOfWork.issue(level()) : undefined;
    },
  };
}

/**
 * The proof a request carries: a POST's in its form, a GET's in its query.
 * @param {{ method?: string, url?: string, headers: import('node:http').IncomingHttpHeaders }} req
 * @param {Uint8Array | undefined} body
 */
function proofSent(req, body) {
  if (req.method === 'POST') return sentForm(req, body)?.get(CONTROL_FIELDS.proofOfWork);
  if (req.method === 'GET') return new URL(req.url ?? '/', 'http://x').searchParams.get(CONTROL_FIELDS.proofOfWork);
  return undefined;
}
