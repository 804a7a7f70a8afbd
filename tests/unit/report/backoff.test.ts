import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter, retryDelay } from '../../../src/lib/report/relay/backoff.ts';

describe('retry schedule', () => {
  const base = 30_000;
  const cap = base * 720;

  it('waits a random time up to an exponentially growing ceiling (full jitter)', () => {
    expect(retryDelay(0, { baseMs: base, capMs: cap, random: () => 0.999 })).toBe(29_970);
    expect(retryDelay(3, { baseMs: base, capMs: cap, random: () => 0.5 })).toBe(120_000);
    expect(retryDelay(20, { baseMs: base, capMs: cap, random: () => 0.5 })).toBe(cap / 2);
    expect(retryDelay(3, { baseMs: base, capMs: cap, random: () => 0 })).toBe(0);
  });

  it('never retries sooner than the receiver asked with Retry-After', () => {
    expect(retryDelay(0, { baseMs: base, capMs: cap, retryAfterMs: 120_000, random: () => 0.1 })).toBe(120_000);
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000);
    expect(parseRetryAfter('soon')).toBe(0);
    expect(parseRetryAfter(null)).toBe(0);
  });

  it('spans more than 72 hours with the default 50 attempts, even on an unlucky draw', () => {
    // Every wait drawn at the 35th percentile: far below the expected schedule.
    let total = 0;
    for (let attempt = 0; attempt < 49; attempt++) total += retryDelay(attempt, { baseMs: base, capMs: cap, random: () => 0.35 });
    expect(total / 3_600_000).toBeGreaterThan(72);
  });

  it('retries network errors, timeouts, 408, 429 and 5xx; not other answers', () => {
    for (const status of [undefined, 408, 429, 500, 502, 503]) expect(isRetryable(status)).toBe(true);
    for (const status of [400, 401, 404, 410, 413, 422]) expect(isRetryable(status)).toBe(false);
  });
});
