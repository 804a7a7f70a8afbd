/** The desk's key wrapping (src/desk/scripts/crypto.ts), which runs on Web Crypto in the browser and in Node alike. */
import { describe, expect, it } from 'vitest';
import { newRecoveryKey, parseRecoveryKey, passkeyKey, recoveryKey, unwrap, wrap } from '../../src/desk/scripts/crypto.ts';

describe('desk key wrapping', () => {
  it('prints a recovery key of 256 bits in 13 groups of four, and reads it back however it is typed', () => {
    const { bytes, text } = newRecoveryKey();
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual(bytes);
    expect(parseRecoveryKey(text.toLowerCase().replaceAll('-', ' '))).toEqual(bytes);
    expect(parseRecoveryKey(text.slice(0, -1))).toBeUndefined();
    expect(parseRecoveryKey(`${text.slice(0, -1)}U`)).toBeUndefined();
  });

  it('unwraps only with the same PRF output and credential, or the same recovery key', async () => {
    const prf = crypto.getRandomValues(new Uint8Array(32));
    const identity = 'AGE-SECRET-KEY-1VOORBEELD';
    const wrapped = await wrap(await passkeyKey(prf, 'cred-a'), identity);
    expect(await unwrap(await passkeyKey(prf, 'cred-a'), wrapped)).toBe(identity);
    expect(await unwrap(await passkeyKey(prf, 'cred-b'), wrapped)).toBeUndefined();
    expect(await unwrap(await passkeyKey(crypto.getRandomValues(new Uint8Array(32)), 'cred-a'), wrapped)).toBeUndefined();
    const recovery = newRecoveryKey();
    const byRecovery = await wrap(await recoveryKey(recovery.bytes), identity);
    expect(await unwrap(await recoveryKey(parseRecoveryKey(recovery.text)!), byRecovery)).toBe(identity);
    expect(await unwrap(await recoveryKey(newRecoveryKey().bytes), byRecovery)).toBeUndefined();
  });
});
