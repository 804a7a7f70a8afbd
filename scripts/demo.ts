/**
 * npm run demo: the site and the intake desk (meldbalie) on this machine, wired together, to try
 * reporting, reading, asking and answering (docs/DESK.md, "Try it"). Everything lives in a
 * temporary folder that is removed when the demo stops (Ctrl-C or SIGTERM).
 *
 * What it does, in order:
 *  1. makes the two whsec_ secrets and gives them to both (the desk as DESK_FORWARD_SECRET and
 *     DESK_INTAKE_SECRET, the site as REPORT_FORWARD_SECRET and REPORT_INTAKE_SECRET);
 *  2. starts the desk (npm run desk: built when needed) and the site (npm start: likewise) and
 *     prints both addresses and the desk's one-time set-up link;
 *  3. the desk's key is made in the browser at set-up, so the site cannot seal to it before. The
 *     demo asks the desk every second whether it is set up; then it reads the desk's public key
 *     (the recipient) from the desk's store and restarts the site with REPORT_RECIPIENTS and
 *     REPORT_FORWARD_URL, in an emptied site folder. Until then the site delivers nothing, and a
 *     report sent before set-up is dropped at the restart (it was not sealed to the desk).
 * Ports: PORT (site, default 4321) and DESK_PORT (desk, default 4330).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeskConfig } from '../src/desk/server/config.ts';
import { openDeskStore } from '../src/desk/server/open-store.ts';

const root = new URL('..', import.meta.url).pathname;
const sitePort = Number(process.env.PORT || 4321);
const deskPort = Number(process.env.DESK_PORT || 4330);
const siteUrl = `http://127.0.0.1:${sitePort}`;
const deskUrl = `http://localhost:${deskPort}`;
const folder = mkdtempSync(join(tmpdir(), 'meldwijzer-demo-'));
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const forwardSecret = newSecret();
const intakeSecret = newSecret();

const deskEnv = {
  DESK_HOST: '127.0.0.1',
  DESK_PORT: String(deskPort),
  DESK_URL: deskUrl,
  DESK_DATA_DIR: join(folder, 'meldbalie'),
  DESK_SITE_URL: siteUrl,
  DESK_FORWARD_SECRET: forwardSecret,
  DESK_INTAKE_SECRET: intakeSecret,
};
const siteEnv = {
  HOST: '127.0.0.1',
  PORT: String(sitePort),
  REPORT_DATA_DIR: join(folder, 'site'),
  // Its own key for form tokens, so a form opened before the restart below still works after it.
  REPORT_SECRET: randomBytes(32).toString('base64'),
  REPORT_FORWARD_SECRET: forwardSecret,
  REPORT_INTAKE_SECRET: intakeSecret,
};
// Nothing of a real deployment's settings leaks in: no database, no production mode, no other desk.
const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(REPORT_|DESK_|NODE_ENV$|METRICS_)/.test(name)));

let stopping = false;
const children = new Set<ChildProcess>();

/** Runs a script with its output prefixed; a child that dies on its own stops the demo. */
function run(script: string, env: Record<string, string>, label: string, onLine?: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, [join(root, script)], { cwd: root, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (line) console.log(`[${label}] ${line}`);
        onLine?.(line);
      }
    });
  }
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (stopping) return;
    // Ctrl-C in a terminal signals the whole group: a child that ends cleanly on it is no failure.
    const clean = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
    if (!clean) console.error(`Demo: ${label} stopte onverwacht (code ${code}). De demo stopt.`);
    void stop(clean ? 0 : 1);
  });
  return child;
}

async function end(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = once(child, 'exit');
  child.kill('SIGTERM');
  await ended;
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all([...children].map(end));
  rmSync(folder, { recursive: true, force: true });
  console.log('Demo gestopt; de tijdelijke map is verwijderd.');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

/** Waits until `check` is true, asking every second. */
async function until(check: () => Promise<boolean>) {
  while (!stopping && !(await check().catch(() => false))) await new Promise((r) => setTimeout(r, 1000));
}

const answers = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

let link = '';
run('scripts/desk.ts', deskEnv, 'meldbalie', (line) => {
  const found = /https?:\/\/\S+\/instellen\/#\S+/.exec(line);
  if (found) link = found[0];
});
let site = run('scripts/start.mjs', siteEnv, 'site');

await until(async () => (await answers(`${deskUrl.replace('localhost', '127.0.0.1')}/api/sessie`)) && (await answers(`${siteUrl}/healthz`)) && link !== '');
console.log(
  [
    '',
    `Demo: de site en de meldbalie draaien. Gegevens in ${folder} (weg na Ctrl-C).`,
    `  Site:        ${siteUrl}/`,
    `  Meldbalie:   ${deskUrl}/`,
    `  Instellen:   ${link}`,
    '',
    'Open de instellink, maak de eerste beheerder en de sleutel. Daarna start de demo de site',
    'opnieuw met de sleutel van de meldbalie; meld pas dan (tot dat moment stuurt de site niets door).',
    '',
  ].join('\n'),
);

const sessionUrl = `${deskUrl.replace('localhost', '127.0.0.1')}/api/sessie`;
await until(async () => ((await (await fetch(sessionUrl)).json()) as { setUp?: boolean }).setUp === true);
if (!stopping) {
  // The desk's public key, straight from its store (the demo owns the folder).
  const store = await openDeskStore(loadDeskConfig(deskEnv));
  const recipient = await store.getSetting('recipient');
  await store.close();
  children.delete(site);
  site.removeAllListeners('exit');
  await end(site);
  // A report sent before set-up could not be sealed to the desk: it goes, never delivered as text.
  rmSync(siteEnv.REPORT_DATA_DIR, { recursive: true, force: true });
  site = run('scripts/start.mjs', { ...siteEnv, REPORT_RECIPIENTS: recipient!, REPORT_FORWARD_URL: `${deskUrl}/api/ontvang/` }, 'site');
  await until(() => answers(`${siteUrl}/healthz`));
  console.log(
    `\nDemo: de meldbalie is ingesteld. De site versleutelt nu voor ${recipient} en stuurt meldingen naar de meldbalie.\n  Meld via een gemeente op ${siteUrl}/ en lees de melding op ${deskUrl}/\n`,
  );
}
