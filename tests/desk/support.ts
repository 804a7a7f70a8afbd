/**
 * Helpers for the desk's end-to-end tests: the desk as a child process (npm run desk), a free
 * port, a passkey authenticator with PRF in Chromium (CDP WebAuthn domain), and axe.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { translator } from '../../src/i18n/index.ts';
import { startServer, type Started } from '../support/processes.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface Desk {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node scripts/desk.ts` and waits until it listens (it builds first when needed). */
export async function startDesk(env: Record<string, string>, timeoutMs = 90_000): Promise<Desk> {
  const child = spawn(process.execPath, ['scripts/desk.ts', ...(env.ARGS ? [env.ARGS] : [])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`De meldbalie startte niet: ${output}`)), timeoutMs);
    child.stdout!.on('data', () => {
      if (/Ontvangst van meldingen: \S+/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`De meldbalie stopte met ${code}: ${output}`)));
  });
  const ended = once(child, 'exit');
  return {
    url: env.DESK_URL,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await ended;
    },
  };
}

/** Runs `npm run desk -- <command>` to its end; returns exit code and output. */
export async function deskCommand(command: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['scripts/desk.ts', command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** A platform authenticator (like Touch ID or Windows Hello) with PRF, for every page of the context. */
export async function addPasskeyAuthenticator(context: BrowserContext, page: Page, { prf = true } = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: prf,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * Sets up a fresh desk from its one-time link in a page with a passkey authenticator; returns what
 * the set-up page shows for the site (REPORT_RECIPIENTS, REPORT_FORWARD_URL, the two secrets).
 */
export async function setUpInBrowser(page: Page, link: string, name: string): Promise<Record<string, string>> {
  await page.goto(link);
  await page.getByLabel('Uw naam of functie').fill(name);
  await page.getByRole('button', { name: 'Passkey maken en sleutel aanmaken' }).click();
  await page.locator('#site-env').waitFor({ timeout: 60_000 });
  return Object.fromEntries(
    (await page.locator('#site-env').textContent())!.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

const AXE_SOURCE: string = createRequire(import.meta.url)('axe-core').source;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's violations on the page as it is now (axe is added to the page for this one run). */
export async function axeViolations(page: Page) {
  // The desk's CSP allows no inline script: evaluate axe's source through CDP-free evaluate.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (
        window as unknown as {
          axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_TAGS,
  );
  return results.violations.map((v) => ({ rule: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

const VNU: string = String(createRequire(import.meta.url)('vnu-jar'));

/** The Nu HTML Checker's errors (not warnings) for the .html files in a folder, as "file:line message". */
export function htmlErrors(folder: string): string[] {
  let output: string;
  try {
    output = execFileSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // vnu exits 1 when it finds errors and writes its report to stderr.
    output = (error as { stderr?: string }).stderr || '';
  }
  const { messages } = JSON.parse(output || '{"messages":[]}') as { messages: { url: string; message: string; lastLine?: number }[] };
  return messages.map((m) => `${m.url.split('/').pop()}:${m.lastLine ?? '?'} ${m.message}`);
}

/** The desk and the site wired together as the set-up says, with the first beheerder signed in. */
export interface Stack {
  dir: string;
  deskEnv: Record<string, string>;
  desk: Desk;
  site: Started;
  /** The beheerder's browser context (with a PRF passkey) and page, at the end of the set-up. */
  staff: BrowserContext;
  page: Page;
  /** The beheerder's virtual authenticator, to take it away (a lost device) or add another. */
  passkey: { cdp: CDPSession; authenticatorId: string };
  recoveryKey: string;
  postgres?: PostgresServer;
  /** Everything the desk keeps: its SQLite files, or a pg_dump of its database. */
  stored: () => [string, string][];
  stop: () => Promise<void>;
}

/**
 * Starts the desk (in PostgreSQL when asked), sets it up in a browser with a passkey as the first
 * beheerder ("Beheerder meldpunt"), and starts the built site with what the set-up showed.
 */
export async function startStack(browser: Browser, { postgres: withPostgres = false } = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'meldbalie-e2e-'));
  const postgres = withPostgres ? await startPostgres({ database: 'meldbalie' }) : undefined;
  const [deskPort, sitePort] = [await freePort(), await freePort()];
  const deskEnv: Record<string, string> = {
    DESK_PORT: String(deskPort),
    DESK_URL: `http://localhost:${deskPort}`,
    DESK_DATA_DIR: join(dir, 'desk'),
    DESK_SITE_URL: `http://127.0.0.1:${sitePort}`,
    ...(postgres ? { DESK_DATABASE_URL: postgres.url } : {}),
  };
  const desk = await startDesk(deskEnv);
  const setupLink = /(http:\/\/localhost:\d+\/instellen\/#\S+)/.exec(desk.output())![1];
  const staff = await browser.newContext();
  const page = await staff.newPage();
  const passkey = await addPasskeyAuthenticator(staff, page);
  await page.goto(setupLink);
  await page.getByLabel('Uw naam of functie').fill('Beheerder meldpunt');
  await page.getByRole('button', { name: 'Passkey maken en sleutel aanmaken' }).click();
  await page.locator('#recovery-key').waitFor({ timeout: 20_000 });
  const recoveryKey = (await page.locator('#recovery-key').textContent())!;
  const siteEnv = Object.fromEntries(
    (await page.locator('#site-env').textContent())!.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const site = await startServer({
    ...siteEnv,
    PORT: String(sitePort),
    REPORT_DATA_DIR: join(dir, 'site'),
    REPORT_MIN_FILL_SECONDS: '0',
    REPORT_POLL_MS: '100',
    REPORT_RETRY_BASE_MS: '100',
  });
  return {
    dir,
    deskEnv,
    desk,
    site,
    staff,
    page,
    passkey,
    recoveryKey,
    postgres,
    stored: () =>
      postgres
        ? [['pg_dump', execFileSync(`${postgres.bindir}/pg_dump`, ['--data-only', '--dbname', postgres.url], { encoding: 'utf8' })]]
        : readdirSync(deskEnv.DESK_DATA_DIR).map((name) => [name, readFileSync(join(deskEnv.DESK_DATA_DIR, name)).toString('latin1')]),
    stop: async () => {
      await staff.close();
      await site.stop();
      await desk.stop();
      await postgres?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A report sent without JavaScript, as a reporter in Woerden; returns the receipt code. */
export async function sendReport(browser: Browser, siteUrl: string, description: string): Promise<string> {
  const t = translator('nl');
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: siteUrl });
  const reporter = await context.newPage();
  await reporter.goto('/melden/anoniem/');
  await reporter.getByLabel(t('report.field.municipality.label')).selectOption('woerden');
  await reporter.getByRole('radio', { name: t('report.exploitation.arbeidsuitbuiting') }).check();
  await reporter.getByRole('radio', { name: t('report.dangerOption.nee'), exact: true }).check();
  await reporter.getByLabel(t('report.field.description.label')).fill(description);
  await reporter.getByRole('button', { name: t('report.submit') }).click();
  const code = (await reporter.locator('.reference-code').textContent())!.trim();
  await context.close();
  return code;
}

/** What a reporter sees with their receipt code on /melden/terugkomen/, without JavaScript. */
export async function reporterView(browser: Browser, siteUrl: string, code: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const t = translator('nl');
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: siteUrl });
  const page = await context.newPage();
  await page.goto('/melden/terugkomen/');
  await page.getByLabel(t('followUp.code.label')).fill(code);
  await page.getByRole('button', { name: t('followUp.open') }).click();
  return { page, close: () => context.close() };
}
