/**
 * Solves the report form's proof-of-work challenge off the main thread (issue 11: solving on
 * the main thread froze phones). The loop is the one the busy page runs too
 * (src/lib/report/core/solve-proof-of-work.ts); in a worker it blocks nothing the reader sees.
 *
 * Message in: the challenge from the form's data-challenge (altcha v1: algorithm, challenge,
 * salt, maxnumber). Message out: the number that solves it, or null when there is none or
 * WebCrypto is missing. The page builds the payload; see src/components/ProofOfWorkField.astro.
 */
import { type SolvableChallenge, solveProofOfWork } from '../lib/report/core/solve-proof-of-work';

// biome-ignore lint/suspicious/noGlobalAssign: a worker receives its messages through its global onmessage
onmessage = async ({ data }: MessageEvent<SolvableChallenge>) => {
  postMessage(await solveProofOfWork(data));
};
