/**
 * The JSON Schema in docs/RECEIVER.md is the contract receivers code against: every event the
 * site really produces — sealed or as text, report.created and report.message — must validate
 * against it, and events that break the contract must not.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createReportSchema } from '../../../src/lib/report/core/form.ts';
import { intake, type IntakeContext } from '../../../src/lib/report/core/intake.ts';
import { FillTimer, RateLimiter } from '../../../src/lib/report/core/abuse.ts';
import { ProofOfWork } from '../../../src/lib/report/core/proof-of-work.ts';
import { deriveKeys } from '../../../src/lib/report/crypto/keys.ts';
import { SqliteStore } from '../../../src/lib/report/store/sqlite.ts';
import { addInformation, openConversation } from '../../../src/lib/report/core/follow-up.ts';
import { newKeyPair } from '../../../src/lib/report/crypto/seal.ts';

const markdown = readFileSync('docs/RECEIVER.md', 'utf8');
const schemaText = /### JSON Schema\s+```json\n([\s\S]+?)\n```/.exec(markdown)?.[1];
// Strict mode, as a receiver's validator may run it: unknown keywords, union types and
// required properties that are not described are errors, not warnings.
const validate = new Ajv2020({ strict: true }).compile(JSON.parse(schemaText!));

const dir = mkdtempSync(join(tmpdir(), 'event-schema-'));
const store = new SqliteStore(join(dir, 'outbox.sqlite'));
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const keys = deriveKeys(randomBytes(32));

async function produce(recipients?: string[]) {
  const context: IntakeContext = {
    schema: createReportSchema({ municipalityIds: ['woerden'], signalIds: ['paspoort-niet-in-eigen-bezit'] }),
    store,
    fillTimer: new FillTimer(keys, store, 0),
    rateLimiter: new RateLimiter(keys, store, 1000),
    proofOfWork: new ProofOfWork(keys, store, 1000),
    municipalities: new Map([['woerden', { name: 'Woerden', cbsCode: 'GM0632' }]]),
    signals: new Map([['paspoort-niet-in-eigen-bezit', 'Iemand heeft zijn eigen paspoort niet.']]),
    followUp: { store, codePepper: keys.codePepper, retentionDays: 90, recipients },
  };
  const body = new URLSearchParams({
    token: context.fillTimer.issue(Date.now() - 5000),
    language: 'nl',
    municipality: 'woerden',
    exploitationForm: 'arbeidsuitbuiting',
    dangerNow: 'nee',
    description: 'Elke ochtend haalt een busje tien mensen op bij het huis op de hoek.',
    signals: 'paspoort-niet-in-eigen-bezit',
  });
  const result = await intake(
    new Request('http://localhost/melden/anoniem/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
    'a',
    context,
  );
  if (result.kind !== 'accepted') throw new Error(result.kind);
  const conversation = (await openConversation(result.receiptCode, context.followUp))!;
  await addInformation(conversation, 'Het busje is wit.', 'nl', context.followUp);
  const claims = await store.claim(10, 60_000);
  for (const claim of claims) await store.acknowledge(claim.id, claim.leaseToken);
  return claims.map((c) => JSON.parse(c.payload));
}

describe('the event schema in docs/RECEIVER.md', () => {
  it('accepts every event the site sends, sealed and as text', async () => {
    const desk = await newKeyPair();
    const events = [...(await produce()), ...(await produce([desk.recipient]))];
    expect(events.map((e) => e.type).sort()).toEqual(['report.created', 'report.created', 'report.message', 'report.message']);
    for (const event of events) expect([event.type, validate(event) ? 'geldig' : validate.errors]).toEqual([event.type, 'geldig']);
    // Four reports and messages through the real intake, each with an Argon2id run: past the
    // default 5 s when the two cores are busy with a build.
  }, 30_000);

  it('refuses events that break the contract', async () => {
    const [created] = (await produce()).filter((e) => e.type === 'report.created');
    const broken = [
      { ...created, data: { ...created.data, version: 1 } },
      { ...created, timestamp: '2026-11-30T12:34:56Z' },
      { ...created, data: { ...created.data, replyRecipient: undefined } },
      { ...created, data: { ...created.data, report: { ...created.data.report, description: 'kort' } } },
      { ...created, type: 'melding.mensenhandel.v1' },
      { ...created, data: { ...created.data, message: { text: 'Het busje is wit.', language: 'nl' } } },
      { ...created, data: { ...created.data, report: { ...created.data.report, municipality: { ...created.data.report.municipality, cbsCode: '0632' } } } },
      { ...created, type: 'report.message', data: { ...created.data, reportId: created.data.id } },
    ];
    for (const event of broken) expect(validate(JSON.parse(JSON.stringify(event)))).toBe(false);
  });
});
