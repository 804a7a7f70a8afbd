/**
 * The reference receiver's command line (scripts/receiver.ts), run as an operator runs it:
 * keygen prints an identity file that age reads as printed, and show never hands a reporter's
 * control characters to the terminal.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AGE_IDENTITY, AGE_RECIPIENT, seal, unseal } from '../../../src/lib/report/crypto/seal.ts';
import { signedHeaders } from '../../../src/lib/report/crypto/signing.ts';
import { readReceived } from '../../../src/receiver/receiver.ts';
import { newSecret, startReceiver } from '../../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'receiver-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run --silent receiver -- …`, as docs/RECEIVER.md tells the desk to run it. */
const receiver = (args: string[], env: Record<string, string> = {}) =>
  execFileSync('npm', ['run', '--silent', 'receiver', '--', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });

/** Whether the age command line is installed (Debian: apt-get install age). */
const hasAge = spawnSync('age', ['--version']).status === 0;

describe('npm run receiver -- keygen', () => {
  const printed = receiver(['keygen']);
  const file = join(dir, 'meldpunt.key');
  writeFileSync(file, printed, { mode: 0o600 });
  const recipient = /REPORT_RECIPIENTS=(\S+)/.exec(printed)?.[1] ?? '';

  it('prints an identity file: comments after #, the identity alone on its line, as age-keygen does', async () => {
    const lines = printed.split('\n').filter((line) => line.trim() !== '');
    const identities = lines.filter((line) => !line.startsWith('#'));
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatch(AGE_IDENTITY);
    expect(recipient).toMatch(AGE_RECIPIENT);
    expect(printed).toContain(`# public key: ${recipient}`);
    // The two halves belong together.
    expect(await unseal(identities, await seal([recipient], 'proef'))).toBe('proef');
  });

  it.runIf(hasAge)('is read by age -d -i as printed', async () => {
    const sealed = join(dir, 'melding.age');
    writeFileSync(sealed, await seal([recipient], 'Een melding voor het meldpunt'));
    expect(execFileSync('age', ['-d', '-i', file, sealed], { encoding: 'utf8' })).toBe('Een melding voor het meldpunt');
  });

  it('is read by the reference receiver as REPORT_IDENTITY=<file>, which opens a sealed report with it', async () => {
    const secret = newSecret();
    const received = join(dir, 'ontvangen.jsonl');
    const started = await startReceiver({ RECEIVER_SECRET: secret, RECEIVER_FILE: received, REPORT_IDENTITY: file });
    try {
      const body = JSON.stringify({
        type: 'report.created',
        timestamp: '2026-12-06T10:00:00Z',
        data: { version: 2, id: 'msg_1', sealed: await seal([recipient], JSON.stringify({ description: 'Geopend met het bestand' })) },
      });
      const response = await fetch(`${started.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, 'msg_1', body) },
        body,
      });
      expect(response.status).toBe(200);
      expect(readReceived(received)).toMatchObject([{ type: 'report.created', sealed: true, report: { description: 'Geopend met het bestand' } }]);
    } finally {
      await started.stop();
    }
  });
});

describe('npm run receiver -- show', () => {
  it('shows control characters and bidirectional overrides from a reporter, and never sends them to the terminal', () => {
    const file = join(dir, 'received.jsonl');
    const hostile = 'Hallo \u001b[2J\u001b]0;gekaapt\u0007 \u009b31m rood \u202Egnimmuh\u202C \u007f einde';
    const entries = [
      { webhookId: 'msg_1', type: 'report.created', reportId: 'msg_1', sealed: true, report: { description: hostile } },
      { webhookId: 'msg_2', type: 'report.message', reportId: 'msg_1', sealed: true, report: {}, message: { text: hostile, language: 'nl\u001b[31m' } },
    ];
    writeFileSync(file, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const shown = receiver(['show'], { RECEIVER_FILE: file });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters that must not reach a terminal
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(shown).toContain('\\u{9b}31m rood');
    expect(shown).toContain('Hallo \\u{1b}[2J');
    expect(shown).toContain('einde');
  });
});
