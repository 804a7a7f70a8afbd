/**
 * A build never takes the site down (issue 24): while `npm run serve` runs, a build that fails
 * and a build that is killed leave every page answering 200 with the previous content, and a
 * completed build is picked up without a restart, on-demand pages included.
 * The server runs on a copy of the real build (hard links, behind a link of its own, through
 * MELDWIJZER_DIST), so the real dist/ that other tests read is never touched. Needs a build.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, linkedBuild } from '../../scripts/lib/build-folders.mjs';
import { etagOf } from '../../src/server/static-manifest.mjs';
import { startServer, submitReport, SAMPLE_REPORT, waitFor, type Started } from '../support/processes.ts';

const ROOT = resolve('.');
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const work = mkdtempSync(join(ROOT, '.tmp', 'build-switch-'));
const link = join(work, 'dist');
const first = join(work, '.builds', 'dist-00000001');
const css = `/_astro/${readdirSync('dist/client/_astro').find((f) => f.endsWith('.css'))}`;
const STATIC = ['/', '/hulp/', '/gemeenten/woerden/', '/en/', css];
const ON_DEMAND = ['/melden/anoniem/', '/en/melden/anoniem/'];

/**
 * A copy made of hard links: quick, and safe as long as changed files are replaced, never
 * written through. Asynchronous on purpose: a test process blocked for seconds cannot drop its
 * idle keep-alive connections in time, and then reuses one the server has just closed.
 */
async function linkCopy(from: string, to: string) {
  const copy = spawn('cp', ['-al', from, to], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  copy.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const code = await new Promise((resolve) => copy.once('exit', resolve));
  if (code !== 0) throw new Error(`cp -al ${from} ${to}: ${errors}`);
}

let server: Started;
let before: Map<string, string>;
beforeAll(async () => {
  mkdirSync(join(work, '.builds'));
  await linkCopy(realpathSync('dist'), first);
  activate(link, first);
  server = await startServer({ MELDWIJZER_DIST: relative(ROOT, link), REPORT_DATA_DIR: join(work, 'data'), REPORT_MIN_FILL_SECONDS: '0' });
  before = new Map(await Promise.all(STATIC.map(async (path) => [path, await (await fetch(server.url + path)).text()] as [string, string])));
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

/** Asks every page again and again until stopped; returns what was not 200 with known content. */
function watchPages(accepted: (path: string, body: string) => boolean) {
  const problems: string[] = [];
  let rounds = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        [...STATIC, ...ON_DEMAND].map(async (path) => {
          const response = await fetch(server.url + path).catch((error) => error as Error);
          if (response instanceof Error) return void problems.push(`${path}: ${response.message}`);
          const body = await response.text();
          if (response.status !== 200) problems.push(`${path}: ${response.status}`);
          else if (STATIC.includes(path) && !accepted(path, body)) problems.push(`${path}: andere inhoud`);
        }),
      );
      rounds++;
    }
  })();
  return {
    async stop() {
      await waitFor(() => rounds >= 2, 10_000, 'twee rondes langs de pagina’s');
      running = false;
      await loop;
      return { problems, rounds };
    },
  };
}

const unchanged = (path: string, body: string) => before.get(path) === body;

/** npm run build for the test's link, in a process group of its own so it can be killed whole. */
function build(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['scripts/build.mjs'], {
    env: { ...process.env, MELDWIJZER_DIST: relative(ROOT, link), ASTRO_CACHE_DIR: join(work, 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

describe('a build while the server runs', { timeout: 180_000 }, () => {
  it('that fails leaves every page answering 200 with the previous content', async () => {
    const watch = watchPages(unchanged);
    const failing = build({ MELDWIJZER_THEME: 'bestaat-niet' });
    expect(await failing.exited).not.toBe(0);
    expect(failing.output()).toContain('De site blijft op de vorige build');
    const { problems } = await watch.stop();
    expect(problems).toEqual([]);
    expect(linkedBuild(link)).toBe(first);
  });

  it('that is killed halfway leaves every page answering 200 with the previous content', async () => {
    const watch = watchPages(unchanged);
    const killed = build();
    // Killed once Astro is at work (its build log has begun), with everything it started.
    await waitFor(() => /\[build\]|\[vite\]|\[content\]/.test(killed.output()) || killed.child.exitCode !== null, 120_000, 'de build begint');
    process.kill(-killed.child.pid!, 'SIGKILL');
    await killed.exited;
    const { problems } = await watch.stop();
    expect(problems).toEqual([]);
    expect(linkedBuild(link)).toBe(first);
    // Still the same build a minute later would be the same check: nothing moved the link.
    expect(readdirSync(join(work, '.builds')).filter((name) => !name.endsWith('.log') && existsSync(join(work, '.builds', name, 'server')))).toContain(
      'dist-00000001',
    );
  });

  it('that completes is picked up without a restart, the on-demand pages with it', async () => {
    // The "new build": the same files with one page changed, as a build writes it (table included).
    const second = join(work, '.builds', 'dist-00000002');
    await linkCopy(first, second);
    const page = join(second, 'client/hulp/index.html');
    const changed = Buffer.from(readFileSync(page, 'utf8').replace('</main>', '<p>Nieuwe build.</p></main>'));
    for (const copy of ['', '.br', '.gz']) rmSync(page + copy, { force: true });
    writeFileSync(page, changed);
    const tablePath = join(second, 'static-files.json');
    const table = JSON.parse(readFileSync(tablePath, 'utf8'));
    table.files['/hulp/'] = { file: 'hulp/index.html', type: 'text/html; charset=utf-8', etag: etagOf(changed), size: changed.length };
    unlinkSync(tablePath);
    writeFileSync(tablePath, JSON.stringify(table));

    const watch = watchPages((path, body) => unchanged(path, body) || (path === '/hulp/' && body === changed.toString()));
    activate(link, second);
    await waitFor(async () => (await (await fetch(`${server.url}/hulp/`)).text()).includes('Nieuwe build.'), 10_000, 'de nieuwe build');
    const { problems } = await watch.stop();
    expect(problems).toEqual([]);
    expect(server.output()).toContain('Nieuwe build in gebruik');
    // The new build's on-demand handler takes reports, with the same store and keys.
    expect((await submitReport(server.url, SAMPLE_REPORT)).status).toBe(303);
  });
});
