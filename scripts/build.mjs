/**
 * npm run build: `astro build` into a new folder under .builds/, and only when it succeeded the
 * `dist` link moves to it (scripts/lib/build-folders.mjs). A failed or interrupted build leaves
 * the site on the previous build; a running `npm run serve` picks up the new one by itself.
 *
 * The whole build output also goes to a log file next to the build (.builds/dist-….log).
 * With --quiet (npm start) only a summary is printed: time, pages, the warnings that matter,
 * and on failure the errors and the log file's name. Other arguments go to `astro build`
 * (for example --force). MELDWIJZER_DIST names another link (default dist).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activate, newBuildDir, prune } from './lib/build-folders.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const astroArgs = args.filter((arg) => arg !== '--quiet');
const link = resolve(root, process.env.MELDWIJZER_DIST || 'dist');
const out = newBuildDir(link);
const logFile = `${out}.log`;
const shown = (path) => relative(process.cwd(), path) || '.';

mkdirSync(dirname(out), { recursive: true });
// Earlier failed or interrupted builds and builds beyond the last three go now, before this one adds to the disk.
prune(link, [out]);

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes (ESC [ … m) from the build log
const ANSI = /\x1b\[[0-9;]*m/g;
/** Framework messages that say nothing an editor or operator can act on (Vite on MDX modules). */
const NOISE = /MODULE_LEVEL_DIRECTIVE|Enabling sessions with filesystem storage/;

const started = performance.now();
const log = createWriteStream(logFile);
const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out, ...astroArgs], {
  cwd: root,
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...(!quiet && process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
for (const [stream, target] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  stream.on('data', (chunk) => {
    log.write(chunk.toString().replace(ANSI, ''));
    if (!quiet) target.write(chunk);
  });
}
// Ctrl-C or a stop signal ends the build, and the link stays where it is.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

const code = await new Promise((resolveExit) => child.on('close', (status, signal) => resolveExit(status ?? (signal ? 1 : 0))));
await new Promise((done) => log.end(done));
const seconds = Math.round((performance.now() - started) / 1000);
const output = readFileSync(logFile, 'utf8');
const lines = output.split('\n');

if (code !== 0) {
  const errors = lines.filter((line) => /\[ERROR\]|error|fout|mislukt/i.test(line) && !NOISE.test(line)).slice(0, 20);
  if (quiet && errors.length) console.error(errors.join('\n'));
  console.error(`De build is mislukt (na ${seconds} s). De site blijft op de vorige build. Volledig verslag: ${shown(logFile)}`);
  process.exit(code);
}

try {
  activate(link, out);
} catch (error) {
  console.error(`${error.message} Volledig verslag: ${shown(logFile)}`);
  process.exit(1);
}
prune(link);

const pages = /Pagefind: (\d+) pagina/.exec(output)?.[1];
const warnings = [...new Set(lines.filter((line) => /\[WARN\]|\[ERROR\]/.test(line) && !NOISE.test(line)).map((line) => line.replace(/^\d\d:\d\d:\d\d /, '')))];
if (quiet) {
  console.log(`Site gebouwd in ${seconds} s${pages ? `: ${pages} pagina's` : ''}. Volledig verslag: ${shown(logFile)}`);
  for (const warning of warnings.slice(0, 10)) console.log(`  ${warning}`);
  if (warnings.length > 10) console.log(`  … en nog ${warnings.length - 10} waarschuwingen (zie het verslag).`);
} else {
  console.log(`\nDe site staat klaar: ${shown(link)} → ${shown(out)} (verslag: ${shown(logFile)}).`);
}
