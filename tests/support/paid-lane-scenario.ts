/**
 * The paid lane under a flood (src/server/paid-lane.mjs, render-limit.mjs), the same scenario
 * for both hosts: the Node server (tests/integration/paid-lane.test.ts) and the Worker in its
 * preview (tests/serverless/paid-lane.test.ts), each started with one render at a time and two
 * places in the ordinary queue. A flood without proofs of work — wrong receipt codes and reports
 * without JavaScript, from 200 addresses, bounded in loops (16) and time (60 s) — keeps that
 * queue full, so its requests and a reader without JavaScript get the busy page, and raises the
 * proof-of-work level. A reader with JavaScript who solved the proof of work of the page they had
 * open still gets in through the paid lane: the page asks for the harder proof now due, the
 * browser pays it, and the report is accepted, the right code opens the conversation. A solved
 * proof takes the lane once: its replays wait with the flood. A reader with JavaScript who only
 * arrives during the flood gets the busy page with a challenge; the solution in the query lets
 * the page's GET in through the lane, once.
 */
import { solveChallenge } from 'altcha-lib/v1';
import { expect } from 'vitest';
import { runBusyPageScript } from './busy-page-script.ts';
import { parse } from './html.ts';
import { receiptCode, SAMPLE_REPORT, submitReport, waitFor } from './processes.ts';

/** The settings the scenario needs from the host it runs against. */
export const PAID_LANE_SETTINGS = {
  REPORT_RENDER_CONCURRENCY: '1',
  REPORT_RENDER_QUEUE: '2',
  REPORT_MIN_FILL_SECONDS: '0',
  // Node: the address from X-Forwarded-For. The Worker takes CF-Connecting-IP, which the preview's edge keeps.
  REPORT_TRUSTED_PROXIES: '1',
  // Easy puzzles: the scenario is about who waits where, not about how long solving takes.
  REPORT_POW_MAX_NUMBER: '2000',
};

const isBusyPage = (body: string) => /<h[12]>Het is nu erg druk<\/h[12]>/.test(body);
const form = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
/** An address from the benchmarking range 198.18.0.0/15 (RFC 2544). */
const address = (n: number) => `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
/** Who a request is from, for both hosts. */
const from = (ip: string) => ({ 'x-forwarded-for': ip, 'cf-connecting-ip': ip });

/**
 * The page's challenge (the form's, or the busy page's), solved as the browser's worker or the
 * busy page's script solves it: the form's altcha value, or the busy page's ?altcha=.
 */
async function solvedProof(page: string): Promise<string> {
  const challenge = JSON.parse(parse(page)('[data-challenge]').attr('data-challenge')!);
  const { number } = (await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise)!;
  return Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64');
}

/** The level in a page's challenge (signed into its salt). */
const levelOf = (page: string) =>
  Number(new URLSearchParams(JSON.parse(parse(page)('[data-challenge]').attr('data-challenge')!).salt.split('?')[1]).get('level'));

/** A GET of `path` until it gets the busy page (a free place in the queue renders the page), at most 10 tries. */
async function busyPageFor(base: string, path: string, ip: string) {
  for (let i = 0; i < 10; i++) {
    const response = await fetch(`${base}${path}`, { headers: from(ip) });
    const body = await response.text();
    if (isBusyPage(body)) return { status: response.status, csp: response.headers.get('content-security-policy'), body };
  }
  throw new Error(`${path} gave no busy page in 10 tries`);
}

/**
 * Sends a form as a browser with JavaScript does: solved with the challenge of the page it was
 * on (`page`, loaded before the flood). While the flood fills the queue the level asked has risen,
 * so the lane lets the older proof through to the page, which answers 503 with a harder
 * challenge (and a new form token); the browser solves that one and the reader sends again.
 * At most three rounds. Resolves with the last answer and the levels paid.
 */
async function sendPaid(base: string, path: string, fields: Record<string, string>, page: string, ip: string) {
  const levels: number[] = [];
  for (;;) {
    const token = parse(page)('input[name="token"]').attr('value');
    levels.push(levelOf(page));
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, ...from(ip) },
      body: new URLSearchParams({ ...fields, ...(token ? { token } : {}), altcha: await solvedProof(page) }),
    });
    const text = await response.text();
    if (response.status !== 503 || levels.length === 3 || !parse(text)('[data-challenge]').length)
      return { status: response.status, location: response.headers.get('location'), text, levels };
    page = text;
  }
}

/**
 * `loops` attackers that post without a proof of work until stop(): wrong codes and reports
 * without JavaScript (a form token nobody issued, so each is refused after its render), each
 * from an address of its own. Answers tallied as busy page or rendered.
 */
function flood(base: string, loops: number) {
  let flooding = true;
  let n = 0;
  const tally = { busy: 0, rendered: 0 };
  const attack = async (i: number) => {
    const codes = i % 2 === 0;
    const response = await fetch(`${base}${codes ? '/melden/terugkomen/' : '/melden/anoniem/'}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, ...from(address(n++ % 200)) },
      body: new URLSearchParams(
        codes ? { action: 'open', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', language: 'nl' } : { token: 'x', language: 'nl', ...SAMPLE_REPORT },
      ),
    });
    tally[isBusyPage(await response.text()) ? 'busy' : 'rendered']++;
  };
  // Bounded: `loops` loops, each at most 60 s.
  const until = Date.now() + 60_000;
  const running = Promise.all(
    Array.from({ length: loops }, async (_, i) => {
      while (flooding && Date.now() < until) await attack(i);
    }),
  );
  const stop = () => {
    flooding = false;
    return running;
  };
  return { tally, stop };
}

