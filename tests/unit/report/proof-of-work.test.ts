/**
 * ProofOfWork makes and checks ALTCHA v1 challenges with node:crypto (src/lib/report/core/
 * proof-of-work.ts). altcha-lib is the reference for the format: what we issue, altcha-lib
 * solves and accepts; what altcha-lib issues with our key, we accept. A change to either side of
 * the format (salt, parameters, hex, the key's bytes) fails here, not in a reader's browser.
 */
import { randomBytes } from 'node:crypto';
import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib/v1';
import { describe, expect, it } from 'vitest';
import { type Challenge, ProofOfWork } from '../../../src/lib/report/core/proof-of-work.ts';

const MAX_NUMBER = 2_000;
const keys = { proofOfWork: randomBytes(32), usedKey: randomBytes(32) };
/** verify() never touches the store; check() is tested with a real store in intake.test.ts. */
const pow = new ProofOfWork(keys, undefined as never, MAX_NUMBER);
/** The key as altcha-lib takes it. */
const hmacKey = keys.proofOfWork.toString('base64');

/** Ours, or one altcha-lib made (its maxnumber is optional). */
async function solve(challenge: Omit<Challenge, 'maxnumber'> & { maxnumber?: number }) {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('altcha-lib vond geen oplossing');
  return solution.number;
}
const payloadOf = (fields: object) => Buffer.from(JSON.stringify(fields)).toString('base64');

describe('ProofOfWork, against altcha-lib', () => {
  it('issues a challenge altcha-lib solves and verifies, and accepts that solution', async () => {
    const challenge = await pow.issue(0);
    expect(challenge).toMatchObject({ algorithm: 'SHA-256', maxnumber: MAX_NUMBER });
    expect(challenge.salt).toMatch(/^[0-9a-f]{24}\?level=0&expires=\d+&$/);
    const payload = payloadOf({ ...challenge, number: await solve(challenge) });
    expect(await verifySolution(payload, hmacKey, true)).toBe(true);
    expect(await pow.verify(payload)).toMatchObject({ outcome: 'valid', challenge: challenge.challenge });
  });

  it('accepts a challenge altcha-lib made with the same key, and says when it expires', async () => {
    const expires = new Date(Date.now() + 10 * 60_000);
    const challenge = await createChallenge({ hmacKey, maxNumber: MAX_NUMBER, expires, params: { level: '2' } });
    const payload = payloadOf({ ...challenge, number: await solve(challenge) });
    expect(await pow.verify(payload, 2)).toEqual({ outcome: 'valid', challenge: challenge.challenge, expiresAt: Math.floor(expires.getTime() / 1000) * 1000 });
  });

  it('doubles the work per level, and calls a lower level than asked weak', async () => {
    const challenge = await pow.issue(3);
    expect(challenge.maxnumber).toBe(MAX_NUMBER * 8);
    const payload = payloadOf({ ...challenge, number: await solve(challenge) });
    expect((await pow.verify(payload, 3)).outcome).toBe('valid');
    expect((await pow.verify(payload, 4)).outcome).toBe('weak');
  });

  it('refuses what is not solved, not signed by us, changed, expired or not a payload', async () => {
    const challenge = await pow.issue(1);
    const number = await solve(challenge);
    const outcome = async (fields: object) => (await pow.verify(payloadOf(fields))).outcome;
    expect(await outcome({ ...challenge, number: number + 1 })).toBe('invalid');
    expect(await outcome({ ...challenge, number, signature: challenge.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) })).toBe('invalid');
    expect(await outcome({ ...challenge, number, signature: challenge.signature.slice(2) })).toBe('invalid');
    // A higher level written into the salt changes the challenge the number must give.
    expect(await outcome({ ...challenge, number, salt: challenge.salt.replace('level=1', 'level=4') })).toBe('invalid');
    expect(await outcome({ ...challenge, number, algorithm: 'SHA-1' })).toBe('invalid');
    expect(await outcome({ ...challenge, number: String(number) })).toBe('invalid');

    const other = new ProofOfWork({ proofOfWork: randomBytes(32), usedKey: keys.usedKey }, undefined as never, MAX_NUMBER);
    expect((await other.verify(payloadOf({ ...challenge, number }))).outcome).toBe('invalid');

    const old = await pow.issue(0, Date.now() - 2 * 60 * 60_000);
    expect(await outcome({ ...old, number: await solve(old) })).toBe('invalid');
    const forever = await createChallenge({ hmacKey, maxNumber: MAX_NUMBER });
    expect(await outcome({ ...forever, number: await solve(forever) })).toBe('invalid');

    expect((await pow.verify(undefined)).outcome).toBe('none');
    expect((await pow.verify('')).outcome).toBe('none');
    expect((await pow.verify('niet-base64-json')).outcome).toBe('invalid');
    expect((await pow.verify(payloadOf({ challenge: 1 }))).outcome).toBe('invalid');
  });
});
