/**
 * The REPORT_SECRET of the embedded default when none is configured: a key file in
 * REPORT_DATA_DIR, made on first start. Node only (the Worker takes its secret from a binding).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const SECRET_FILE = 'report-secret.key';

/**
 * The REPORT_SECRET to use: the configured one, or (embedded default only) one kept in
 * REPORT_DATA_DIR, created 0600 on first start. `created` says whether it was just made.
 */
export function loadOrCreateSecret(configured: string | undefined, dataDir: string): { secret: Buffer; source: 'config' | 'file' | 'created'; file?: string } {
  if (configured) return { secret: Buffer.from(configured, 'base64'), source: 'config' };
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (secret.length >= 32) return { secret, source: 'file', file };
    throw new Error(`${file} bevat geen geldige sleutel (minstens 32 bytes in base64). Verwijder het bestand om een nieuwe te maken, of zet REPORT_SECRET.`);
  }
  const secret = randomBytes(32);
  try {
    writeFileSync(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process on the same folder made it a moment ago: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecret(undefined, dataDir);
    throw error;
  }
  return { secret, source: 'created', file };
}
