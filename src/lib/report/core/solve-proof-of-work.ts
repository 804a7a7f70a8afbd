/**
 * The browser's side of the proof of work (proof-of-work.ts): finds the number that solves an
 * ALTCHA v1 challenge, the SHA-256 (or the challenge's algorithm) of salt + number, in hex,
 * equal to the challenge, for number 0 to maxnumber, as altcha-lib's solveChallenge does. One
 * loop for the two places that solve: the form's Web Worker (src/scripts/proof-of-work.worker.ts)
 * and the busy page's inline script (src/server/busy-page.mjs).
 *
 * The busy page inlines this function's own source text (Function.prototype.toString), under a
 * CSP that allows that exact script by its hash. So it must stay self-contained: no import, no
 * helper outside its body, nothing but what a browser (window or worker) has. It yields to the
 * event loop every SLICE_MS or so, because each WebCrypto digest resolves as a microtask: without
 * that, solving on the page's main thread would be one long task of seconds (issue 11).
 */

/** What the solver reads of a challenge from ProofOfWork.issue() (altcha v1). */
export interface SolvableChallenge {
  algorithm?: string;
  challenge: string;
  salt: string;
  maxnumber?: number;
  maxNumber?: number;
}

/**
 * The number that solves `challenge`, or null when there is none up to maxnumber, or when
 * WebCrypto is missing (plain http) or the algorithm is unknown.
 */
export async function solveProofOfWork(challenge: SolvableChallenge): Promise<number | null> {
  // Milliseconds of hashing between two yields: short enough for a page to stay responsive.
  const SLICE_MS = 25;
  try {
    const algorithm = (challenge.algorithm || 'SHA-256').toUpperCase();
    const max = challenge.maxnumber ?? challenge.maxNumber ?? 1e6;
    const encoder = new TextEncoder();
    let sliceStart = Date.now();
    for (let n = 0; n <= max; n++) {
      const digest = new Uint8Array(await crypto.subtle.digest(algorithm, encoder.encode(challenge.salt + n)));
      let hex = '';
      for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
      if (hex === challenge.challenge) return n;
      if (Date.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = Date.now();
      }
    }
  } catch {
    // No WebCrypto here, or an algorithm it does not know: no solution.
  }
  return null;
}
