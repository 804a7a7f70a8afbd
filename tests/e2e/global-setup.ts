/**
 * Starts the built site (npm run build first) on the real server, on a free port, together
 * with the reference receiver it forwards reports to, and hands both addresses to the tests
 * (E2E_BASE_URL, E2E_RECEIVER_FILE, and E2E_INTAKE_SECRET for asking reporters questions).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSiteWithReceiver } from '../support/processes.ts';

export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-e2e-'));
  const { server, receiver, receiverFile, intakeSecret } = await startSiteWithReceiver(dir);
  // If the server dies during the run, say why instead of leaving only refused connections.
  let stopping = false;
  server.process.once('exit', (code, signal) => {
    if (!stopping) console.error(`\nDe server stopte onverwacht (${code ?? signal}). Uitvoer:\n${server.output()}`);
  });
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_RECEIVER_FILE = receiverFile;
  process.env.E2E_INTAKE_SECRET = intakeSecret;
  return async () => {
    stopping = true;
    await server.stop();
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
