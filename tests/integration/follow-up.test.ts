/**
 * Sealed reports and the two-way anonymous follow-up, with real processes: the built site
 * (sealing to the intake desk's age key), the reference receiver (opening them with its
 * identity, asking questions through the signed API), and the reporter coming back with the
 * receipt code — all over HTTP as a browser without JavaScript would. Needs a build.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { askQuestion, readReceived } from '../../src/receiver/receiver.ts';
import { newKeyPair, seal } from '../../src/lib/report/crypto/seal.ts';
import { BODY_LIMITS } from '../../src/lib/report/http/body.ts';
import { SqliteStore } from '../../src/lib/report/store/sqlite.ts';
import { signedHeaders } from '../../src/lib/report/crypto/signing.ts';
import { execFileSync } from 'node:child_process';
import { solveChallenge } from 'altcha-lib/v1';
import { parse } from '../support/html.ts';
import { randomBytes } from 'node:crypto';
import { newSecret, receiptCode, startReceiver, startServer, submitReport, waitFor, type Started } from '../support/processes.ts';
import { createDatabase, findPostgresBindir, startPostgres } from '../support/postgres.ts';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
}, 60_000);

const desk = await newKeyPair();

/** A site sealing to the desk's key, a receiver opening with it, and the keys between them. */
async function setup(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'follow-up-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const forwardSecret = newSecret();
  const intakeSecret = newSecret();
  const receiverFile = join(dir, 'receiver', 'reports.jsonl');
  const receiver = await startReceiver({ RECEIVER_SECRET: forwardSecret, RECEIVER_FILE: receiverFile, REPORT_IDENTITY: desk.identity });
  cleanup.push(() => receiver.stop());
  const env = {
    REPORT_DATA_DIR: join(dir, 'data'),
    REPORT_FORWARD_URL: `${receiver.url}/`,
    REPORT_FORWARD_SECRET: forwardSecret,
    REPORT_INTAKE_SECRET: intakeSecret,
    REPORT_RECIPIENTS: desk.recipient,
    REPORT_MIN_FILL_SECONDS: '0',
    REPORT_POLL_MS: '50',
    REPORT_RETRY_BASE_MS: '50',
    ...extra,
  };
  const server = await startServer(env);
  cleanup.push(() => server.stop());
  return { dir, env, server, receiver, receiverFile, intakeSecret, received: () => readReceived(receiverFile) };
}

const form = (description: string, extra: Record<string, string> = {}) => ({
  municipality: 'venlo',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description,
  ...extra,
});

