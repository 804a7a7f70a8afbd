/**
 * The report form's proof of work (issue 11), in Chromium on the built site with its CSP: a Web
 * Worker solves the challenge while the page stays responsive, and the form is still sent when
 * the solver is slow or cannot run; the busy page's own script solves its challenge under its
 * CSP and opens the form. The path without JavaScript is covered in report.spec.ts.
 *
 * These tests look only at what the browser does: they give the page a challenge of known
 * difficulty and catch the form's POST, so they use none of the server's rate limit.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page, Request } from '@playwright/test';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { busyPage } from '../../src/server/busy-page.mjs';
import { ProofOfWork } from '../../src/lib/report/core/proof-of-work.ts';
import { deriveKeys } from '../../src/lib/report/crypto/keys.ts';
import { baseURL, expect, test } from './fixtures';

const FORM = '/melden/anoniem/';
const WORKER_SCRIPT = /\/_astro\/proof-of-work\.worker-[\w-]+\.js$/;
/**
 * The number that solves the test challenge: about a second of hashing in Chromium here. The
 * real challenge's number is random (1 to REPORT_POW_MAX_NUMBER), so it may be solved at once;
 * a fixed, larger one makes sure the solver works long enough for blocking to show.
 */
const NUMBER = 40_000;
/** Long tasks this long or longer mean the reader feels the page freeze. */
const FREEZE_MS = 200;
/** What the page records about itself (see the init script below); times in ms since navigation. */
type Seen = { longTasks: { start: number; duration: number }[]; violations: string[] };

/** A page without the axe script the shared fixture injects, so load adds no long task of its own. */
async function plainPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: baseURL() });
  return context.newPage();
}

/** From the first byte each document runs: every long task and every CSP violation, read with seenBy. */
function recordFromFirstByte(page: Page) {
  return page.addInitScript(() => {
    const seen: Seen = { longTasks: [], violations: [] };
    (window as unknown as { seen: Seen }).seen = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.longTasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) });
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('securitypolicyviolation', (event) => seen.violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
}
const seenBy = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

/** Answers the form's POST in the browser and records it; the server never sees it. */
async function catchPost(page: Page) {
  const posts: { body: URLSearchParams; at: number }[] = [];
  await page.route(`**${FORM}`, async (route, request: Request) => {
    if (request.method() !== 'POST') return route.fallback();
    posts.push({ body: new URLSearchParams(request.postData() ?? ''), at: Date.now() });
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>verstuurd</title><h1>verstuurd</h1>' });
  });
  return posts;
}

test('a Web Worker solves the challenge; no long task while it solves, no CSP violation', async ({ browser }) => {
  const page = await plainPage(browser);
  const hmacKey = 'e2e-proof-of-work';
  const challenge = await createChallenge({ hmacKey, number: NUMBER, maxNumber: 100_000 });

  // The page as the server sends it (headers, CSP and all), with a challenge of known difficulty.
  let csp = '';
  await page.route(`**${FORM}`, async (route, request) => {
    if (request.method() !== 'GET') return route.fallback();
    const response = await route.fetch();
    csp = response.headers()['content-security-policy'] ?? '';
    const html = await response.text();
    const attribute = /data-challenge="[^"]*"/;
    expect(html).toMatch(attribute);
    const json = JSON.stringify(challenge).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    await route.fulfill({ response, body: html.replace(attribute, `data-challenge="${json}"`) });
  });

  await recordFromFirstByte(page);
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await page.goto(FORM);
  // Waited for inside the page, not with a locator: the first locator makes Playwright compile
  // its own large script in the page, a long task of its own on a busy machine.
  const solved = await page.evaluate(
    () =>
      new Promise<{ value: string; at: number }>((resolve, reject) => {
        const field = document.querySelector<HTMLInputElement>('input[name="altcha"]')!;
        const giveUp = setTimeout(() => reject(new Error('Geen oplossing in het altcha-veld na 30 s')), 30_000);
        const check = () => {
          if (!field.value) return void setTimeout(check, 50);
          clearTimeout(giveUp);
          resolve({ value: field.value, at: performance.now() });
        };
        check();
      }),
  );

  // The solution is the one for this challenge, in the payload the server checks.
  const payload = JSON.parse(Buffer.from(solved.value, 'base64').toString('utf8'));
  expect(payload).toMatchObject({ number: NUMBER, challenge: challenge.challenge, salt: challenge.salt, signature: challenge.signature });
  expect(await verifySolution(solved.value, hmacKey, true)).toBe(true);
  // It came from the worker script, served from 'self' under the page's own CSP.
  expect(workers).toEqual([expect.stringMatching(WORKER_SCRIPT)]);
  expect(csp).toMatch(/script-src 'self'/);
  const seen = await seenBy(page);
  expect(seen.violations).toEqual([]);
  expect(problems).toEqual([]);
  // The main thread stayed free while the challenge was solved: from the request for the worker
  // script (or from the start, if there was none) until the solution was in the field. The
  // first rendering before that is left out: on a busy machine it can take 200 ms by itself.
  const solvingFrom = await page.evaluate(
    (pattern) => performance.getEntriesByType('resource').find((e) => new RegExp(pattern).test(e.name))?.startTime ?? 0,
    WORKER_SCRIPT.source,
  );
  const freezes = seen.longTasks.filter((t) => t.duration >= FREEZE_MS && t.start + t.duration > solvingFrom && t.start < solved.at);
  expect(freezes).toEqual([]);
  await page.context().close();
});

