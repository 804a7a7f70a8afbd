/**
 * npm run bench:lighthouse — Lighthouse (mobile profile) on one page of each template, with
 * the system Chromium, against the real server. Lighthouse is fetched by npx on first use and
 * is not a dependency of the project. Needs a build.
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

const dir = mkdtempSync(join(tmpdir(), 'bench-lighthouse-'));
const server = await startServer({ REPORT_DATA_DIR: join(dir, 'data') });
try {
  console.log('| template | page | performance | accessibility | best practices | SEO | not passed |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, path] of TEMPLATES) {
    const output = join(dir, `${name}.json`);
    execFileSync('npx', ['--yes', LIGHTHOUSE, `${server.url}${path}`, '--output=json', `--output-path=${output}`, '--quiet',
      '--form-factor=mobile', '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking'], {
      env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const report = JSON.parse(readFileSync(output, 'utf8'));
    const score = (id: string) => Math.round(report.categories[id].score * 100);
    const failed = Object.values(report.audits as Record<string, { id: string; score: number | null; scoreDisplayMode: string }>)
      .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
      .map((a) => a.id);
    console.log(`| ${name} | ${path} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${failed.join(', ') || '–'} |`);
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
