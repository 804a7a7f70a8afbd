/**
 * Solves the report form's proof-of-work challenge off the main thread (issue 11: solving on
 * the main thread froze phones). altcha-lib's solver awaits one WebCrypto digest per number,
 * which only yields to microtasks: on the page it is one long task of seconds. In a worker it
 * blocks nothing the reader sees.
 *
 * Message in: the challenge from the form's data-challenge (altcha v1: algorithm, challenge,
 * salt, maxnumber). Message out: the number that solves it, or null when there is none or
 * WebCrypto is missing. The page builds the payload; see src/components/ReportForm.astro.
 */
import { solveChallenge } from 'altcha-lib/v1';

interface Challenge {
  algorithm?: string;
  challenge: string;
  salt: string;
  maxnumber?: number;
  maxNumber?: number;
}

// biome-ignore lint/suspicious/noGlobalAssign: a worker receives its messages through its global onmessage
onmessage = async ({ data }: MessageEvent<Challenge>) => {
  let number: number | null = null;
  try {
    const solution = await solveChallenge(data.challenge, data.salt, data.algorithm, data.maxnumber ?? data.maxNumber).promise;
    number = solution?.number ?? null;
  } catch {
    // No WebCrypto in this worker, or an unknown algorithm: the form is sent without a solution.
  }
  postMessage(number);
};