/** POSTs the follow-up form the way a browser without JavaScript does; returns status and page. */
async function followUp(site: Started, fields: Record<string, string>, path = '/melden/terugkomen/') {
  const response = await fetch(`${site.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, page: await response.text(), headers: response.headers };
}

/**
 * Every event the site has committed: still in its outbox, or already at the receiver. Read in
 * this order, an event in flight is seen in one or the other (the receiver writes it before it
 * answers, and only that answer removes it from the outbox).
 */
async function committedEvents(dataDir: string, received: () => ReturnType<typeof readReceived>): Promise<Set<string>> {
  const store = new SqliteStore(join(dataDir, 'outbox.sqlite'));
  try {
    const waiting = (await store.list()).map((entry) => entry.id);
    return new Set([...waiting, ...received().map((r) => r.webhookId)]);
  } finally {
    await store.close();
  }
}

/** The report's id as the intake desk knows it, found by a text only that report has. */
async function deliveredReport(received: () => ReturnType<typeof readReceived>, description: string) {
  return waitFor(() => received().find((r) => r.type === 'report.created' && r.report.description === description), 15_000, 'aflevering');
}

describe('sealed at rest', { timeout: 90_000 }, () => {
  it('keeps what the reporter typed out of every file and log, and the intake desk reads it', async () => {
    // The receiver is down at first, so the report waits in the store: that is what we inspect.
    const { server, dir, received, env } = await setup({ REPORT_FORWARD_URL: 'http://127.0.0.1:9/' });
    const marks = {
      description: 'MARKEER-omschrijving-51a7 tien mensen in een loods',
      location: 'MARKEER-plaats-0c2d',
      when: 'MARKEER-wanneer-9e14',
      people: 'MARKEER-mensen-77b1',
      vehicles: 'MARKEER-voertuig-3f80',
    };
    const code = await receiptCode(server.url, await submitReport(server.url, form(marks.description, marks)));
    const open = await followUp(server, { action: 'open', code, language: 'nl' });
    expect(open.status).toBe(200);
    const answer = await followUp(server, { action: 'add', code, language: 'nl', text: 'MARKEER-aanvulling-6d02 het busje komt om zes uur' });
    expect(answer.page).toContain('MARKEER-aanvulling-6d02'); // shown back to the reporter …
    const files = () =>
      readdirSync(join(dir, 'data'))
        .map((f) => readFileSync(join(dir, 'data', f)).toString('latin1'))
        .join('\n');
    const stored = files();
    expect(stored).toContain('BEGIN AGE ENCRYPTED FILE'); // … but the store holds only ciphertext
    for (const mark of [...Object.values(marks).map((m) => m.split(' ')[0]), 'MARKEER-aanvulling-6d02', code, code.replaceAll('-', '')]) {
      expect(stored).not.toContain(mark);
      expect(server.output()).not.toContain(mark);
    }
    // Now the receiver is back: it opens both with the desk's identity.
    await server.stop();
    const receiver = await startReceiver({
      RECEIVER_SECRET: env.REPORT_FORWARD_SECRET,
      RECEIVER_FILE: join(dir, 'later.jsonl'),
      REPORT_IDENTITY: desk.identity,
    });
    cleanup.push(() => receiver.stop());
    const again = await startServer({ ...env, REPORT_FORWARD_URL: `${receiver.url}/` });
    cleanup.push(() => again.stop());
    await waitFor(() => readReceived(join(dir, 'later.jsonl')).length === 2, 15_000, 'beide afgeleverd');
    const [report, message] = readReceived(join(dir, 'later.jsonl')).sort((a) => (a.type === 'report.created' ? -1 : 1));
    expect(report).toMatchObject({ type: 'report.created', sealed: true, report: { ...marks, municipality: { cbsCode: 'GM0983' }, language: 'nl' } });
    expect(message).toMatchObject({
      type: 'report.message',
      sealed: true,
      reportId: report.reportId,
      message: { text: 'MARKEER-aanvulling-6d02 het busje komt om zes uur', language: 'nl' },
    });
    // The receipt code never leaves the reporter's screen: not in the delivered events either.
    expect(readFileSync(join(dir, 'later.jsonl'), 'utf8')).not.toContain(code);
    expect(received()).toEqual([]);
  });

  it('keeps what the reporter typed out of every PostgreSQL table (pg_dump)', async () => {
    const postgres = await startPostgres();
    cleanup.push(() => postgres.stop());
    const databaseUrl = await createDatabase(postgres.url);
    const { server } = await setup({
      REPORT_FORWARD_URL: 'http://127.0.0.1:9/',
      REPORT_DATABASE_URL: databaseUrl,
      REPORT_SECRET: randomBytes(32).toString('base64'),
    });
    const code = await receiptCode(
      server.url,
      await submitReport(server.url, form('MARKEER-pg-omschrijving-a81c in een loods', { location: 'MARKEER-pg-plaats-47d0' })),
    );
    await followUp(server, { action: 'add', code, language: 'nl', text: 'MARKEER-pg-aanvulling-5b3e' });
    const dump = execFileSync(`${findPostgresBindir()}/pg_dump`, ['--data-only', '--dbname', databaseUrl], { encoding: 'utf8' });
    expect(dump).toContain('BEGIN AGE ENCRYPTED FILE');
    for (const mark of ['MARKEER-pg-omschrijving-a81c', 'MARKEER-pg-plaats-47d0', 'MARKEER-pg-aanvulling-5b3e', code, code.replaceAll('-', '')]) {
      expect(dump).not.toContain(mark);
      expect(server.output()).not.toContain(mark);
    }
  });

  it("refuses to start in production without the intake desk's keys, and says how to make them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'production-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    await expect(startServer({ REPORT_DATA_DIR: dir, NODE_ENV: 'production' })).rejects.toThrow(/REPORT_RECIPIENTS.*npm run receiver -- keygen/s);
    const trial = await startServer({ REPORT_DATA_DIR: dir });
    cleanup.push(() => trial.stop());
    expect(trial.output()).toMatch(/NIET versleuteld.*REPORT_RECIPIENTS/s);
  });
});

/**
 * One site and receiver for the tests below that need no settings of their own and leave the site
 * running (a start of both is about 2 s of CPU). Each finds its reports and messages by a text
 * only it sends. Their reading attempts add up past the default limit per reader (10 an hour),
 * which the limit's own test below checks on a site of its own, so here it is higher.
 */
let shared: ReturnType<typeof setup> | undefined;
const sharedSite = () => (shared ??= setup({ REPORT_FOLLOWUP_ATTEMPTS_PER_HOUR: '100' }));

describe('two-way follow-up with the receipt code', { timeout: 120_000 }, () => {
  for (const language of ['nl', 'pl'] as const) {
    it(`report → code → question → the reporter reads and answers → the desk gets the answer (${language}, no JavaScript)`, async () => {
      const { server, received, intakeSecret } = await sharedSite();
      const prefix = language === 'nl' ? '' : `/${language}`;
      const description = `Vijf mannen slapen in een container achter het bedrijf (${language}).`;
      const page = await (await fetch(`${server.url}${prefix}/melden/anoniem/`)).text();
      const token = /name="token" value="([^"]+)"/.exec(page)![1];
      const accepted = await fetch(`${server.url}${prefix}/melden/anoniem/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ ...form(description), token, language }),
        redirect: 'manual',
      });
      const code = await receiptCode(server.url, accepted);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

      // Before any question, the conversation is empty; the date is the day, nothing finer.
      const empty = await followUp(server, { action: 'open', code, language }, `${prefix}/melden/terugkomen/`);
      expect(empty.status).toBe(200);
      expect(empty.headers.get('cache-control')).toBe('no-store, no-transform');
      expect(empty.headers.get('set-cookie')).toBeNull();

      const report = await deliveredReport(received, description);
      const question = 'Op welk adres staat de container, en op welke avonden ziet u de mannen?';
      expect(
        (await askQuestion({ siteUrl: server.url, intakeSecret, reportId: report.reportId, replyRecipient: report.replyRecipient!, text: question })).status,
      ).toBe(200);

      const withQuestion = await followUp(server, { action: 'open', code, language }, `${prefix}/melden/terugkomen/`);
      expect(withQuestion.page).toContain(question);
      const answer = `Aan de Industrieweg, meestal op dinsdag en donderdag (${language}).`;
      const added = await followUp(server, { action: 'add', code, language, text: answer }, `${prefix}/melden/terugkomen/`);
      expect(added.status).toBe(200);
      expect(added.page).toContain(answer);
      const delivered = await waitFor(() => received().find((r) => r.type === 'report.message' && r.message?.text === answer), 15_000, 'antwoord afgeleverd');
      expect(delivered).toMatchObject({ reportId: report.reportId, sealed: true, message: { language } });
      // Coming back later shows the question and the answer, in order.
      const later = await followUp(server, { action: 'open', code, language }, `${prefix}/melden/terugkomen/`);
      expect(later.page.indexOf(question)).toBeLessThan(later.page.indexOf(answer));
    });
  }

  it("a wrong code, another report's code and a malformed code get one generic answer", async () => {
    const { server, received, intakeSecret, env } = await sharedSite();
    const codeA = await receiptCode(server.url, await submitReport(server.url, form('Melding A: mensen slapen in de kas.')));
    const codeB = await receiptCode(server.url, await submitReport(server.url, form("Melding B: kinderen werken 's nachts in de keuken.")));
    const reportA = await deliveredReport(received, 'Melding A: mensen slapen in de kas.');
    await askQuestion({ siteUrl: server.url, intakeSecret, reportId: reportA.reportId, replyRecipient: reportA.replyRecipient!, text: 'Vraag alleen voor A' });
    expect((await followUp(server, { action: 'open', code: codeA, language: 'nl' })).page).toContain('Vraag alleen voor A');
    expect((await followUp(server, { action: 'open', code: codeB, language: 'nl' })).page).not.toContain('Vraag alleen voor A');
    // Crockford: lower case, spaces and O for 0 are read the same way.
    expect((await followUp(server, { action: 'open', code: codeA.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o'), language: 'nl' })).page).toContain(
      'Vraag alleen voor A',
    );
    const wrong = codeA.slice(0, -1) + (codeA.endsWith('0') ? '1' : '0');
    const answers = [];
    for (const code of [wrong, 'ABCD', 'x'.repeat(90), '']) {
      const { status, page } = await followUp(server, { action: 'open', code, language: 'nl' });
      answers.push(status);
      expect(page).toContain('Met deze code vinden we geen gesprek');
    }
    expect(new Set(answers)).toEqual(new Set([422]));
    // A forged proof of work (browsers with JavaScript send one) is refused before any code is tried.
    const forged = await followUp(server, { action: 'open', code: codeA, language: 'nl', altcha: 'bm90LWVlbi1vcGxvc3Npbmc=' });
    expect(forged.page).toContain('beveiligingscontrole');
    expect(forged.page).not.toContain('Vraag alleen voor A');
    // Adding with a wrong code stores and forwards nothing: the page answers only after any
    // commit, so the set of committed events must be the same right after it.
    const before = await committedEvents(env.REPORT_DATA_DIR, received);
    const refused = await followUp(server, { action: 'add', code: wrong, language: 'nl', text: 'Mag niet aankomen' });
    expect(refused.page).toContain('Met deze code vinden we geen gesprek');
    expect(await committedEvents(env.REPORT_DATA_DIR, received)).toEqual(before);
    expect(received().some((r) => r.message?.text === 'Mag niet aankomen')).toBe(false);
  });

  it('limits attempts per reader, across two instances on one store, and has no total that others can use up', async () => {
    const { server, env } = await setup({ REPORT_FOLLOWUP_ATTEMPTS_PER_HOUR: '3', REPORT_TRUSTED_PROXIES: '1' });
    const second = await startServer(env);
    cleanup.push(() => second.stop());
    const attempt = (site: Started, client: string) =>
      fetch(`${site.url}/melden/terugkomen/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-forwarded-for': client },
        body: new URLSearchParams({ action: 'open', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', language: 'nl' }),
      }).then((r) => r.status);
    const one = [
      await attempt(server, '198.51.100.1'),
      await attempt(second, '198.51.100.1'),
      await attempt(server, '198.51.100.1'),
      await attempt(second, '198.51.100.1'),
    ];
    expect(one).toEqual([422, 422, 422, 429]);
    // Many readers one after another (no pressure): each is answered on its own merits (issue 21:
    // 1,000 wrong codes from 100 addresses used to shut everyone out for an hour).
    for (let n = 2; n <= 12; n++) expect(await attempt(n % 2 ? server : second, `198.51.100.${n}`)).toBe(422);
  });

  it('under a flood of wrong codes, refuses readers without a proof of work politely and lets one who pays it in', async () => {
    const { server } = await setup({ REPORT_WORK_CONCURRENCY: '1', REPORT_WORK_QUEUE: '1', REPORT_TRUSTED_PROXIES: '1', REPORT_POW_MAX_NUMBER: '500' });
    const code = await receiptCode(server.url, await submitReport(server.url, form('Melding onder druk: mensen slapen in de loods.')));
    const attempt = (client: string, fields: Record<string, string> = {}) =>
      fetch(`${server.url}/melden/terugkomen/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'x-forwarded-for': client },
        body: new URLSearchParams({ action: 'open', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', language: 'nl', ...fields }),
      });
    // 24 wrong codes at once from 24 addresses: one slot and one place in the queue.
    const flood = await Promise.all(Array.from({ length: 24 }, (_, n) => attempt(`203.0.113.${n + 1}`)));
    const refused = flood.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(flood.every((r) => r.status === 503 || r.status === 422)).toBe(true);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(5);
    // The pressure is still high: a reader without JavaScript, with the right code, is told when to try
    // again, in their language, with the code kept in the field.
    const noScript = await attempt('192.0.2.50', { code, language: 'en' });
    expect(noScript.status).toBe(503);
    expect(Number(noScript.headers.get('retry-after'))).toBeGreaterThanOrEqual(5);
    const page = await noScript.text();
    expect(page).toContain('The site is very busy right now');
    expect(page).toContain(`value="${code}"`);
    // A report without JavaScript meanwhile: told when to try again, every value kept, nothing stored.
    const report = await submitReport(server.url, form('Melding tijdens de drukte: kinderen in een kas.'), { 'x-forwarded-for': '192.0.2.52' });
    expect(report.status).toBe(503);
    expect(Number(report.headers.get('retry-after'))).toBeGreaterThanOrEqual(5);
    expect(await report.text()).toContain('Melding tijdens de drukte: kinderen in een kas.');
    // A reader with JavaScript solves the challenge of the page (harder now) and gets in.
    const page2 = await (await fetch(`${server.url}/melden/terugkomen/`, { headers: { 'x-forwarded-for': '192.0.2.51' } })).text();
    const challenge = JSON.parse(parse(page2)('[data-challenge]').attr('data-challenge')!);
    expect(new URLSearchParams(challenge.salt.split('?')[1]).get('level')).not.toBe('0');
    const { number } = (await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise)!;
    const altcha = Buffer.from(JSON.stringify({ ...challenge, number })).toString('base64');
    const paid = await attempt('192.0.2.51', { code, altcha });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('blijft bewaard tot en met');
  });

  it('keeps a conversation for the retention period after its last message, then deletes it', async () => {
    const { server, env, received, intakeSecret } = await setup({ REPORT_RETENTION_DAYS: '1' });
    const code = await receiptCode(server.url, await submitReport(server.url, form('Melding die verloopt: vrouwen in een woning.')));
    const report = await deliveredReport(received, 'Melding die verloopt: vrouwen in een woning.');
    const open = await followUp(server, { action: 'open', code, language: 'nl' });
    expect(open.page).toContain('blijft bewaard tot en met');
    // Two days later (the store is asked with a later clock) the conversation is gone for everyone.
    const store = new SqliteStore(join(env.REPORT_DATA_DIR, 'outbox.sqlite'));
    const twoDaysOn = Date.now() + 2 * 86_400_000;
    expect(await store.purgeMailboxes(twoDaysOn)).toBe(1);
    await store.close();
    expect((await followUp(server, { action: 'open', code, language: 'nl' })).status).toBe(422);
    expect(
      (await askQuestion({ siteUrl: server.url, intakeSecret, reportId: report.reportId, replyRecipient: report.replyRecipient!, text: 'Te laat' })).status,
    ).toBe(404);
  });

  it('refuses questions that are unsigned, signed with another key, too old or replayed', async () => {
    const { server, received, intakeSecret, env } = await sharedSite();
    await receiptCode(server.url, await submitReport(server.url, form('Melding voor de vragen-API: busje met mensen.')));
    const report = await deliveredReport(received, 'Melding voor de vragen-API: busje met mensen.');
    const question = await seal([report.replyRecipient!], 'Een vraag van het meldpunt');
    const ask = (secret: string, id: string, now = Date.now(), sealed = question) => {
      const body = JSON.stringify({ type: 'report.question', data: { reportId: report.reportId, sealed } });
      return fetch(`${server.url}/api/vragen/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, id, body, now) },
        body,
      }).then((r) => r.status);
    };
    expect(await ask(newSecret(), 'q1')).toBe(401);
    expect(await ask(env.REPORT_FORWARD_SECRET, 'q2')).toBe(401); // the other direction's key is not this one
    expect(await ask(intakeSecret, 'q3', Date.now() - 10 * 60_000)).toBe(401);
    expect(await ask(intakeSecret, 'q4')).toBe(200);
    expect(await ask(intakeSecret, 'q4')).toBe(409);
    expect((await fetch(`${server.url}/api/vragen/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${server.url}/api/vragen/`)).status).toBe(405);
    // Not age armor, or armor around something that is not an age file: 400, nothing stored.
    expect(await ask(intakeSecret, 'q5', Date.now(), '-----BEGIN AGE ENCRYPTED FILE-----\nYWJj\n-----END AGE ENCRYPTED FILE-----\n')).toBe(400);
    expect(await ask(intakeSecret, 'q6', Date.now(), 'Een vraag in platte tekst')).toBe(400);
    expect(await ask(intakeSecret, 'q7', Date.now(), question.replace('\n', '\n\n'))).toBe(400);
    // Bigger than BODY_LIMITS.question (RECEIVER.md: 413 above 64 KB), whatever is inside.
    const big = await seal([report.replyRecipient!], 'x'.repeat(BODY_LIMITS.question));
    expect(await ask(intakeSecret, 'q8', Date.now(), big)).toBe(413);
  });

  it("takes report.status from the desk and shows the newest status above the messages, in the reporter's language", async () => {
    const { server, received, intakeSecret } = await sharedSite();
    const description = 'Melding voor de status: mensen werken elke nacht in de kas.';
    const code = await receiptCode(server.url, await submitReport(server.url, form(description)));
    const report = await deliveredReport(received, description);
    const send = async (id: string, status: string, type = 'report.status', sealedText?: string) => {
      const sealed = sealedText ?? (await seal([report.replyRecipient!], JSON.stringify({ status })));
      const body = JSON.stringify({ type, data: { reportId: report.reportId, sealed } });
      return fetch(`${server.url}/api/vragen/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(intakeSecret, id, body) },
        body,
      }).then((r) => r.status);
    };
    // Before the desk has read it: sent, not yet read.
    const before = await followUp(server, { action: 'open', code, language: 'nl' });
    expect(before.page).toContain('Uw melding is verstuurd. Het meldpunt heeft haar nog niet gelezen.');
    expect(await send('s1', 'ontvangen')).toBe(200);
    expect(await send('s1', 'ontvangen')).toBe(409);
    // Not age: refused, whatever the armor looks like.
    expect(await send('s2', 'ontvangen', 'report.status', '-----BEGIN AGE ENCRYPTED FILE-----\nYWJj\n-----END AGE ENCRYPTED FILE-----\n')).toBe(400);
    expect(await send('s3', 'ontvangen', 'report.status', 'geen age')).toBe(400);
    expect(await send('s4', 'ontvangen', 'report.deleted')).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    const { formatDate } = await import('../../src/lib/format.ts');
    const received1 = await followUp(server, { action: 'open', code, language: 'nl' });
    expect(received1.page).toContain(`Ontvangen op ${formatDate(today, 'nl')}.`);
    // The status is not a message of the conversation.
    expect(received1.page).toContain('Het meldpunt heeft nog geen vraag gesteld');
    expect(await send('s5', 'in-behandeling')).toBe(200);
    const english = await followUp(server, { action: 'open', code, language: 'en' }, '/en/melden/terugkomen/');
    expect(english.page).toContain(`Being handled (since ${formatDate(today, 'en')}).`);
    expect(english.page).not.toContain('Received on');
    // Status first, then the messages.
    const page = english.page;
    expect(page.indexOf('Status of your report')).toBeLessThan(page.indexOf('<h2>Messages'));
  });

  it('survives a restart between the question and the answer', async () => {
    const { server, env, received, intakeSecret } = await setup();
    const description = 'Melding over een herstart: mensen werken zonder loon.';
    const code = await receiptCode(server.url, await submitReport(server.url, form(description)));
    const report = await deliveredReport(received, description);
    await askQuestion({ siteUrl: server.url, intakeSecret, reportId: report.reportId, replyRecipient: report.replyRecipient!, text: 'Vraag voor de herstart' });
    await server.stop();
    const again = await startServer(env);
    cleanup.push(() => again.stop());
    expect((await followUp(again, { action: 'open', code, language: 'nl' })).page).toContain('Vraag voor de herstart');
    await followUp(again, { action: 'add', code, language: 'nl', text: 'Antwoord na de herstart' });
    await waitFor(() => received().find((r) => r.message?.text === 'Antwoord na de herstart'), 15_000, 'antwoord na herstart');
  });
});
