/**
 * Which requests take the paid lane (src/server/paid-lane.mjs): a form, or a GET's query, with a
 * valid proof of work of the level asked now, once per challenge; with the real ProofOfWork and a
 * real store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveChallenge } from 'altcha-lib/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { createPaidLane } from '../../../src/server/paid-lane.mjs';
import { ProofOfWork } from '../../../src/lib/report/core/proof-of-work.ts';
import { deriveKeys } from '../../../src/lib/report/crypto/keys.ts';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'paid-lane-'));
const store = new SqliteStore(join(dir, 'store.sqlite'));
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const proofOfWork = new ProofOfWork(deriveKeys(randomBytes(32)), store, 1_000);

async function solved(level: number, pow = proofOfWork) {
  const challenge = await pow.issue(level);
  const { number } = (await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise)!;
  return Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64');
}

/** A POST as the host sees it: headers, and the body read before it waits. */
const post = (fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded') => ({
  req: { method: 'POST', headers: { 'content-type': contentType } },
  body: Buffer.from(new URLSearchParams({ code: 'ABCD-EFGH', ...fields }).toString()),
});

describe('the paid lane', () => {
  it('lets in a valid proof of the level asked, once; not a replay, a forgery, a weaker level, another key, or no proof', async () => {
    let level = 1;
    const lane = createPaidLane(proofOfWork, () => level);
    const paid = async (fields: Record<string, string>, contentType?: string) => {
      const { req, body } = post(fields, contentType);
      return lane.paid(req, body);
    };
    const altcha = await solved(1);
    expect(await paid({ altcha })).toBe(true);
    expect(await paid({ altcha }), 'replayed').toBe(false);
    expect(await paid({}), 'no proof').toBe(false);
    expect(await paid({ altcha: await solved(0) }), 'below the level asked').toBe(false);
    const other = new ProofOfWork(deriveKeys(randomBytes(32)), store, 1_000);
    expect(await paid({ altcha: await solved(1, other) }), 'signed by another key').toBe(false);
    const forged = JSON.parse(Buffer.from(await solved(1), 'base64').toString());
    expect(await paid({ altcha: Buffer.from(JSON.stringify({ ...forged, number: forged.number + 1 })).toString('base64') }), 'wrong number').toBe(false);
    expect(await paid({ altcha: await solved(1) }, 'text/plain'), 'not a form').toBe(false);
    expect(await lane.paid({ method: 'GET', headers: {} }, undefined)).toBe(false);
    level = 0;
    expect(await paid({ altcha: await solved(0) })).toBe(true);
    // Checking uses nothing up in the store: the page still takes the proof once.
    const fresh = await solved(0);
    expect(await paid({ altcha: fresh })).toBe(true);
    expect(await proofOfWork.check(fresh)).toBe('valid');
    expect(await proofOfWork.check(fresh)).toBe('invalid');
  });

  it('lets in a GET with a valid proof in its query once, as a form; never a HEAD, which uses nothing up', async () => {
    let level = 2;
    const lane = createPaidLane(proofOfWork, () => level);
    const get = (altcha: string, method = 'GET') =>
      lane.paid({ method, url: `/melden/anoniem/ontvangen/?r=abc&${new URLSearchParams({ altcha })}`, headers: {} }, undefined);
    const altcha = await solved(2);
    expect(await get(altcha, 'HEAD'), 'HEAD').toBe(false);
    expect(await get(altcha)).toBe(true);
    expect(await get(altcha), 'replayed').toBe(false);
    expect(await get(await solved(1)), 'below the level asked').toBe(false);
    // The same proof in a form after the GET used it: still once.
    const { req, body } = post({ altcha });
    expect(await lane.paid(req, body)).toBe(false);
    // Used up in this process only: the store has not seen it.
    expect(await proofOfWork.check(altcha, Date.now(), 2)).toBe('valid');

    // The busy page's challenge: for a page opened, at the lane's level now.
    level = 3;
    const challenge = (await lane.challenge({ method: 'GET', url: '/melden/anoniem/' })) as { salt: string };
    expect(new URLSearchParams(challenge.salt.split('?')[1]).get('level')).toBe('3');
    expect(await lane.challenge({ method: 'HEAD', url: '/melden/anoniem/' })).toBeDefined();
    expect(await lane.challenge({ method: 'POST', url: '/melden/anoniem/' })).toBeUndefined();
    expect(await lane.challenge({ method: 'GET', url: '/api/vragen/' })).toBeUndefined();
  });

  it('remembers a bounded number of challenges, forgetting the oldest', async () => {
    const lane = createPaidLane(proofOfWork, () => 0, { remembered: 2 });
    const proofs = [await solved(0), await solved(0), await solved(0)];
    for (const altcha of proofs) {
      const { req, body } = post({ altcha });
      expect(await lane.paid(req, body)).toBe(true);
    }
    const again = (altcha: string) => {
      const { req, body } = post({ altcha });
      return lane.paid(req, body);
    };
    expect(await again(proofs[2])).toBe(false);
    // The first was forgotten to make room: its replay takes a place once more (the store still refuses it on the page).
    expect(await again(proofs[0])).toBe(true);
  });
});
