/** The AES-256-GCM sealed box (crypto/sealed-box.ts) and the day helper (core/day.ts). */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openBox, sealBox } from '../../../src/lib/report/crypto/sealed-box.ts';
import { dayOf, expiryAfter } from '../../../src/lib/report/core/day.ts';

describe('sealed box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, with a fresh iv every time', () => {
    const a = sealBox(key, 'AGE-SECRET-KEY-1 … één geheim');
    const b = sealBox(key, 'AGE-SECRET-KEY-1 … één geheim');
    expect(a).not.toBe(b);
    expect(openBox(key, a)).toBe('AGE-SECRET-KEY-1 … één geheim');
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses another key, any changed byte, and what is too short to be a box', () => {
    const box = sealBox(key, 'geheim');
    expect(openBox(randomBytes(32), box)).toBeUndefined();
    const bytes = Buffer.from(box, 'base64url');
    for (const at of [0, 12, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] ^= 1;
      expect(openBox(key, changed.toString('base64url'))).toBeUndefined();
    }
    expect(openBox(key, bytes.subarray(0, 27).toString('base64url'))).toBeUndefined();
    expect(openBox(key, '')).toBeUndefined();
  });
});

describe('the day of', () => {
  it('is the UTC day, and a retention ends at the last second of a UTC day', () => {
    const lateEvening = Date.UTC(2026, 2, 31, 23, 59, 59, 999);
    expect(dayOf(lateEvening)).toBe('2026-03-31');
    expect(dayOf(lateEvening + 1)).toBe('2026-04-01');
    const expiry = expiryAfter(lateEvening, 90);
    expect(dayOf(expiry * 1000)).toBe('2026-06-29');
    expect(dayOf((expiry + 1) * 1000)).toBe('2026-06-30');
  });
});
