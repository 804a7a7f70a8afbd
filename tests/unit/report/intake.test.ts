/**
 * Intake from an HTTP request to an outbox entry, with the real schema, store (SQLite in a
 * temporary folder), fill timer, rate limiter and proof of work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FillTimer, RateLimiter } from '../../../src/lib/report/core/abuse.ts';
import { createReportSchema } from '../../../src/lib/report/core/form.ts';
import { intake, type IntakeContext } from '../../../src/lib/report/core/intake.ts';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';
import { deriveKeys } from '../../../src/lib/report/crypto/keys.ts';
import { ProofOfWork } from '../../../src/lib/report/core/proof-of-work.ts';
import { solveChallenge } from 'altcha-lib/v1';
import { newKeyPair, unseal } from '../../../src/lib/report/crypto/seal.ts';
import { translator } from '../../../src/i18n/index.ts';
import { PendingCap } from '../../../src/lib/report/core/pending-cap.ts';
import { WorkBudget } from '../../../src/lib/report/core/work-budget.ts';
const dir = mkdtempSync(join(tmpdir(), 'intake-'));
const stores: SqliteStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});
let counter = 0;
const keys = deriveKeys(randomBytes(32));

type TestContext = IntakeContext & { store: SqliteStore };

function context({ perHour = 10, sealTo }: { perHour?: number; sealTo?: string[] } = {}): TestContext {
  const store = new SqliteStore(join(dir, `outbox-${counter++}.sqlite`));
  stores.push(store);
  return {
    schema: createReportSchema({ municipalityIds: ['woerden', 'venlo'], signalIds: ['paspoort-niet-in-eigen-bezit'] }),
    store,
    fillTimer: new FillTimer(keys, store, 3),
    rateLimiter: new RateLimiter(keys, store, perHour),
    proofOfWork: new ProofOfWork(keys, store, 2_000),
    followUp: { store, codePepper: keys.codePepper, retentionDays: 90, recipients: sealTo },
    municipalities: new Map([
      ['woerden', { name: 'Woerden', cbsCode: 'GM0632' }],
      ['venlo', { name: 'Venlo', cbsCode: 'GM0983' }],
    ]),
    signals: new Map([['paspoort-niet-in-eigen-bezit', 'Iemand heeft zijn eigen paspoort niet.']]),
  };
}

const valid = {
  municipality: 'woerden',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description: 'Elke ochtend haalt een busje tien mensen op bij het huis op de hoek.',
};

function post(body: string, headers: Record<string, string> = {}) {
  return new Request('http://localhost/melden/anoniem/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

function formBody(ctx: IntakeContext, fields: Record<string, string | string[]>, issuedAt = Date.now() - 10_000) {
  const params = new URLSearchParams({ token: ctx.fillTimer.issue(issuedAt), language: 'nl' });
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) params.append(k, item);
  return params.toString();
}

describe('intake', () => {
  it('commits a valid report as a report.created event, and returns a receipt code it never stores', async () => {
    const ctx = context();
    const result = await intake(post(formBody(ctx, { ...valid, signals: ['paspoort-niet-in-eigen-bezit'] })), '192.0.2.1', ctx);
    expect(result).toMatchObject({ kind: 'accepted', receiptCode: expect.stringMatching(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/) });
    const [entry] = await ctx.store.claim(1, 1000);
    const event = JSON.parse(entry.payload);
    expect(event).toMatchObject({
      type: 'report.created',
      timestamp: expect.stringMatching(/T\d\d:00:00Z$/),
      data: {
        version: 2,
        id: entry.id,
        replyRecipient: expect.stringMatching(/^age1/),
        report: {
          municipality: { id: 'woerden', name: 'Woerden', cbsCode: 'GM0632' },
          signals: [{ id: 'paspoort-niet-in-eigen-bezit', statement: 'Iemand heeft zijn eigen paspoort niet.' }],
          description: valid.description,
          language: 'nl',
          receivedHour: event.timestamp,
        },
      },
    });
    const code = (result as { receiptCode: string }).receiptCode;
    expect(entry.payload).not.toContain(code);
    expect(entry.payload).not.toContain(code.replaceAll('-', ''));
  });

  it('seals everything the reporter typed to the intake desk when it has keys', async () => {
    const desk = await newKeyPair();
    const ctx = context({ sealTo: [desk.recipient] });
    expect((await intake(post(formBody(ctx, { ...valid, location: 'Loods 7 aan de haven' })), 'a', ctx)).kind).toBe('accepted');
    const [entry] = await ctx.store.claim(1, 1000);
    expect(entry.payload).not.toContain('Loods 7');
    expect(entry.payload).not.toContain('woerden');
    const { data } = JSON.parse(entry.payload);
    expect(data.report).toBeUndefined();
    expect(JSON.parse(await unseal([desk.identity], data.sealed))).toMatchObject({ location: 'Loods 7 aan de haven', municipality: { id: 'woerden' } });
  });

  it('gives Dutch messages per field and keeps every value', async () => {
    const ctx = context();
    const fields = { ...valid, municipality: '', description: 'te kort', location: 'x'.repeat(501), vehicles: 'Witte bus' };
    const result = await intake(post(formBody(ctx, fields)), '192.0.2.1', ctx);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.errors.municipality).toBe('Kies de gemeente waar het gebeurt.');
    expect(result.errors.description).toContain('minstens 20 tekens');
    expect(result.errors.location).toContain('hoogstens 500 tekens');
    expect(result.values).toMatchObject({ description: 'te kort', vehicles: 'Witte bus', exploitationForm: 'arbeidsuitbuiting' });
    expect(await ctx.store.list()).toEqual([]);
  });

  it('answers in the language of the form and forwards that language with the text as written', async () => {
    const ctx = context();
    const invalid = formBody(ctx, { ...valid, description: 'za krótko' }).replace('language=nl', 'language=pl');
    const refused = await intake(post(invalid), '192.0.2.1', ctx);
    expect(refused).toMatchObject({ kind: 'invalid', errors: { description: translator('pl')('report.error.descriptionShort', { min: 20 }) } });
    expect(translator('pl')('report.error.descriptionShort', { min: 20 })).not.toBe(translator('nl')('report.error.descriptionShort', { min: 20 }));

    const description = 'Кілька людей живуть на складі й віддають паспорти начальнику.';
    const accepted = await intake(post(formBody(ctx, { ...valid, description }).replace('language=nl', 'language=uk')), '192.0.2.1', ctx);
    expect(accepted).toMatchObject({ kind: 'accepted', language: 'uk' });
    const [entry] = await ctx.store.claim(1, 1000);
    expect(JSON.parse(entry.payload).data.report).toMatchObject({ language: 'uk', description });
  });

  it.each([
    ['an unknown field', (ctx: IntakeContext) => formBody(ctx, { ...valid, ip: '1.2.3.4' }), 400, 'Onbekend veld'],
    ['a repeated field', (ctx: IntakeContext) => formBody(ctx, { ...valid, description: [valid.description, 'x'] }), 400, 'twee keer'],
    ['a filled honeypot', (ctx: IntakeContext) => formBody(ctx, { ...valid, website: 'http://spam' }), 400, 'niet worden verwerkt'],
    ['an unknown language', (ctx: IntakeContext) => formBody(ctx, valid).replace('language=nl', 'language=xx'), 400, 'taal'],
  ])('refuses %s with a 4xx', async (_name, body, status, message) => {
    const ctx = context();
    const result = await intake(post(body(ctx)), '192.0.2.1', ctx);
    expect(result).toMatchObject({ kind: 'rejected', status, message: expect.stringContaining(message) });
    expect(await ctx.store.list()).toEqual([]);
  });

  it('refuses other content types, oversized bodies and posts from other sites', async () => {
    const ctx = context();
    const body = formBody(ctx, valid);
    expect(await intake(post(body, { 'content-type': 'application/json' }), 'a', ctx)).toMatchObject({ status: 415 });
    expect(await intake(post(body, { 'content-type': 'multipart/form-data; boundary=x' }), 'a', ctx)).toMatchObject({ status: 415 });
    expect(await intake(post(`${body}&description=${'x'.repeat(40_000)}`), 'a', ctx)).toMatchObject({ status: 413 });
    expect(await intake(post(body, { 'sec-fetch-site': 'cross-site' }), 'a', ctx)).toMatchObject({ status: 403 });
    expect(await intake(post(body, { origin: 'https://elders.example' }), 'a', ctx)).toMatchObject({ status: 403 });
    // Our own form sends Origin: null (Referrer-Policy no-referrer) and Sec-Fetch-Site: same-origin.
    expect(await intake(post(body, { origin: 'null', 'sec-fetch-site': 'same-origin' }), 'a', ctx)).toMatchObject({ kind: 'accepted' });
  });

  it('refuses a form sent faster than a person can fill it, keeping the values', async () => {
    const ctx = context();
    const result = await intake(post(formBody(ctx, valid, Date.now())), 'a', ctx);
    expect(result).toMatchObject({ kind: 'invalid', formError: expect.stringContaining('snel'), values: { description: valid.description } });
    const forged = formBody(ctx, valid).replace(/token=[^&]+/, 'token=1.abc');
    expect(await intake(post(forged), 'a', ctx)).toMatchObject({ kind: 'invalid', formError: expect.stringContaining('verlopen') });
  });

  it('limits reports per client in a sliding hour, keeps the text, and stores no address', async () => {
    const ctx = context({ perHour: 2 });
    for (let i = 0; i < 2; i++) expect((await intake(post(formBody(ctx, valid)), '198.51.100.9', ctx)).kind).toBe('accepted');
    expect(await intake(post(formBody(ctx, valid)), '198.51.100.9', ctx)).toMatchObject({
      kind: 'limited',
      formError: expect.stringContaining('uur'),
      values: { description: valid.description },
    });
    expect((await intake(post(formBody(ctx, valid)), '198.51.100.10', ctx)).kind).toBe('accepted');
    expect(JSON.stringify(await ctx.store.claim(10, 1000))).not.toContain('198.51.100');
  });

  it('refuses reports once REPORT_MAX_PENDING wait in the outbox (503 an hour, text kept, the form not used up), and takes them again when there is room', async () => {
    const ctx = { ...context(), pendingCap: new PendingCap(2) };
    for (let i = 0; i < 2; i++) expect((await intake(post(formBody(ctx, valid)), `c${i}`, ctx)).kind).toBe('accepted');
    const body = formBody(ctx, valid);
    expect(await intake(post(body), 'c3', ctx)).toMatchObject({
      kind: 'busy',
      retryAfter: 3600,
      formError: expect.stringContaining('NIET'),
      values: { description: valid.description },
    });
    expect(await ctx.store.outboxSize()).toBe(2);
    // Delivered (acknowledged) reports make room again; the cap reads the store at most every 5 s.
    for (const claim of await ctx.store.claim(2, 60_000)) await ctx.store.acknowledge(claim.id, claim.leaseToken);
    const later = { ...ctx, now: () => Date.now() + 6_000 };
    expect((await intake(post(body), 'c3', later)).kind).toBe('accepted');
  });

  it('under pressure takes a report only with a proof of work of the level asked, and answers one without at once (503, Retry-After, text kept)', async () => {
    const work = new WorkBudget({ concurrency: 1, queue: 1 });
    const ctx = { ...context(), work };
    let release!: () => void;
    const busy = work.run(() => new Promise<void>((resolve) => (release = resolve)));
    expect(work.level()).toBeGreaterThan(0);
    expect(await intake(post(formBody(ctx, valid)), 'd1', ctx)).toMatchObject({
      kind: 'busy',
      values: { description: valid.description },
      formError: expect.stringContaining('druk'),
    });
    // The level now is in the challenge's signed salt; a solution of it gets in.
    const challenge = await ctx.proofOfWork.issue(work.level());
    const { number } = (await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise)!;
    const altcha = Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64');
    // A solution of level 0 is too weak now.
    const easy = await ctx.proofOfWork.issue(0);
    const easyNumber = (await solveChallenge(easy.challenge, easy.salt, easy.algorithm, easy.maxnumber).promise)!.number;
    const weak = Buffer.from(JSON.stringify({ ...easy, number: easyNumber })).toString('base64');
    expect((await intake(post(`${formBody(ctx, valid)}&altcha=${encodeURIComponent(weak)}`), 'd2', ctx)).kind).toBe('busy');
    const paid = intake(post(`${formBody(ctx, valid)}&altcha=${encodeURIComponent(altcha)}`), 'd3', ctx);
    release();
    await busy;
    expect((await paid).kind).toBe('accepted');
  });

  it('accepts each form once: a replayed or double-sent form is refused and not counted', async () => {
    const ctx = context({ perHour: 2 });
    const body = formBody(ctx, valid);
    expect((await intake(post(body), 'a', ctx)).kind).toBe('accepted');
    for (let i = 0; i < 3; i++) {
      expect(await intake(post(body), 'a', ctx)).toMatchObject({
        kind: 'invalid',
        formError: expect.stringContaining('verlopen'),
        values: { description: valid.description },
      });
    }
    expect(await ctx.store.list()).toHaveLength(1);
    // The replays did not use up the allowance: a new form is accepted.
    expect((await intake(post(formBody(ctx, valid)), 'a', ctx)).kind).toBe('accepted');
  });

  it('accepts a solved proof of work once, refuses replays and forgeries, and never raises the hourly limit', async () => {
    const ctx = context({ perHour: 1 });
    const solve = async () => {
      const challenge = await ctx.proofOfWork.issue();
      const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
      return Buffer.from(JSON.stringify({ ...challenge, number: solution!.number })).toString('base64');
    };
    const withProof = (altcha: string) => post(`${formBody(ctx, valid)}&altcha=${encodeURIComponent(altcha)}`);
    expect((await intake(withProof(await solve()), 'a', ctx)).kind).toBe('accepted');
    expect(await intake(withProof(await solve()), 'a', ctx)).toMatchObject({ kind: 'limited' });
    const used = await solve();
    expect((await intake(withProof(used), 'b', ctx)).kind).toBe('accepted');
    expect(await intake(withProof(used), 'c', ctx)).toMatchObject({
      kind: 'invalid',
      formError: expect.stringContaining('beveiligingscontrole'),
      values: { description: valid.description },
    });
    expect(await intake(withProof('bm90LWEtc29sdXRpb24='), 'c', ctx)).toMatchObject({
      kind: 'invalid',
      formError: expect.stringContaining('beveiligingscontrole'),
    });
    // Without JavaScript there is no solution, and the report is accepted all the same.
    expect((await intake(post(formBody(ctx, valid)), 'd', ctx)).kind).toBe('accepted');
  });

  it('tells the reader the report was NOT stored when the outbox cannot commit', async () => {
    const ctx = context();
    await ctx.store.close();
    expect(await intake(post(formBody(ctx, valid)), 'a', ctx)).toMatchObject({ kind: 'unavailable', values: { description: valid.description } });
  });

  it('never throws and never stores more than one entry per accepted report, whatever the body', { timeout: 60_000 }, async () => {
    const ctx = context({ perHour: 1_000_000 });
    // Each accepted form uses its token up, so every run gets a fresh one in place of this marker.
    const token = 'VERSTOKEN';
    const field = fc.constantFrom(
      'municipality',
      'exploitationForm',
      'dangerNow',
      'description',
      'signals',
      'location',
      'when',
      'people',
      'vehicles',
      'token',
      'website',
      'language',
      'altcha',
      'x',
      '',
    );
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('woerden', 'nee', 'arbeidsuitbuiting', valid.description, token, 'nl'),
    );
    const body = fc.oneof(
      fc.array(fc.tuple(field, value), { maxLength: 14 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      // Mostly valid reports with arbitrary free text, so acceptance is exercised too.
      fc
        .record({ location: fc.string({ unit: 'binary', maxLength: 600 }), people: fc.string({ maxLength: 100 }) })
        .map((extra) => new URLSearchParams({ ...valid, ...extra, token, language: 'nl' }).toString()),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', ''), async (text, type) => {
        const fresh = text.replaceAll(token, ctx.fillTimer.issue(Date.now() - 10_000));
        const result = await intake(post(fresh, type ? { 'content-type': type } : { 'content-type': '' }), 'a', ctx);
        expect(['accepted', 'invalid', 'rejected']).toContain(result.kind);
        if (result.kind === 'rejected') expect(result.status).toBeGreaterThanOrEqual(400);
        if (result.kind === 'rejected') expect(result.status).toBeLessThan(500);
        if (result.kind === 'accepted') accepted += 1;
        expect(await ctx.store.list()).toHaveLength(accepted);
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(5);
  });
});
