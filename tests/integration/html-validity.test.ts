/**
 * Pages are valid HTML according to the Nu HTML Checker (the W3C validator's engine, run
 * locally from the vnu-jar package on Java): built pages in dist/client, and the pages
 * rendered on demand (the report form with errors, the receipt shown and already shown, the "only in Dutch" notice, the
 * 404) in Dutch and other languages, fetched from the real server, and the host's busy page
 * (src/server/busy-page.mjs) as both hosts send it. Rule set: the checker's
 * defaults, errors only — warnings are advice, not failures. Needs a build and Java (installed by
 * .ci/run when missing).
 *
 * Which built pages: all 6,300 cost 80–110 s of Java on 2 cores, a third of the 5-minute budget of
 * `npm test` (issue 15). So `npm test` checks every template in every language plus 300 pages
 * drawn with a seed that changes every day (SAMPLE_SEED=<n> repeats a day's draw; the seed is in
 * the test name), and `npm run test:validate-all` (run by .ci/run after npm test) checks every page.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages } from '../support/built-site.ts';
import { htmlCheckerErrors } from '../support/html-checker.ts';
import { startServer, submitReport } from '../support/processes.ts';
import { busyPage } from '../../src/server/busy-page.mjs';
import { ProofOfWork } from '../../src/lib/report/core/proof-of-work.ts';
import { deriveKeys } from '../../src/lib/report/crypto/keys.ts';
import { samplePaths } from '../support/sample.ts';

/**
 * The checker's messages for folders of pages or lists of files, as "path:line message", the path
 * from dist/client or from the on-demand folder on (on-demand-…/3/index.html).
 */
const validate = (...targets: string[]): string[] =>
  htmlCheckerErrors(...targets).map((m) => `${m.url.replace(/^.*?(dist\/client\/|on-demand-)/, '$1')}:${m.lastLine ?? '?'} ${m.message}`);

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const full = process.env.FULL_SWEEP === '1';
const seed = Number(process.env.SAMPLE_SEED ?? Math.floor(Date.now() / 86_400_000));

/** The built pages to check: every page, or every template in every language and 300 drawn with the seed. */
function builtTargets(): string[] {
  if (full) return ['dist/client'];
  const pages = builtPages();
  const sample = new Set(
    samplePaths(
      pages.map((p) => p.path),
      { perTemplate: 1, random: 300, seed },
    ),
  );
  return pages.filter((p) => sample.has(p.path)).map((p) => p.file);
}

/** The pages rendered on demand, each with the content type the server gave it. */
const onDemand: { path: string; type: string | null }[] = [];
let messages: string[];
// One run of the checker for the built and the on-demand pages: each start of Java and the
// checker costs about 3 s of CPU.
beforeAll(
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'on-demand-data-'));
    const pagesDir = mkdtempSync(join(tmpdir(), 'on-demand-'));
    const server = await startServer({ REPORT_DATA_DIR: dataDir, REPORT_MIN_FILL_SECONDS: '0' });
    cleanup.push(async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(pagesDir, { recursive: true, force: true });
    });
    const invalidReport = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' } };
    const accepted = await submitReport(server.url, {
      municipality: 'venlo',
      exploitationForm: 'arbeidsuitbuiting',
      dangerNow: 'nee',
      description: 'Tien mensen slapen in een loods bij de kwekerij.',
    });
    const receipt = accepted.headers.get('location')!;
    const pages: [string, RequestInit?][] = [
      ['/melden/anoniem/'],
      ['/pl/melden/anoniem/', { ...invalidReport, body: 'language=pl&description=kort' }],
      [receipt],
      [receipt],
      ['/uk/melden/anoniem/ontvangen/?r=ongeldig'],
      ['/bg/gemeenten/woerden/'],
      ['/ro/bestaat-niet/'],
    ];
    for (const [i, [path, init]] of pages.entries()) {
      const response = await fetch(new URL(path, server.url), init);
      onDemand.push({ path, type: response.headers.get('content-type') });
      mkdirSync(join(pagesDir, String(i)));
      writeFileSync(join(pagesDir, String(i), 'index.html'), await response.text());
    }
    // The busy page renders nothing of the site: a page opened (its challenge and script, in
    // Polish and Dutch) and a form sent (the values kept). issue() uses no store.
    const challenge = await new ProofOfWork(deriveKeys(randomBytes(32)), undefined as never, 1_000).issue(1);
    const busyPages = [
      busyPage({ method: 'GET', url: '/pl/melden/anoniem/?x=1', headers: {} }, 9, undefined, challenge),
      busyPage(
        { method: 'POST', url: '/en/melden/anoniem/', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        9,
        Buffer.from('language=en&description=a%22%3Cb%3E'),
      ),
    ];
    for (const [i, page] of busyPages.entries()) {
      mkdirSync(join(pagesDir, `busy-${i}`));
      writeFileSync(join(pagesDir, `busy-${i}`, 'index.html'), page.body);
    }
    messages = validate(...builtTargets(), pagesDir);
  },
  full ? 300_000 : 180_000,
);

describe('HTML validity', () => {
  it(
    full
      ? 'every page in dist/client passes the Nu HTML Checker'
      : `every template in every language and 300 other pages pass the Nu HTML Checker (SAMPLE_SEED=${seed})`,
    () => {
      expect(messages.filter((m) => !m.startsWith('on-demand-'))).toEqual([]);
    },
  );

  it('pages rendered on demand pass it too, in every kind and language', () => {
    expect(onDemand).toHaveLength(7);
    for (const { path, type } of onDemand) expect(type, path).toMatch(/^text\/html/);
    expect(messages.filter((m) => m.startsWith('on-demand-'))).toEqual([]);
  });
});
