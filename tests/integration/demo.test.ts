/**
 * npm run demo with real processes: it prints both addresses and the set-up link, both answer,
 * once the desk is set up the site is restarted with the desk's key and a report sent without
 * JavaScript arrives at the desk sealed, and SIGTERM (to the group, like Ctrl-C) stops
 * everything and removes the temporary folder. Needs the builds (npm run build; the desk builds
 * itself when its sources changed). The browser set-up (a passkey) is replaced by writing the
 * desk's public key into its store, which is all the demo waits for.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SqliteDeskStore } from '../../src/desk/server/sqlite-store.ts';
import { newKeyPair } from '../../src/lib/report/crypto/seal.ts';
import { SAMPLE_REPORT, waitFor } from '../support/processes.ts';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

it('npm run demo starts the site and the desk wired together and stops both on SIGTERM', { timeout: 90_000 }, async () => {
  const [sitePort, deskPort] = [await freePort(), await freePort()];
  const demo = spawn('npm', ['run', '--silent', 'demo'], {
    env: { ...process.env, PORT: String(sitePort), DESK_PORT: String(deskPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, signalled as a whole, like Ctrl-C in a terminal.
    detached: true,
  });
  let output = '';
  const seen = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) {
          demo.stdout!.off('data', check);
          resolve(match);
        }
      };
      demo.stdout!.on('data', check);
      demo.once('exit', (code) => reject(new Error(`demo stopte met ${code}: ${output}`)));
      check();
    });
  demo.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  demo.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  // Closed when every process holding the output (npm, the demo, site and desk) has ended.
  const closed = once(demo.stdout!, 'close');
  try {
    const [, folder] = await seen(/Gegevens in (\S+) \(weg na Ctrl-C\)/);
    await seen(/Instellen: +(\S+)/);
    expect(output).toContain(`Site:        http://127.0.0.1:${sitePort}/`);
    expect(output).toContain(`Meldbalie:   http://localhost:${deskPort}/`);
    expect(output).toMatch(new RegExp(`Instellen: +http://localhost:${deskPort}/instellen/#[A-Za-z0-9_-]{20,}`));

    expect((await fetch(`http://127.0.0.1:${sitePort}/healthz`)).status).toBe(200);
    const session = await (await fetch(`http://127.0.0.1:${deskPort}/api/sessie`)).json();
    expect(session).toEqual({ signedIn: false, setUp: false });

    // A form opened before set-up (its token stays valid across the site's restart).
    const site = `http://127.0.0.1:${sitePort}`;
    const form = await (await fetch(`${site}/melden/anoniem/`)).text();
    const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const opened = Date.now();

    // What the browser's set-up leaves behind for the demo: the desk's public key in its store.
    const { recipient } = await newKeyPair();
    const store = new SqliteDeskStore(join(folder, 'meldbalie'));
    await store.setSettings({ recipient });
    await store.close();
    await seen(/de meldbalie is ingesteld\. De site versleutelt nu voor (age1\S+)/);
    expect(output).toContain(`versleutelt nu voor ${recipient}`);
    expect((await fetch(`${site}/healthz`)).status).toBe(200);

    // A report without JavaScript now reaches the desk, sealed and signed with the demo's secrets.
    // The site refuses forms filled in faster than its minimum (3 s): wait out what is left of it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, opened + 3_100 - Date.now())));
    const body = new URLSearchParams({ token, language: 'nl', ...SAMPLE_REPORT });
    const sent = await fetch(`${site}/melden/anoniem/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body,
      redirect: 'manual',
    });
    expect(sent.status, await sent.text()).toBe(303);
    const desk = new SqliteDeskStore(join(folder, 'meldbalie'));
    try {
      const [received] = await waitFor(
        async () => {
          const cases = await desk.listCases();
          return cases.length > 0 && cases;
        },
        20_000,
        'de melding in de meldbalie',
      );
      expect(received.status).toBe('nieuw');
      const [event] = await desk.events(received.reportId);
      expect(event.body).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
      expect(event.body).not.toContain('busje');
    } finally {
      await desk.close();
    }

    process.kill(-demo.pid!, 'SIGTERM');
    await closed;
    expect(output).toContain('Demo gestopt; de tijdelijke map is verwijderd.');
    expect(output).not.toContain('stopte onverwacht');
    expect(existsSync(folder)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${sitePort}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${deskPort}/api/sessie`)).rejects.toThrow();
  } finally {
    try {
      process.kill(-demo.pid!, 'SIGKILL');
    } catch {
      // The group has ended already, as it should.
    }
  }
});
