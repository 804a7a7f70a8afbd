/**
 * Starts the built site (npm run build first) on the real server, on a free port, together
 * with the reference receiver it forwards reports to, and hands both addresses to the tests
 * (E2E_BASE_URL, E2E_RECEIVER_FILE, and E2E_INTAKE_SECRET for asking reporters questions).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSecret, startReceiver, startServer } from '../support/processes.ts';
import { newKeyPair } from '../../src/lib/report/crypto/seal.ts';

export default async function globalSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'meldwijzer-e2e-'));
  const secret = newSecret();
  const receiverFile = join(dir, 'received.jsonl');
  // Like production: reports are sealed to the intake desk's key, which the receiver holds.
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
  });
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
