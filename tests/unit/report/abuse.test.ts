/**
 * The shared abuse state with injected time: the sliding window across the clock hour and
 * across midnight, the same keys on every replica, and single-use tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { FillTimer, RateLimiter } from '../../../src/lib/report/core/abuse.ts';
import { readReportConfig } from '../../../src/lib/report/core/config.ts';
import { deriveKeys } from '../../../src/lib/report/crypto/keys.ts';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'abuse-'));
const stores: SqliteStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const store = () => {
  const s = new SqliteStore(join(dir, `${stores.length}.sqlite`));
  stores.push(s);
  return s;
};
const HOUR = 3_600_000;

describe('rate limit', () => {
  it('slides over the clock hour: a burst at 10:59 still counts at 11:00', async () => {
    const limiter = new RateLimiter(deriveKeys(randomBytes(32)), store(), 10);
    const beforeHour = Date.UTC(2026, 10, 30, 10, 59, 0);
    let accepted = 0;
    for (let i = 0; i < 10; i++) accepted += Number(await limiter.allow('198.51.100.1', beforeHour + i * 1000));
    // The old fixed clock hour let 10 more through at 11:00:15 (20 in 75 s).
    for (let i = 0; i < 10; i++) accepted += Number(await limiter.allow('198.51.100.1', beforeHour + 75_000 + i * 1000));
    expect(accepted).toBe(10);
    // An hour after the burst the allowance is back.
    expect(await limiter.allow('198.51.100.1', beforeHour + HOUR + 60_000)).toBe(true);
  });

  it('slides over midnight, when the key of the hash changes', async () => {
    const limiter = new RateLimiter(deriveKeys(randomBytes(32)), store(), 3);
    const beforeMidnight = Date.UTC(2026, 10, 30, 23, 58, 0);
    for (let i = 0; i < 3; i++) expect(await limiter.allow('2001:db8:1:2::/64', beforeMidnight + i)).toBe(true);
    expect(await limiter.allow('2001:db8:1:2::/64', beforeMidnight + 4 * 60_000)).toBe(false);
  });

  it('holds across replicas that share the store and the secret', async () => {
    const secret = randomBytes(32);
    const shared = store();
    const [a, b] = [new RateLimiter(deriveKeys(secret), shared, 2), new RateLimiter(deriveKeys(secret), shared, 2)];
    expect([await a.allow('x'), await b.allow('x'), await a.allow('x'), await b.allow('x')]).toEqual([true, true, false, false]);
  });
});

describe('fill-time token', () => {
  it('is accepted by every replica with the same secret, and only once', async () => {
    const secret = randomBytes(32);
    const shared = store();
    const [a, b] = [new FillTimer(deriveKeys(secret), shared, 3), new FillTimer(deriveKeys(secret), shared, 3)];
    const now = Date.now();
    const token = a.issue(now - 10_000);
    expect(b.check(token, now)).toBe('ok');
    expect(await b.consume(token, now)).toBe(true);
    expect(await a.consume(token, now)).toBe(false);
    // Another secret (another deployment, or a forger) does not validate it.
    expect(new FillTimer(deriveKeys(randomBytes(32)), shared, 3).check(token, now)).toBe('invalid');
  });

  it('is too fast within the minimum time and invalid after a day', () => {
    const timer = new FillTimer(deriveKeys(randomBytes(32)), store(), 3);
    const now = Date.now();
    expect(timer.check(timer.issue(now - 1000), now)).toBe('too-fast');
    expect(timer.check(timer.issue(now - 25 * HOUR), now)).toBe('invalid');
    expect(timer.check(undefined, now)).toBe('invalid');
  });

  // The browser tests run with REPORT_MIN_FILL_SECONDS=0 so they need not wait; this is where the minimum is held.
  it('holds the configured minimum to the second, three seconds unless configured, and none at 0', () => {
    expect(readReportConfig({}).minFillSeconds).toBe(3);
    const minimum = readReportConfig({ REPORT_MIN_FILL_SECONDS: '5' }).minFillSeconds;
    const timer = new FillTimer(deriveKeys(randomBytes(32)), store(), minimum);
    const now = Date.now();
    // Tokens carry whole seconds: issued at a second's start, so elapsed time is exact here.
    const second = Math.floor(now / 1000) * 1000;
    expect(timer.check(timer.issue(second - 4000), second)).toBe('too-fast');
    expect(timer.check(timer.issue(second - 5000), second)).toBe('ok');
    const none = new FillTimer(deriveKeys(randomBytes(32)), store(), readReportConfig({ REPORT_MIN_FILL_SECONDS: '0' }).minFillSeconds);
    expect(none.check(none.issue(now), now)).toBe('ok');
    expect(() => readReportConfig({ REPORT_MIN_FILL_SECONDS: '-1' })).toThrow(/REPORT_MIN_FILL_SECONDS/);
  });
});
