/**
 * The paid lane (src/server/paid-lane.mjs, render-limit.mjs) against a real server with small
 * limits: one render at a time, two places in the ordinary queue. A flood without proofs of work
 * — wrong receipt codes and reports without JavaScript, from 200 addresses in X-Forwarded-For
 * (REPORT_TRUSTED_PROXIES=1; the server listens on loopback only), bounded in loops and time —
 * keeps that queue full, so its requests and a reader without JavaScript get the busy page. A
 * reader with JavaScript who solved the page's proof of work still gets in: the report is
 * accepted, the right code opens the conversation. A solved proof takes the lane once: its
 * replays wait with the flood. The metrics show the lane and the refusals. Needs `npm run build`.
 */
import { solveChallenge } from 'altcha-lib/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../support/html.ts';
import { receiptCode, SAMPLE_REPORT, startServerWithData, submitReport, waitFor, type Started } from '../support/processes.ts';

const cleanup: (() => Promise<void> | void)[] = [];
let server: Started;
beforeAll(async () => {
  server = await startServerWithData(cleanup, {
    REPORT_RENDER_CONCURRENCY: '1',
    REPORT_RENDER_QUEUE: '2',
    REPORT_TRUSTED_PROXIES: '1',
    // Easy puzzles: the test is about who waits where, not about how long solving takes.
    REPORT_POW_MAX_NUMBER: '2000',
    METRICS_PORT: '0',
  });
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const isBusyPage = (body: string) => /<h[12]>Het is nu erg druk<\/h[12]>/.test(body);
const form = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
/** An address from the benchmarking range 198.18.0.0/15 (RFC 2544). */
const address = (n: number) => `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;

/** The page's challenge, solved as the browser's worker solves it: the form's altcha value. */
async function solvedProof(page: string): Promise<string> {
  const challenge = JSON.parse(parse(page)('[data-challenge]').attr('data-challenge')!);
  const { number } = (await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise)!;
  return Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64');
}

async function metric(name: string): Promise<number> {
  const metricsUrl = /Metrics op (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1];
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return Number(new RegExp(`^meldwijzer_${name} (\\d+)`, 'm').exec(text)?.[1]);
}

/**
 * `loops` attackers that post without a proof of work until stop(): wrong codes and reports
 * without JavaScript (a form token nobody issued, so each is refused after its render), each
 * from an address of its own. Answers tallied as busy page or rendered.
 */
function flood(loops: number) {
  let flooding = true;
  let n = 0;
  const tally = { busy: 0, rendered: 0 };
  const attack = async (i: number) => {
    const codes = i % 2 === 0;
    const response = await fetch(`${server.url}${codes ? '/melden/terugkomen/' : '/melden/anoniem/'}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, 'x-forwarded-for': address(n++ % 200) },
      body: new URLSearchParams(codes ? { action: 'open', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', language: 'nl' } : { token: 'x', language: 'nl', ...SAMPLE_REPORT }),
    });
    tally[isBusyPage(await response.text()) ? 'busy' : 'rendered']++;
  };
  // Bounded: `loops` loops, each at most 60 s.
  const until = Date.now() + 60_000;
  const running = Promise.all(Array.from({ length: loops }, async (_, i) => {
    while (flooding && Date.now() < until) await attack(i);
  }));
  const stop = () => {
    flooding = false;
    return running;
  };
  return { tally, stop };
}

describe('a flood larger than the render queue', { timeout: 120_000 }, () => {
  it('never shuts out a reader who paid the proof of work; floods without one get the busy page', async () => {
    // Before the flood: a report (its receipt code), and the two pages a reader with JavaScript has open.
    const code = await receiptCode(server.url, await submitReport(server.url, SAMPLE_REPORT, { 'x-forwarded-for': '192.0.2.1' }));
    const followUpPage = await (await fetch(`${server.url}/melden/terugkomen/`)).text();
    const reportPage = await (await fetch(`${server.url}/melden/anoniem/`)).text();
    const token = parse(reportPage)('input[name="token"]').attr('value')!;
    const [followUpProof, reportProof] = [await solvedProof(followUpPage), await solvedProof(reportPage)];
    const refusedBefore = await metric('render_refused_full_total');

    const attackers = flood(16);
    try {
      // The flood keeps the one slot and the two places busy: it is being turned away.
      await waitFor(() => attackers.tally.busy >= 20, 30_000, 'busy pages for the flood');

      // A reader without JavaScript, in Polish: the polite busy page, values kept, when to try again.
      const description = 'Elke ochtend een busje bij de loods.';
      let noScript: { status: number; retryAfter: string | null; body: string } | undefined;
      for (let i = 0; i < 10 && !noScript; i++) {
        const response = await fetch(`${server.url}/pl/melden/anoniem/`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...form, 'x-forwarded-for': '192.0.2.7' },
          body: new URLSearchParams({ token, language: 'pl', ...SAMPLE_REPORT, description }),
        });
        const body = await response.text();
        if (isBusyPage(body)) noScript = { status: response.status, retryAfter: response.headers.get('retry-after'), body };
      }
      expect(noScript, 'a reader without a proof waits with the flood').toBeDefined();
      expect(noScript!.status).toBe(503);
      expect(Number(noScript!.retryAfter)).toBeGreaterThanOrEqual(5);
      const $ = parse(noScript!.body);
      expect($('section').map((_, s) => $(s).attr('lang')).get()).toEqual(['pl', 'nl']);
      expect($('section[lang="nl"]').text()).toContain(`Wacht ${noScript!.retryAfter} seconden`);
      expect($('form input[name="description"]').attr('value')).toBe(description);

      // The readers who paid get in during the flood: the code opens the conversation, the report is accepted.
      const opened = await fetch(`${server.url}/melden/terugkomen/`, {
        method: 'POST',
        headers: { ...form, 'x-forwarded-for': '192.0.2.2' },
        body: new URLSearchParams({ action: 'open', code, language: 'nl', altcha: followUpProof }),
      });
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain('blijft bewaard tot en met');
      const sent = await fetch(`${server.url}/melden/anoniem/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...form, 'x-forwarded-for': '192.0.2.3' },
        body: new URLSearchParams({ token, language: 'nl', ...SAMPLE_REPORT, altcha: reportProof }),
      });
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toMatch(/^\/melden\/anoniem\/ontvangen\/\?r=/);

      // The same proof again takes no place in the lane: its replays wait with the flood and get
      // the busy page (or, on the rare free place, the page refuses the used proof). None gets in.
      const replays = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const response = await fetch(`${server.url}/melden/terugkomen/`, {
            method: 'POST',
            headers: { ...form, 'x-forwarded-for': address(300 + i) },
            body: new URLSearchParams({ action: 'open', code, language: 'nl', altcha: followUpProof }),
          });
          return response.text();
        }),
      );
      expect(replays.some(isBusyPage)).toBe(true);
      expect(replays.filter((page) => page.includes('blijft bewaard tot en met'))).toEqual([]);
    } finally {
      await attackers.stop();
    }
    // The operator sees it: two requests let in through the lane, the flood refused.
    expect(await metric('render_paid_total')).toBe(2);
    expect((await metric('render_refused_full_total')) - refusedBefore).toBeGreaterThanOrEqual(attackers.tally.busy);
    expect(await metric('render_paid_waiting')).toBe(0);
  });
});