/**
 * Runs the scenario against the host at `base`; resolves with how the flood was answered.
 */
export async function floodWithPaidReaders(base: string): Promise<{ busy: number; rendered: number; paidRounds: number }> {
  // Before the flood: a report (its receipt code), and the two pages a reader with JavaScript has open.
  const code = await receiptCode(base, await submitReport(base, SAMPLE_REPORT, from('192.0.2.1')));
  const followUpPage = await (await fetch(`${base}/melden/terugkomen/`)).text();
  const reportPage = await (await fetch(`${base}/melden/anoniem/`)).text();
  const token = parse(reportPage)('input[name="token"]').attr('value')!;
  const followUpProof = await solvedProof(followUpPage);

  const attackers = flood(base, 16);
  let paidRounds = 0;
  try {
    // The flood keeps the one slot and the two places busy: it is being turned away.
    await waitFor(() => attackers.tally.busy >= 20, 30_000, 'busy pages for the flood');

    // A reader without JavaScript, in Polish: the polite busy page, values kept, when to try again.
    const description = 'Elke ochtend een busje bij de loods.';
    let noScript: { status: number; retryAfter: string | null; body: string } | undefined;
    for (let i = 0; i < 10 && !noScript; i++) {
      const response = await fetch(`${base}/pl/melden/anoniem/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...form, ...from('192.0.2.7') },
        body: new URLSearchParams({ token, language: 'pl', ...SAMPLE_REPORT, description }),
      });
      const body = await response.text();
      if (isBusyPage(body)) noScript = { status: response.status, retryAfter: response.headers.get('retry-after'), body };
    }
    expect(noScript, 'a reader without a proof waits with the flood').toBeDefined();
    expect(noScript!.status).toBe(503);
    expect(Number(noScript!.retryAfter)).toBeGreaterThanOrEqual(5);
    const $ = parse(noScript!.body);
    expect(
      $('section')
        .map((_, s) => $(s).attr('lang'))
        .get(),
    ).toEqual(['pl', 'nl']);
    expect($('section[lang="nl"]').text()).toContain(`Wacht ${noScript!.retryAfter} seconden`);
    expect($('form input[name="description"]').attr('value')).toBe(description);

    // A reader with JavaScript who arrives now: the form's GET waits with the flood and gets the
    // busy page, which carries a challenge of the lane's level and the script that solves it. The
    // browser opens the same address with the solution (solved here with altcha-lib, as that
    // script does) and gets the form through the lane. The same address again waits with the flood.
    const arriving = await busyPageFor(base, '/melden/anoniem/', '192.0.2.8');
    expect(arriving.status).toBe(503);
    expect(arriving.csp).toMatch(/^default-src 'none'; script-src 'sha256-[\w+/]+='; style-src /);
    const $arriving = parse(arriving.body);
    expect($arriving('script')).toHaveLength(1);
    expect($arriving('[data-working]').first().attr('hidden')).toBeDefined();
    const solution = await solvedProof(arriving.body);
    // The page's own script (as this host sends it) finds the same solution and opens the same address.
    const script = runBusyPageScript(arriving.body, `${base}/melden/anoniem/`);
    const opening = new URL(await script.opened);
    expect(opening.pathname).toBe('/melden/anoniem/');
    expect(JSON.parse(Buffer.from(opening.searchParams.get('altcha')!, 'base64').toString())).toEqual(JSON.parse(Buffer.from(solution, 'base64').toString()));
    const entered = await fetch(`${base}/melden/anoniem/?${new URLSearchParams({ altcha: solution })}`, { headers: from('192.0.2.8') });
    const enteredPage = await entered.text();
    expect(entered.status).toBe(200);
    expect(parse(enteredPage)('input[name="token"]').attr('value')).toBeTruthy();
    const again = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const response = await fetch(`${base}/melden/anoniem/?${new URLSearchParams({ altcha: solution })}`, { headers: from(address(320 + i)) });
        return response.text();
      }),
    );
    expect(again.some(isBusyPage), 'the same address again waits with the flood').toBe(true);

    // The readers who paid get in during the flood: the code opens the conversation, the report
    // is accepted. The flood raised the price: they paid again, at the level asked now.
    const opened = await sendPaid(base, '/melden/terugkomen/', { action: 'open', code, language: 'nl' }, followUpPage, '192.0.2.2');
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('blijft bewaard tot en met');
    const sent = await sendPaid(base, '/melden/anoniem/', { language: 'nl', ...SAMPLE_REPORT }, reportPage, '192.0.2.3');
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/melden\/anoniem\/ontvangen\/\?r=/);
    for (const { levels } of [opened, sent]) {
      expect(levels[0]).toBe(0);
      expect(levels.at(-1)).toBeGreaterThan(0);
    }

    // The same proof again takes no place in the lane: its replays wait with the flood and get
    // the busy page (or, on the rare free place, the page refuses the used proof). None gets in.
    const replays = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const response = await fetch(`${base}/melden/terugkomen/`, {
          method: 'POST',
          headers: { ...form, ...from(address(300 + i)) },
          body: new URLSearchParams({ action: 'open', code, language: 'nl', altcha: followUpProof }),
        });
        return response.text();
      }),
    );
    expect(replays.some(isBusyPage)).toBe(true);
    expect(replays.filter((page) => page.includes('blijft bewaard tot en met'))).toEqual([]);
    // The reader who arrived during the flood took the lane once, with the busy page's proof.
    paidRounds = opened.levels.length + sent.levels.length + 1;
  } finally {
    await attackers.stop();
  }
  return { ...attackers.tally, paidRounds };
}
