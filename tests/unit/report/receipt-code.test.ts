/** The receipt code and sealing: what the reporter and the intake desk rely on. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_BITS, codeKeys, newReceiptCode, normalizeCode } from '../../../src/lib/report/core/receipt-code.ts';
import { newKeyPair, parseRecipients, seal, unseal } from '../../../src/lib/report/crypto/seal.ts';

describe('receipt code', () => {
  it('carries at least 80 bits, in five groups of four that are easy to read aloud', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    const codes = Array.from({ length: 2000 }, newReceiptCode);
    for (const code of codes.slice(0, 20)) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every one of the 32 characters turns up about equally often (no bias from the byte mapping).
    const counts = new Map<string, number>();
    for (const char of codes.join('').replaceAll('-', '')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (codes.length * 20) / 32;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('reads a code the forgiving Crockford way, and refuses what cannot be one', () => {
    const code = '7KQ2-9XFD-0A1B-CDEF-GHJK';
    expect(normalizeCode(code)).toBe('7KQ29XFD0A1BCDEFGHJK');
    expect(normalizeCode(' 7kq2 9xfd oa1b cdef ghjk ')).toBe('7KQ29XFD0A1BCDEFGHJK');
    expect(normalizeCode('7KQ2-9XFD-0AIB-CDEF-GHJK')).toBe('7KQ29XFD0A1BCDEFGHJK');
    expect(normalizeCode('7KQ2-9XFD-0A1B-CDEF-GHJ')).toBeUndefined();
    expect(normalizeCode('7KQ2-9XFD-0A1B-CDEF-GHJU')).toBeUndefined();
    expect(normalizeCode('')).toBeUndefined();
  });

  it('derives the same lookup id for the same code and pepper, and another for another pepper', async () => {
    const pepper = randomBytes(32);
    const a = await codeKeys('7KQ29XFD0A1BCDEFGHJK', pepper);
    expect(await codeKeys('7KQ29XFD0A1BCDEFGHJK', pepper)).toEqual(a);
    expect((await codeKeys('7KQ29XFD0A1BCDEFGHJK', randomBytes(32))).lookup).not.toBe(a.lookup);
    expect((await codeKeys('7KQ29XFD0A1BCDEFGHJM', pepper)).lookup).not.toBe(a.lookup);
    expect(a.lookup).toMatch(/^[0-9a-f]{64}$/);
    expect(a.wrappingKey).toHaveLength(32);
  });
});

describe('sealing', () => {
  it('opens only with an identity of a recipient it was sealed to', async () => {
    const [desk, other] = await Promise.all([newKeyPair(), newKeyPair()]);
    const sealed = await seal([desk.recipient], 'Vijf mensen in de loods');
    expect(sealed).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(sealed).not.toContain('loods');
    expect(await unseal([desk.identity], sealed)).toBe('Vijf mensen in de loods');
    await expect(unseal([other.identity], sealed)).rejects.toThrow();
  });

  it('reads REPORT_RECIPIENTS, and says how to fix a wrong value', async () => {
    const [a, b] = await Promise.all([newKeyPair(), newKeyPair()]);
    expect(parseRecipients(`${a.recipient}, ${b.recipient}\n`)).toEqual([a.recipient, b.recipient]);
    expect(parseRecipients('age1abc')).toMatch(/geen age-sleutel.*npm run receiver -- keygen/);
    expect(parseRecipients(a.identity)).toMatch(/geen age-sleutel/);
    expect(parseRecipients(' ')).toMatch(/leeg/);
  });
});
