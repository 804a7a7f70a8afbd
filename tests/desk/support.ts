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
import { expect, test, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { translator } from '../../src/i18n/index.ts';
import { startServer, type Started } from '../support/processes.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { htmlCheckerErrors } from '../support/html-checker.ts';

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

/** What the set-up page shows: the settings for the site and the recovery key (shown once). */
export interface SetUp {
  /** REPORT_RECIPIENTS, REPORT_FORWARD_URL and the two secrets, as the page lists them for the site. */
  siteEnv: Record<string, string>;
  recoveryKey: string;
}

/** Reads the `NAME=value` lines the desk shows for the site (after set-up and after a key rotation). */
export function envLines(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/**
 * Sets up a fresh desk from its one-time link in a page with a passkey authenticator, as its first
 * beheerder `name`; returns what the set-up page shows for the site and the recovery key.
 */
export async function setUpDesk(page: Page, link: string, name: string): Promise<SetUp> {
  await page.goto(link);
  await expect(page).toHaveURL(/\/instellen\/$/); // the page took the token out of the address bar
  await page.getByLabel('Uw naam of functie').fill(name);
  await page.getByRole('button', { name: 'Passkey maken en sleutel aanmaken' }).click();
  await page.locator('#site-env').waitFor({ timeout: 60_000 });
  return { siteEnv: envLines((await page.locator('#site-env').textContent())!), recoveryKey: (await page.locator('#recovery-key').textContent())! };
}

/** setUpDesk's settings for the site alone (tests/desk/inbox.spec.ts, npm run bench:desk). */
export async function setUpInBrowser(page: Page, link: string, name: string): Promise<Record<string, string>> {
  return (await setUpDesk(page, link, name)).siteEnv;
}

/** The one-time set-up link the desk prints when it starts without a beheerder. */
export const setupLinkOf = (desk: Desk) => /(http:\/\/localhost:\d+\/instellen\/#\S+)/.exec(desk.output())![1];

const AXE_SOURCE: string = createRequire(import.meta.url)('axe-core').source;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's violations on the page as it is now (axe is added to the document once, on its first check). */
export async function axeViolations(page: Page) {
  // The desk's CSP allows no inline script: evaluate axe's source through CDP-free evaluate.
  // The desk is one document whose views change by address fragment, so axe stays loaded.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
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

/**
 * The page as it is now has no axe violations, at a phone's width and a desktop's. Checked in the
 * SQLite run only: the desk's pages are the same with either store, and the PostgreSQL run is
 * there for the store's wiring (playwright.config.ts).
 */
export async function expectAccessible(page: Page) {
  if (test.info().project.name !== 'sqlite') return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page), `axe at ${width} px`).toEqual([]);
  }
}

/** The Nu HTML Checker's errors (not warnings) for the .html files in a folder, as "file:line message". */
export const htmlErrors = (folder: string): string[] => htmlCheckerErrors(folder).map((m) => `${m.url.split('/').pop()}:${m.lastLine ?? '?'} ${m.message}`);

/** The desk and the site wired together as the set-up says, with the first beheerder signed in. */
export interface Stack {
  dir: string;
  deskEnv: Record<string, string>;
  desk: Desk;
  /** The built site, wired to the desk; switchSite replaces it. */
  site: Started;
  /** What the set-up page showed for the site. */
  siteEnv: Record<string, string>;
  /** The beheerder's browser context (with a PRF passkey) and page, at the end of the set-up. */
  staff: BrowserContext;
  page: Page;
  /** The beheerder's virtual authenticator, to take it away (a lost device) or add another. */
  passkey: { cdp: CDPSession; authenticatorId: string };
  recoveryKey: string;
  postgres?: PostgresServer;
  /** Everything the desk keeps: its SQLite files, or a pg_dump of its database. */
  stored: () => [string, string][];
  /** Stops the site and starts it again on the same port and folder with other settings (a new desk key). */
  switchSite: (siteEnv: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts the desk (on PostgreSQL in the project `postgres`, a server of its own), sets it up in a
 * browser with a passkey as the first beheerder ("Beheerder meldpunt"), and starts the built site
 * with what the set-up showed.
 */
export async function startStack(browser: Browser, { postgres: withPostgres = test.info().project.name === 'postgres' } = {}): Promise<Stack> {
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
  const staff = await browser.newContext();
  const page = await staff.newPage();
  const passkey = await addPasskeyAuthenticator(staff, page);
  const { siteEnv, recoveryKey } = await setUpDesk(page, setupLinkOf(desk), 'Beheerder meldpunt');
  const startSite = (env: Record<string, string>) =>
    startServer({
      ...env,
      PORT: String(sitePort),
      REPORT_DATA_DIR: join(dir, 'site'),
      REPORT_MIN_FILL_SECONDS: '0',
      REPORT_POLL_MS: '100',
      REPORT_RETRY_BASE_MS: '100',
    });
  const stack: Stack = {
    dir,
    deskEnv,
    desk,
    site: await startSite(siteEnv),
    siteEnv,
    staff,
    page,
    passkey,
    recoveryKey,
    postgres,
    stored: () =>
      postgres
        ? [['pg_dump', execFileSync(`${postgres.bindir}/pg_dump`, ['--data-only', '--dbname', postgres.url], { encoding: 'utf8' })]]
        : readdirSync(deskEnv.DESK_DATA_DIR).map((name) => [name, readFileSync(join(deskEnv.DESK_DATA_DIR, name)).toString('latin1')]),
    switchSite: async (env) => {
      await stack.site.stop();
      stack.site = await startSite(env);
    },
    stop: async () => {
      await staff.close();
      await stack.site.stop();
      await desk.stop();
      await postgres?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
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
