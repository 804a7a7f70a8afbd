/**
 * `npm run receiver -- keygen` prints a key file that age and REPORT_IDENTITY can read (issue 22:
 * it printed the identity inside a comment line, which `age -i` skips).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { identityToRecipient } from 'age-encryption';

describe('receiver keygen', () => {
  it('prints comments, the public key, and the identity on a line of its own, in age-keygen\'s format', async () => {
    const out = spawnSync(process.execPath, ['scripts/receiver.ts', 'keygen'], { encoding: 'utf8' }).stdout;
    const lines = out.trim().split('\n');
    const keys = lines.filter((line) => !line.startsWith('#'));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
    const recipient = /^# public key: (age1[0-9a-z]+)$/m.exec(out)?.[1];
    expect(recipient).toBe(await identityToRecipient(keys[0]));
    expect(out).toContain(`REPORT_RECIPIENTS=${recipient}`);
  });
});
