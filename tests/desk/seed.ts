/**
 * Cases for `npm run bench:desk` (scripts/bench/desk-inbox.ts) and tests/desk/inbox.spec.ts:
 * reports as the site makes them (the same JSON fields, lengths within the form's limits, sealed
 * with the site's own `seal`), delivered to
 * the desk's receiver endpoint as the site's relay delivers them: `report.created` and
 * `report.message` events in the Standard Webhooks shape, signed with the forward secret. A
 * seeded pseudo-random generator keeps every run's reports the same.
 */
import { LIMITS } from '../../src/lib/report/core/form.ts';
import { reportEvent } from '../../src/lib/report/core/events.ts';
import { newReportId, receivedHour } from '../../src/lib/report/core/identifiers.ts';
import { newKeyPair, seal } from '../../src/lib/report/crypto/seal.ts';
import { signedHeaders } from '../../src/lib/report/crypto/signing.ts';

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'de het een en in op met voor van aan bij naar werk loods kas busje mannen vrouwen nacht vroeg laat paspoort geld schuld woning kamer slapen werken uren betaald niet nooit altijd buren zien horen auto kenteken tuinderij bouwplaats schoonmaak salon massage bezorgen jongen meisje telefoon baas ploeg week dagen ophalen brengen bang angstig zegt vertelt mag weg'.split(
    ' ',
  );
const MUNICIPALITIES: [string, string, string][] = [
  ['woerden', 'Woerden', 'GM0632'],
  ['venlo', 'Venlo', 'GM0983'],
  ['utrecht', 'Utrecht', 'GM0344'],
  ['rotterdam', 'Rotterdam', 'GM0599'],
  ['westland', 'Westland', 'GM1783'],
  ['groningen', 'Groningen', 'GM0014'],
  ['eindhoven', 'Eindhoven', 'GM0772'],
  ['zwolle', 'Zwolle', 'GM0193'],
];
const FORMS = ['arbeidsuitbuiting', 'seksuele-uitbuiting', 'criminele-uitbuiting', 'gedwongen-orgaanverwijdering', 'weet-ik-niet'];
const LANGUAGES = ['nl', 'nl', 'nl', 'nl', 'nl', 'nl', 'en', 'pl', 'ro', 'bg', 'uk'];

/**
 * One report as the site seals it (src/lib/report/core/intake.ts). Lengths: the description
 * from 20 characters to the form's maximum, most a few hundred (squared uniform); the optional
 * fields filled in part of the time; up to 8 signals with their statements.
 */
export function makeReport(next: () => number, now: number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const text = (length: number) => {
    let out = '';
    while (out.length < length) out += `${pick(WORDS)} `;
    return out.slice(0, length).trim();
  };
  const optional = (share: number, max: number) => (next() < share ? text(10 + Math.floor(next() * next() * (max - 10))) : null);
  const [id, name, cbsCode] = pick(MUNICIPALITIES);
  return {
    receivedHour: receivedHour(now),
    language: pick(LANGUAGES),
    municipality: { id, name, cbsCode },
    exploitationForm: pick(FORMS),
    signals: Array.from({ length: Math.floor(next() * 9) }, (_, i) => ({ id: `signaal-${i}`, statement: text(60 + Math.floor(next() * 80)) })),
    location: optional(0.6, LIMITS.location.max),
    when: optional(0.5, LIMITS.when.max),
    description: text(LIMITS.description.min + Math.floor(next() * next() * (LIMITS.description.max - LIMITS.description.min))),
    people: optional(0.4, LIMITS.people.max),
    vehicles: optional(0.2, LIMITS.vehicles.max),
    dangerNow: pick(['ja', 'nee', 'weet-niet']),
  };
}

/** `count` sealed reports (armored age) to `recipient`, for the raw decryption baseline. */
export async function sealedReports(recipient: string, count: number, seed: number): Promise<string[]> {
  const next = random(seed);
  return Promise.all(Array.from({ length: count }, () => seal([recipient], JSON.stringify(makeReport(next, Date.now())))));
}

export interface Seeded {
  reportIds: string[];
  /** Bytes of the sealed reports (armored), to say how large they were. */
  sealedBytes: number;
  answers: number;
  ms: number;
}

/**
 * Delivers `count` reports and, for every 40th, an answer of the reporter, to the desk's
 * receiver at `url` (signed with `secret`), `parallel` requests at a time, as the relay would.
 * `mark(n)` puts a text of a test's own at the start of report n's description.
 */
export async function seedDesk(
  url: string,
  secret: string,
  recipient: string,
  count: number,
  seed: number,
  { parallel = 6, mark }: { parallel?: number; mark?: (n: number) => string } = {},
): Promise<Seeded> {
  const next = random(seed);
  // One reply key per report on the site; a few here, as their size is all the desk sees of them.
  const replyRecipients = await Promise.all(Array.from({ length: 8 }, async () => (await newKeyPair()).recipient));
  const started = performance.now();
  const reportIds: string[] = [];
  let sealedBytes = 0;
  let answers = 0;
  const post = async (id: string, body: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(secret, id, body) }, body });
    if (response.status !== 200) throw new Error(`De meldbalie weigerde ${id}: ${response.status} ${await response.text()}`);
  };
  let made = 0;
  const worker = async () => {
    while (made < count) {
      const n = made++;
      const now = Date.now();
      const id = newReportId();
      reportIds.push(id);
      const report = makeReport(next, now);
      if (mark) report.description = `${mark(n)} ${report.description}`;
      const sealed = await seal([recipient], JSON.stringify(report));
      sealedBytes += sealed.length;
      await post(id, reportEvent('report.created', receivedHour(now), { id, replyRecipient: replyRecipients[n % replyRecipients.length], sealed }));
      if (n % 40 === 7) {
        const answerId = newReportId();
        const message = { text: `Aanvulling: ${makeReport(next, now).description.slice(0, 400)}`, language: 'nl' };
        await post(
          answerId,
          reportEvent('report.message', receivedHour(now), { id: answerId, reportId: id, sealed: await seal([recipient], JSON.stringify(message)) }),
        );
        answers++;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { reportIds, sealedBytes, answers, ms: performance.now() - started };
}
