/**
 * Which on-demand requests have paid: a POST whose form carries a valid proof of work (ALTCHA,
 * src/lib/report/core/proof-of-work.ts) of at least the lane's level (WorkBudget.paidLevel), that this process has
 * not let in before. Such a request waits in the render limit's paid lane (render-limit.mjs),
 * ahead of the ordinary queue, so a flood without proofs cannot shut out a reader who pays.
 *
 * Checked before the request waits, and cheaply: one SHA-256 and one HMAC (microseconds), no
 * store, no Argon2id. Single use: each challenge is remembered here until it expires (an hour),
 * so one solved proof takes a place in the lane once, however often it is replayed. The page
 * itself still uses the proof up in the shared store (every replica sees that), as it always
 * did; a proof this process let in that another replica used already is refused there, as any
 * replay is. At most REMEMBERED challenges are kept (a few MB); past that the oldest are
 * forgotten: a replay of one of those can take a lane place once more, and then costs a render
 * that the store refuses, never Argon2id.
 * Plain JavaScript so the server starts without a TypeScript step.
 */
import { CONTROL_FIELDS } from '../lib/report/core/intake.ts';
import { count } from '../lib/report/core/counters.ts';
import { sentForm } from './request-body.mjs';

const REMEMBERED = 100_000;

/**
 * @param {{ verify(payload: string | undefined, minLevel?: number): Promise<{ outcome: string, challenge?: string, expiresAt?: number }> }} proofOfWork
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
     * @param {{ method?: string, headers: import('node:http').IncomingHttpHeaders }} req
     * @param {Uint8Array | undefined} body
     */
    async paid(req, body) {
      if (req.method !== 'POST') return false;
      const payload = sentForm(req, body)?.get(CONTROL_FIELDS.proofOfWork);
      if (!payload) return false;
      const { outcome, challenge, expiresAt } = await proofOfWork.verify(payload, level());
      if (outcome !== 'valid' || claimed.has(challenge)) return false;
      forget(now());
      claimed.set(challenge, expiresAt);
      count('render_paid');
      return true;
    },
  };
}
