/**
 * Helpers for the desk's end-to-end tests: the desk as a child process (npm run desk), a free
 * port, a passkey authenticator with PRF in Chromium (CDP WebAuthn domain), and axe.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from '@playwright/test';

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
  const child = spawn(process.execPath, ['scripts/desk.ts', ...(env.ARGS ? [env.ARGS] : [])], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return Object.fromEntries((await page.locator('#site-env').textContent())!.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

const AXE_SOURCE: string = createRequire(import.meta.url)('axe-core').source;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's violations on the page as it is now (axe is added to the page for this one run). */
export async function axeViolations(page: Page) {
  // The desk's CSP allows no inline script: evaluate axe's source through CDP-free evaluate.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
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
