/**
 * Starts the real site server and the reference receiver as child processes on free ports,
 * for integration and end-to-end tests. Output is collected so tests can inspect what the
 * server printed (for example, that it never prints a client address).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parse } from './html.ts';
import { newKeyPair } from '../../src/lib/report/crypto/seal.ts';

export interface Started {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  kill: () => Promise<void>;
}

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

async function start(script: string, env: NodeJS.ProcessEnv, pattern: RegExp, timeoutMs = 20_000): Promise<Started> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} startte niet: ${output}`)), timeoutMs);
    const check = () => {
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`${script} stopte met ${code}: ${output}`)));
  });
  const ended = once(child, 'exit');
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await ended;
  };
  return { url, process: child, output: () => output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** The built site (npm run build first) with the relay, on a free port. */
export function startServer(env: NodeJS.ProcessEnv): Promise<Started> {
  return start('scripts/serve.mjs', { HOST: '127.0.0.1', PORT: '0', ...env }, /draait op http:\/\/127\.0\.0\.1:(\d+)\//);
}

/**
 * The serverless build (npm run build:serverless first) in workerd through
 * npm run preview:serverless, on a free port; it takes the same REPORT_* settings as startServer.
 */
export function startServerlessPreview(env: NodeJS.ProcessEnv): Promise<Started> {
  return start('scripts/preview-serverless.ts', { HOST: '127.0.0.1', PORT: '0', ...env }, /draait op http:\/\/127\.0\.0\.1:(\d+)\//, 90_000);
}

/** The reference receiver (npm run receiver) on a given or free port. */
export function startReceiver(env: { RECEIVER_SECRET: string; RECEIVER_FILE: string; RECEIVER_PORT?: string; REPORT_IDENTITY?: string }): Promise<Started> {
  return start('scripts/receiver.ts', { RECEIVER_PORT: '0', ...env }, /luistert op http:\/\/127\.0\.0\.1:(\d+)\//);
}

/** Fetches the form and posts a report the way a browser without JavaScript does. */
export async function submitReport(baseUrl: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const form = await (await fetch(`${baseUrl}/melden/anoniem/`)).text();
  const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const body = new URLSearchParams({ token, language: 'nl' });
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return fetch(`${baseUrl}/melden/anoniem/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
    body,
    redirect: 'manual',
  });
}

/**
 * The reference code of an accepted report: the 303 leads to the one-time receipt link, whose
 * page shows the code (the code itself is never in an address).
 */
export async function receiptCode(baseUrl: string, response: Response): Promise<string> {
  if (response.status !== 303) throw new Error(`Geen ontvangstbewijs maar ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const location = response.headers.get('location') ?? '';
  const page = await (await fetch(new URL(location, baseUrl))).text();
  const code = parse(page)('.reference-code').first().text().trim();
  if (!code) throw new Error(`Geen code op de ontvangstpagina: ${page.slice(0, 300)}`);
  if (location.includes(code) || location.includes(code.replaceAll('-', ''))) throw new Error(`De code staat in het adres: ${location}`);
  return code;
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, what = 'voorwaarde'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Wachten op ${what} duurde langer dan ${timeoutMs} ms`);
}

/**
 * The site as the browser tests use it: the built server forwarding to the reference receiver
 * in `dir`, reports sealed to a desk key the receiver holds (like production), fast retries and
 * a one-second fill time. `env` overrides or adds settings (a spec's own limits).
 */
export async function startSiteWithReceiver(dir: string, env: NodeJS.ProcessEnv = {}) {
  const secret = newSecret();
  const receiverFile = join(dir, 'received.jsonl');
  const desk = await newKeyPair();
  const intakeSecret = newSecret();
  const receiver = await startReceiver({ RECEIVER_SECRET: secret, RECEIVER_FILE: receiverFile, REPORT_IDENTITY: desk.identity });
  const server = await startServer({
    REPORT_RECIPIENTS: desk.recipient,
    REPORT_INTAKE_SECRET: intakeSecret,
    REPORT_DATA_DIR: join(dir, 'data'),
    REPORT_FORWARD_URL: `${receiver.url}/`,
    REPORT_FORWARD_SECRET: secret,
    REPORT_RETRY_BASE_MS: '100',
    REPORT_POLL_MS: '100',
    // No minimum fill time: the tests fill forms faster than a person, and need not wait for a
    // timer. The minimum is tested in tests/unit/report/abuse.test.ts and intake.test.ts.
    REPORT_MIN_FILL_SECONDS: '0',
    ...env,
  });
  return { server, receiver, receiverFile, intakeSecret };
}
