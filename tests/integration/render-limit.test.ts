/**
 * The limit on on-demand renders (src/server/render-limit.mjs, src/server/busy-page.mjs): with
 * every slot busy and the queue full, a request to an on-demand page gets the small 503 at
 * once, in Dutch and the reader's language, with Retry-After; after a POST the reader's values
 * come back in a form that sends them again, and that form is accepted once it is quiet; static
 * files are answered all the while. A real server on the built site, real concurrent requests;
 * needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REPORT, startServerWithData, type Started } from '../support/processes.ts';
import { parse } from '../support/html.ts';

const cleanup: (() => Promise<void> | void)[] = [];
let server: Started;
beforeAll(async () => {
  // One render at a time and no queue: a handful of requests at once is enough to fill it.
  server = await startServerWithData(cleanup, {
    REPORT_RENDER_CONCURRENCY: '1',
    REPORT_RENDER_QUEUE: '0',
    REPORT_RATE_LIMIT_PER_HOUR: '100',
    METRICS_PORT: '0',
  });
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** The host's busy page: its Dutch heading, an h1 or, under a reader's language, an h2. */
const isBusyPage = (body: string) => /<h[12]>Het is nu erg druk<\/h[12]>/.test(body);

/** `count` copies of a request at once, answered as status, headers and text. */
async function burst(count: number, path: string, init: RequestInit = {}) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        csp: response.headers.get('content-security-policy'),
        body: await response.text(),
      };
    }),
  );
}

describe('on-demand renders beyond the limit', { timeout: 90_000 }, () => {
  it('get the small busy page at once, in Dutch and the reader’s language, while static files are served', async () => {
    const [answers, statics] = await Promise.all([burst(16, '/uk/melden/terugkomen/'), burst(8, '/hulp/')]);
    expect(statics.map((a) => a.status)).toEqual(Array(8).fill(200));
    const busy = answers.filter((a) => isBusyPage(a.body));
    expect(busy.length, 'some were refused').toBeGreaterThan(0);
    expect(
      answers.filter((a) => !isBusyPage(a.body)).every((a) => a.status === 200),
      'the rest are rendered',
    ).toBe(true);
    for (const answer of busy) {
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(5);
      expect(answer.csp).toMatch(/default-src 'none'/);
      const $ = parse(answer.body);
      // The reader's language first, then Dutch.
      expect($('html').attr('lang')).toBe('uk');
      expect(
        $('section')
          .map((_, section) => $(section).attr('lang'))
          .get(),
      ).toEqual(['uk', 'nl']);
      expect($('section[lang="uk"] h1').text()).toBe('Зараз сайт дуже завантажений');
      expect($('section[lang="nl"] h2').text()).toBe('Het is nu erg druk');
      expect($('section[lang="nl"]').text()).toContain(`Wacht ${answer.retryAfter} seconden`);
      expect($('section[lang="nl"] a').text()).toBe('Opnieuw proberen');
    }
    // The operator sees it: refusals counted, nothing waiting once the burst is answered.
    const metricsUrl = /Metrics op (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1];
    const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(Number(/^meldwijzer_render_refused_full_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(busy.length);
    expect(metrics).toMatch(/^meldwijzer_render_waiting 0$/m);
  });

  it('keep what the reader sent: the busy page sends it again, and that report is accepted', async () => {
    // A token of its own for each post, so the one refused has a token nobody used.
    // One after the other: at once, most would get the busy page instead of the form.
    const tokens: string[] = [];
    while (tokens.length < 12) tokens.push(parse(await (await fetch(`${server.url}/en/melden/anoniem/`)).text())('input[name="token"]').attr('value')!);
    expect(tokens.every(Boolean)).toBe(true);
    const description = 'Elke ochtend <b>tien</b> mensen in een busje & "niemand" praat.';
    const bodies = tokens.map((token) => new URLSearchParams({ token, language: 'en', ...SAMPLE_REPORT, description }).toString());
    const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' } };
    // The form itself, rendered on demand, keeps the one slot busy while the posts arrive.
    const [answers] = await Promise.all([
      Promise.all(
        bodies.map(async (body) =>
          ((response) => response.text().then((text) => ({ body, status: response.status, text })))(
            await fetch(`${server.url}/en/melden/anoniem/`, { ...init, body, redirect: 'manual' }),
          ),
        ),
      ),
      burst(8, '/melden/anoniem/'),
    ]);
    expect(
      answers.every((a) => a.status === 303 || a.status === 503),
      'accepted or refused at once',
    ).toBe(true);
    const refused = answers.find((a) => isBusyPage(a.text));
    expect(refused, 'some were refused').toBeDefined();
    const $ = parse(refused!.text);
    expect($('section[lang="en"]').text()).toContain('What you filled in is kept on this page.');
    expect($('section[lang="nl"]').text()).toContain('Ga dan terug met de terugknop');
    const resend = $('form');
    expect(resend.attr('action')).toBe('/en/melden/anoniem/');
    expect(resend.find('button').text()).toBe('Send again / Opnieuw versturen');
    const kept = new URLSearchParams(
      resend
        .find('input[type="hidden"]')
        .map((_, input) => [[$(input).attr('name')!, $(input).attr('value')!]])
        .get() as [string, string][],
    );
    expect(kept.get('description')).toBe(description);
    expect(kept.toString()).toBe(refused!.body);

    // Once it is quiet, the kept values go through as they are: the refusal used nothing up.
    const again = await fetch(`${server.url}${resend.attr('action')}`, { ...init, body: kept, redirect: 'manual' });
    expect(again.status).toBe(303);
  });
  it('a body that cannot be read still gets the page that says to go back', async () => {
    const init = { method: 'POST', body: 'not a form', headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' } };
    const answers = await burst(12, '/melden/terugkomen/', init);
    const busy = answers.find((a) => isBusyPage(a.body));
    expect(busy, 'some were refused').toBeDefined();
    const $ = parse(busy!.body);
    expect($('form')).toHaveLength(0);
    expect($('section[lang="nl"]').text()).toContain('Uw formulier is nog niet verstuurd.');
    expect($('section[lang="nl"]').text()).toContain('Kijk eerst of uw tekst er nog staat.');
  });

  it('the question API gets its refusal as JSON, with Retry-After', async () => {
    const init = { method: 'POST', body: JSON.stringify({ question: 'x' }), headers: { 'content-type': 'application/json' } };
    const [answers] = await Promise.all([burst(12, '/api/vragen/', init), burst(8, '/melden/anoniem/')]);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length, 'some were refused').toBeGreaterThan(0);
    for (const answer of busy) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(5);
      expect(JSON.parse(answer.body)).toEqual({ error: `Te druk: probeer het over ${answer.retryAfter} seconden opnieuw.` });
    }
  });
});
