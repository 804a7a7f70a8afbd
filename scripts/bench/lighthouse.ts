/**
 * npm run bench:lighthouse [-- --runs=N] [template …] — Lighthouse (mobile profile) on one page
 * of each template, with the system Chromium, against the real server. Lighthouse is fetched
 * by npx on first use and is not a dependency of the project. Needs a build.
 *
 * With --runs=N every page is measured N times; performance and total blocking time (TBT) are
 * then shown as min–max, the other categories as the lowest score. Template names select rows:
 * `npm run bench:lighthouse -- --runs=5 meldformulier`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tests/support/processes.ts';

const LIGHTHOUSE = 'lighthouse@12.8.2';
const TEMPLATES: [string, string][] = [
  ['home', '/'],
  ['gemeente', '/gemeenten/woerden/'],
  ['beleidsplan', '/beleid/noord-midden-limburg-2022/'],
  ['signaal', '/signalen/signaal/paspoort-niet-in-eigen-bezit/'],
  ['sector', '/ondernemers/bouw/'],
  ['meldroute-stap', '/gemeenten/venlo/melden/uitkomst-zorgen-om-naaste/'],
  ['meldformulier', '/melden/anoniem/'],
  ['zoeken', '/zoeken/?q=paspoort'],
];

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 1);
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((name) => !TEMPLATES.some(([t]) => t === name));
if (!Number.isInteger(runs) || runs < 1 || unknown.length) {
  console.error(`Gebruik: npm run bench:lighthouse -- [--runs=N] [${TEMPLATES.map(([t]) => t).join('|')} …]`);
  process.exit(1);
}

/** What this script reads from a Lighthouse report. */
interface Report {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number }>;
  audits: Record<string, { id: string; score: number | null; scoreDisplayMode: string; numericValue?: number }>;
}

/**
 * One Lighthouse run. On a busy machine Lighthouse now and then fails to record the trace
 * (NO_NAVSTART, with or without a non-zero exit); such a run is repeated, up to three
 * attempts, and said so on stderr.
 */
function lighthouse(url: string, output: string): Report {
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      execFileSync(
        'npx',
        [
          '--yes',
          LIGHTHOUSE,
          url,
          '--output=json',
          `--output-path=${output}`,
          '--quiet',
          '--form-factor=mobile',
          '--only-categories=performance,accessibility,best-practices,seo',
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking',
        ],
        {
          env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      const report: Report = JSON.parse(readFileSync(output, 'utf8'));
      if (!report.runtimeError) return report;
      problem = `${report.runtimeError.code}: ${report.runtimeError.message}`;
    } catch (error) {
      problem = String((error as { stderr?: Buffer }).stderr ?? error)
        .trim()
        .split('\n')[0];
    }
    if (attempt === 3) throw new Error(`Lighthouse mislukte drie keer op ${url}: ${problem}`);
    console.error(`Lighthouse mislukte op ${url} (${problem}); opnieuw.`);
  }
}

const range = (values: number[]) => {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return min === max ? `${min}` : `${min}–${max}`;
};

const dir = mkdtempSync(join(tmpdir(), 'bench-lighthouse-'));
const server = await startServer({ REPORT_DATA_DIR: join(dir, 'data') });
try {
  console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]}, mobile profile, ${runs} run${runs === 1 ? '' : 's'} per page.`);
  console.log('| template | page | performance | accessibility | best practices | SEO | TBT (ms) | not passed |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, path] of TEMPLATES.filter(([t]) => only.length === 0 || only.includes(t))) {
    const scores: Record<string, number[]> = { performance: [], accessibility: [], 'best-practices': [], seo: [] };
    const tbt: number[] = [];
    const failed = new Set<string>();
    for (let run = 0; run < runs; run++) {
      const output = join(dir, `${name}-${run}.json`);
      const report = lighthouse(`${server.url}${path}`, output);
      for (const id of Object.keys(scores)) scores[id].push(Math.round(report.categories[id].score * 100));
      tbt.push(Math.round(report.audits['total-blocking-time'].numericValue ?? NaN));
      for (const audit of Object.values(report.audits)) {
        if (audit.scoreDisplayMode === 'binary' && audit.score === 0) failed.add(audit.id);
      }
    }
    const lowest = (id: string) => Math.min(...scores[id]);
    console.log(
      `| ${name} | ${path} | ${range(scores.performance)} | ${lowest('accessibility')} | ${lowest('best-practices')} | ${lowest('seo')} | ${range(tbt)} | ${[...failed].join(', ') || '–'} |`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
