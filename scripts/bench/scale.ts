/**
 * npm run bench:scale — build time at national scale, on the real municipalities. Since issue 14
 * content/ holds all 342 municipalities of 2026 (302 generated from CBS data). The bench builds
 * a temporary copy of content/ (under .tmp/, never committed) with 40 (the hand-written ones
 * only), 170 and 342 municipalities, dropping generated files beyond the size, and reports the
 * median of BENCH_RUNS clean builds (default 3), pages per second and the growth against 40,
 * measured in one run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { GENERATED_MARKER } from '../generate-gemeenten.ts';
import { median } from './measure.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = [40, 170, 342];
mkdirSync('.tmp', { recursive: true });
const work = mkdtempSync(join('.tmp', 'bench-scale-'));

function contentWith(total: number): string {
  const dir = join(work, `content-${total}`);
  cpSync('content', dir, { recursive: true });
  const folder = join(dir, 'gemeenten');
  const files = readdirSync(folder).sort();
  const generated = files.filter((f) => readFileSync(join(folder, f), 'utf8').startsWith(GENERATED_MARKER));
  const handWritten = files.length - generated.length;
  if (total < handWritten) throw new Error(`Minder dan ${handWritten} gemeenten kan niet: zoveel zijn met de hand geschreven.`);
  for (const file of generated.slice(total - handWritten)) rmSync(join(folder, file));
  return dir;
}

function build(contentDir: string, total: number) {
  const outDir = join(work, `dist-${total}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: join(work, `cache-${total}`), ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`Build met ${total} gemeenten mislukte:\n${result.stdout}\n${result.stderr}`);
  const pages = Number(/Pagefind: (\d+) pagina/.exec(result.stdout)?.[1] ?? 0);
  return { seconds, pages };
}

try {
  const rows = SIZES.map((total) => {
    const dir = contentWith(total);
    const runs = Array.from({ length: RUNS }, () => build(dir, total));
    return { total, seconds: median(runs.map((r) => r.seconds)), pages: runs[0].pages };
  });
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; median of ${RUNS} clean builds (astro build + Pagefind).`);
  console.log('| gemeenten | pages | build (s) | pages/s | build time vs. 40 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.total} | ${row.pages} | ${row.seconds.toFixed(1)} | ${(row.pages / row.seconds).toFixed(0)} | ${(row.seconds / rows[0].seconds).toFixed(2)}× |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
