/**
 * npm run receiver -- [command] — the reference intake receiver, for trying the whole loop on
 * one machine (see docs/RECEIVER.md).
 *   (no command)              run the receiver: RECEIVER_SECRET (whsec_…, the server's
 *                             REPORT_FORWARD_SECRET), RECEIVER_PORT (default 4322; 0 = any free
 *                             port), RECEIVER_FILE (default data/receiver/reports.jsonl),
 *                             REPORT_IDENTITY (AGE-SECRET-KEY-… or a file holding it)
 *   keygen                    make the intake desk's key pair and say where each half goes,
 *                             as an identity file age -i reads (save it: > meldpunt.key)
 *   show                      every received report and message, opened
 *   ask <report-id> "vraag"   ask the reporter a question: REPORT_SITE_URL (the site),
 *                             RECEIVER_INTAKE_SECRET (whsec_…, the server's REPORT_INTAKE_SECRET)
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { askQuestion, createReceiver, readReceived } from '../src/receiver/receiver.ts';
import { AGE_IDENTITY, newKeyPair } from '../src/lib/report/crypto/seal.ts';
import { dayOf } from '../src/lib/report/core/day.ts';
import { printable } from '../src/receiver/terminal.ts';

const [command, ...args] = process.argv.slice(2);
const file = process.env.RECEIVER_FILE ?? join(process.cwd(), 'data', 'receiver', 'reports.jsonl');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** REPORT_IDENTITY: the key itself, or a file that holds it (one per line; # comments allowed). */
function identities(): string[] {
  const value = process.env.REPORT_IDENTITY?.trim();
  if (!value) return [];
  const text = AGE_IDENTITY.test(value)
    ? value
    : existsSync(value)
      ? readFileSync(value, 'utf8')
      : fail(`REPORT_IDENTITY is geen AGE-SECRET-KEY-… en geen bestaand bestand: ${value}`);
  const keys = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (keys.length === 0 || !keys.every((key) => AGE_IDENTITY.test(key))) fail('REPORT_IDENTITY bevat geen geldige AGE-SECRET-KEY-….');
  return keys;
}

if (command === 'keygen') {
  const { identity, recipient } = await newKeyPair();
  // The format of age-keygen: comments after #, the identity alone on its line, so this output
  // saved as a file is read by `age -d -i <bestand>` and by REPORT_IDENTITY=<bestand> alike.
  console.log(`# Sleutelpaar van het meldpunt, gemaakt ${dayOf(Date.now())}.
# GEHEIM: de laatste regel. Bewaar deze uitvoer alleen bij het meldpunt (de ontvanger), als
# bestand met rechten 0600 (npm run receiver -- keygen > meldpunt.key; chmod 600 meldpunt.key),
# en zet REPORT_IDENTITY op dat bestand. age -d -i meldpunt.key opent er ook meldingen mee.
# Wie de geheime sleutel heeft, kan alle meldingen lezen. Maak een reservekopie op een veilige plek.
# OPENBAAR: zet bij elke server van de site
#   REPORT_RECIPIENTS=${recipient}
# public key: ${recipient}
${identity}`);
} else if (command === 'show') {
  const received = readReceived(file);
  if (received.length === 0) console.log(`Nog niets ontvangen in ${file}.`);
  for (const entry of received) {
    // Everything in an entry came from outside: printed, never acted on by the terminal.
    if (entry.type === 'report.created') {
      console.log(printable(`\nMelding ${entry.reportId}${entry.sealed ? ' (was versleuteld)' : ''}\n${JSON.stringify(entry.report, null, 2)}`));
    } else {
      console.log(
        printable(`\nAanvulling bij ${entry.reportId}${entry.sealed ? ' (was versleuteld)' : ''} [${entry.message?.language}]\n${entry.message?.text}`),
      );
    }
  }
} else if (command === 'ask') {
  const [reportId, text] = args;
  if (!reportId || !text) fail('Gebruik: npm run receiver -- ask <melding-id> "uw vraag"');
  const site = process.env.REPORT_SITE_URL ?? fail('Zet REPORT_SITE_URL op het adres van de site, bijvoorbeeld http://127.0.0.1:4321/');
  const intakeSecret =
    process.env.RECEIVER_INTAKE_SECRET ?? fail('Zet RECEIVER_INTAKE_SECRET op dezelfde whsec_-sleutel als REPORT_INTAKE_SECRET van de site.');
  const report = readReceived(file).find((r) => r.type === 'report.created' && r.reportId === reportId);
  if (!report?.replyRecipient) fail(`Melding ${reportId} staat niet in ${file}, of heeft geen sleutel voor vragen.`);
  const { status, body } = await askQuestion({ siteUrl: site, intakeSecret, reportId, replyRecipient: report.replyRecipient, text });
  console.log(status === 200 ? 'Vraag verstuurd. De melder leest hem met de code op /melden/terugkomen/.' : `De site antwoordde ${status}: ${body}`);
  process.exitCode = status === 200 ? 0 : 1;
} else if (command === undefined || command === 'serve') {
  const secret = process.env.RECEIVER_SECRET;
  if (!secret?.startsWith('whsec_')) fail('Zet RECEIVER_SECRET op dezelfde whsec_-sleutel als REPORT_FORWARD_SECRET van de server.');
  const handle = createReceiver({ secret, file, identities: identities() });
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500).end();
    });
  });
  server.listen(Number(process.env.RECEIVER_PORT ?? 4322), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.log(`Ontvanger luistert op http://127.0.0.1:${port}/ en schrijft naar ${file}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
} else {
  fail('Gebruik: npm run receiver -- [keygen | show | ask <melding-id> "vraag"]');
}
