/**
 * The busy page's challenge (src/server/busy-page.mjs) and the solver it shares with the form's
 * worker (src/lib/report/core/solve-proof-of-work.ts): a page opened carries a challenge and one
 * script allowed by its hash; that script, run as it is, solves the challenge and opens the same
 * address with a solution the real ProofOfWork accepts. In Node (WebCrypto is the browser's
 * API); Chromium runs the same page under its CSP in tests/e2e/proof-of-work.spec.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createChallenge } from 'altcha-lib/v1';
import { describe, expect, it } from 'vitest';
import { busyPage, carriesChallenge } from '../../../src/server/busy-page.mjs';
import { ProofOfWork } from '../../../src/lib/report/core/proof-of-work.ts';
import { solveProofOfWork } from '../../../src/lib/report/core/solve-proof-of-work.ts';
import { deriveKeys } from '../../../src/lib/report/crypto/keys.ts';
import type { ReportStore } from '../../../src/lib/report/store/port.ts';
import { parse } from '../../support/html.ts';
import { runBusyPageScript } from '../../support/busy-page-script.ts';

// issue() and verify() use no store (only check() does, to use a proof up).
const proofOfWork = new ProofOfWork(deriveKeys(randomBytes(32)), undefined as unknown as ReportStore, 1_000);
const opened = (url: string, method = 'GET') => ({ method, url, headers: {} });

describe('solveProofOfWork', () => {
  it('finds the number of an ALTCHA v1 challenge, as altcha-lib does', async () => {
    const challenge = await createChallenge({ hmacKey: 'k', number: 1234, maxNumber: 5000 });
    expect(await solveProofOfWork(challenge)).toBe(1234);
    const ours = await proofOfWork.issue(1);
    const number = await solveProofOfWork(ours);
    const payload = Buffer.from(JSON.stringify({ ...ours, number })).toString('base64');
    expect(await proofOfWork.verify(payload, 1)).toMatchObject({ outcome: 'valid' });
  });

  it('gives null when no number up to maxnumber solves it, or the algorithm is unknown', async () => {
    const challenge = await createChallenge({ hmacKey: 'k', number: 900, maxNumber: 1000 });
    expect(await solveProofOfWork({ ...challenge, maxnumber: 100 })).toBeNull();
    expect(await solveProofOfWork({ ...challenge, algorithm: 'MD5' })).toBeNull();
  });
});

describe('the busy page of a page opened', () => {
  it('carries a challenge for GET and HEAD of a page; not after a POST, not for the API', () => {
    expect(carriesChallenge(opened('/melden/anoniem/'))).toBe(true);
    expect(carriesChallenge(opened('/pl/melden/terugkomen/?x=1', 'HEAD'))).toBe(true);
    expect(carriesChallenge(opened('/melden/anoniem/', 'POST'))).toBe(false);
    expect(carriesChallenge(opened('/api/vragen/'))).toBe(false);
  });

  it('allows exactly its one script by hash, and says the browser is working only when the script runs', async () => {
    const challenge = await proofOfWork.issue(2);
    const page = busyPage(opened('/en/melden/anoniem/'), 9, undefined, challenge);
    const $ = parse(page.body);
    expect(JSON.parse($('main').attr('data-challenge')!)).toEqual(challenge);
    const scripts = $('script');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts.html()!).digest('base64');
    expect(page.headers['Content-Security-Policy']).toMatch(
      new RegExp(`^default-src 'none'; script-src 'sha256-${hash.replace(/[+/]/g, '\\$&')}'; style-src 'sha256-`),
    );
    // Hidden for readers without JavaScript, who keep the link; in each language of the page.
    expect(
      $('[data-working]')
        .map((_, p) => $(p).attr('hidden'))
        .get(),
    ).toEqual(['hidden', 'hidden']);
    expect($('section[lang="en"] [data-working]').text()).toContain('Your browser is now trying to let you in anyway.');
    expect($('section[lang="nl"] a').text()).toBe('Opnieuw proberen');
    // HEAD answers with the headers of GET.
    expect(busyPage(opened('/en/melden/anoniem/', 'HEAD'), 9, undefined, challenge).headers).toEqual(page.headers);
  });

  it('has no script and no script-src without a challenge', () => {
    const page = busyPage(opened('/melden/anoniem/', 'POST'), 9, undefined);
    expect(parse(page.body)('script')).toHaveLength(0);
    expect(page.headers['Content-Security-Policy']).not.toContain('script-src');
  });

  it('its script solves the challenge and opens the same address with the solution, other parameters kept', async () => {
    const challenge = await proofOfWork.issue(0);
    const page = busyPage(opened('/melden/anoniem/ontvangen/?r=abc'), 9, undefined, challenge);
    const { opened: opening, notes } = runBusyPageScript(page.body, 'https://meldwijzer.example/melden/anoniem/ontvangen/?r=abc');
    const next = new URL(await opening);
    expect(notes.map((note) => note.hidden)).toEqual([false]);
    expect(next.pathname).toBe('/melden/anoniem/ontvangen/');
    expect(next.searchParams.get('r')).toBe('abc');
    expect(await proofOfWork.verify(next.searchParams.get('altcha')!, 0)).toMatchObject({ outcome: 'valid' });
  });
});
