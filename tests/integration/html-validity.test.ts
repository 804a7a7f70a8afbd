/**
 * Pages are valid HTML according to the Nu HTML Checker (the W3C validator's engine, run
 * locally from the vnu-jar package on Java): built pages in dist/client, and the pages
 * rendered on demand (the report form with errors, the receipt shown and already shown, the "only in Dutch" notice, the
 * 404) in Dutch and other languages, fetched from the real server. Rule set: the checker's
 * defaults, errors only — warnings are advice, not failures. Needs a build and Java (installed by
 * .ci/run when missing).
 *
 * Which built pages: all 6,300 cost 80–110 s of Java on 2 cores, a third of the 5-minute budget of
 * `npm test` (issue 15). So `npm test` checks every template in every language plus 300 pages
 * drawn with a seed that changes every day (SAMPLE_SEED=<n> repeats a day's draw; the seed is in
 * the test name), and `npm run test:full` (run by .ci/run after npm test) checks every page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtPages } from '../support/built-site.ts';
import { startServer, submitReport } from '../support/processes.ts';
import { samplePaths } from '../support/sample.ts';

const vnu = String(createRequire(import.meta.url)('vnu-jar'));

/** The checker's messages for a folder of pages or a list of files, as "path:line message". */
function validate(...targets: string[]): string[] {
  let output: string;
  try {
    output = execFileSync('java', ['-jar', vnu, '--errors-only', '--skip-non-html', '--format', 'json', ...targets], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // vnu exits 1 when it finds errors and writes its JSON report to stderr.
    output = (error as { stderr?: string }).stderr || (error as { stdout?: string }).stdout || '';
  }
  const { messages } = JSON.parse(output || '{"messages":[]}') as { messages: { url: string; message: string; lastLine?: number }[] };
  return messages.map((m) => `${m.url.replace(/^.*?(dist\/client|on-demand-[^/]+)/, '')}:${m.lastLine ?? '?'} ${m.message}`);
}

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('HTML validity', () => {
  if (process.env.FULL_SWEEP === '1') {
    it('every page in dist/client passes the Nu HTML Checker', { timeout: 300_000 }, () => {
      expect(validate('dist/client')).toEqual([]);
    });
  } else {
    const seed = Number(process.env.SAMPLE_SEED ?? Math.floor(Date.now() / 86_400_000));
    const pages = builtPages();
    const sample = new Set(
      samplePaths(
        pages.map((p) => p.path),
        { perTemplate: 1, random: 300, seed },
      ),
    );
    it(`every template in every language and 300 other pages pass the Nu HTML Checker (SAMPLE_SEED=${seed})`, { timeout: 120_000 }, () => {
      expect(validate(...pages.filter((p) => sample.has(p.path)).map((p) => p.file))).toEqual([]);
    });
  }

  it('pages rendered on demand pass it too, in every kind and language', { timeout: 120_000 }, async () => {
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
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      mkdirSync(join(pagesDir, String(i)));
      writeFileSync(join(pagesDir, String(i), 'index.html'), await response.text());
    }
    expect(validate(pagesDir)).toEqual([]);
  });
});