test('when the solver is not ready, sending waits a few seconds and then goes without it', async ({ browser }) => {
  const page = await plainPage(browser);
  // A worker that never answers, as on a very slow phone.
  await page.route(WORKER_SCRIPT, (route) => route.fulfill({ contentType: 'text/javascript', body: 'onmessage = () => {};' }));
  const posts = await catchPost(page);
  const worker = page.waitForEvent('worker');
  await page.goto(FORM);
  await worker;

  const clicked = Date.now();
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  // Sent anyway, without a solution, when the wait is over…
  await expect.poll(() => posts.length, { timeout: 15_000 }).toBe(1);
  expect(posts[0].body.get('altcha')).toBe('');
  // …and not at once: the form gave the solver its five seconds first (ProofOfWorkField).
  expect(posts[0].at - clicked).toBeGreaterThanOrEqual(5000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('verstuurd');
  await page.context().close();
});

test('when the worker cannot load, the form is sent without a solution and without waiting', async ({ browser }) => {
  const page = await plainPage(browser);
  await page.route(WORKER_SCRIPT, (route) => route.abort());
  const posts = await catchPost(page);
  await page.goto(FORM);
  // The worker's load error has been seen once the page is idle; then send.
  await page.waitForLoadState('networkidle');

  const clicked = Date.now();
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await expect.poll(() => posts.length, { timeout: 15_000 }).toBe(1);
  expect(posts[0].body.get('altcha')).toBe('');
  // Far below the five seconds the form gives a solver that is still working.
  expect(posts[0].at - clicked).toBeLessThan(4000);
  await page.context().close();
});

test('the busy page solves its challenge under its own CSP and opens the form with the solution', async ({ browser }) => {
  const page = await plainPage(browser);
  // issue() and verify() use no store; level 0 of a small maximum: solved at once.
  const proofOfWork = new ProofOfWork(deriveKeys(randomBytes(32)), undefined as never, 1_000);
  const busy = busyPage({ method: 'GET', url: FORM, headers: {} }, 7, undefined, await proofOfWork.issue(0));
  // The form's address answers once with the busy page exactly as the host sends it (status,
  // headers with its CSP, body), then as the server does.
  const opened: string[] = [];
  await page.route(
    (url) => url.pathname === FORM,
    async (route, request) => {
      if (request.method() !== 'GET') return route.fallback();
      opened.push(request.url());
      if (opened.length > 1) return route.fallback();
      await route.fulfill({ status: busy.status, headers: busy.headers, body: busy.body });
    },
  );
  // CSP violations of every document the page shows, the busy page included.
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (violation: string) => violations.push(violation));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${event.effectiveDirective} ${event.blockedURI}`),
    ),
  );
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(FORM);
  await expect(page.getByRole('button', { name: 'Melding versturen' })).toBeVisible({ timeout: 30_000 });
  // The second request for the form carried a solution of the busy page's challenge in its query.
  expect(opened).toHaveLength(2);
  const second = new URL(opened[1]);
  expect(second.pathname).toBe(FORM);
  expect(await proofOfWork.verify(second.searchParams.get('altcha') ?? undefined, 0)).toMatchObject({ outcome: 'valid' });
  // The form drops the spent proof from the address bar.
  expect(new URL(page.url()).searchParams.has('altcha')).toBe(false);
  expect(violations).toEqual([]);
  // Chromium logs the busy page's own 503 as an error; nothing else may be logged.
  expect(problems.filter((problem) => !problem.includes('status of 503'))).toEqual([]);
  await page.context().close();
});

test('the busy page stays responsive while its script solves a harder challenge on the main thread', async ({ browser }) => {
  const page = await plainPage(browser);
  const hmacKey = 'e2e-busy-page';
  const busy = busyPage({ method: 'GET', url: FORM, headers: {} }, 7, undefined, await createChallenge({ hmacKey, number: NUMBER, maxNumber: 100_000 }));
  // The busy page first; the address with the solution then answers 204, so the browser stays on
  // the busy page and its long tasks can be read.
  const solutions: string[] = [];
  await page.route(
    (url) => url.pathname === FORM,
    async (route, request) => {
      const solution = new URL(request.url()).searchParams.get('altcha');
      if (solution === null) return route.fulfill({ status: busy.status, headers: busy.headers, body: busy.body });
      solutions.push(solution);
      await route.fulfill({ status: 204 });
    },
  );
  await recordFromFirstByte(page);
  // Not waiting for load: a script that did not yield would hold it back for as long as it solves.
  await page.goto(FORM, { waitUntil: 'commit' });
  await expect.poll(() => solutions.length, { timeout: 30_000 }).toBe(1);
  // "Your browser is working" was shown while it solved (and stays: the browser is still here).
  await expect(page.locator('[data-working]')).toBeVisible();
  expect(JSON.parse(Buffer.from(solutions[0], 'base64').toString('utf8'))).toMatchObject({ number: NUMBER });
  expect(await verifySolution(solutions[0], hmacKey, true)).toBe(true);
  const seen = await seenBy(page);
  expect(seen.violations).toEqual([]);
  expect(seen.longTasks.filter((t) => t.duration >= FREEZE_MS)).toEqual([]);
  await page.context().close();
});
