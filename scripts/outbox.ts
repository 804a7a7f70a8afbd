/**
 * npm run outbox -- <command>: the operator's view of the report outbox.
 *   list            every entry still waiting or dead (no report content is shown)
 *   dead            only the dead letters
 *   retry <id>      put one dead entry back in the queue
 *   retry-all       put every dead entry back in the queue
 * Uses REPORT_DATA_DIR like the server.
 */
import { readReportConfig } from '../src/lib/report/config.ts';
import { SqliteOutbox } from '../src/lib/report/outbox.ts';

const [command, id] = process.argv.slice(2);
const config = readReportConfig();
const outbox = new SqliteOutbox(config.outboxFile);
try {
  if (command === 'list' || command === 'dead') {
    const entries = outbox.list(command === 'dead' ? 'dead' : undefined);
    if (entries.length === 0) console.log('Geen meldingen in de outbox.');
    for (const e of entries) {
      const next = e.state === 'pending' ? (e.nextAttemptAt ? new Date(e.nextAttemptAt).toISOString() : 'nu') : '-';
      console.log(`${e.id}  ${e.referenceCode}  ${e.state}  pogingen=${e.attempts}  volgende=${next}  fout=${e.lastError ?? '-'}`);
    }
  } else if (command === 'retry' && id) {
    console.log(outbox.retry(id) ? `${id} staat weer in de wachtrij.` : `${id} is geen dode brief.`);
  } else if (command === 'retry-all') {
    console.log(`${outbox.retry()} melding(en) staan weer in de wachtrij.`);
  } else {
    console.log('Gebruik: npm run outbox -- list | dead | retry <id> | retry-all');
    process.exitCode = command ? 1 : 0;
  }
} finally {
  outbox.close();
}
