/**
 * npm run outbox -- <command>: the operator's view of the report outbox.
 *   list            every entry still waiting or dead (no report content is shown)
 *   dead            only the dead letters
 *   retry <id>      put one dead entry back in the queue
 *   retry-all       put every dead entry back in the queue
 * Uses the same REPORT_* settings as the server (REPORT_DATABASE_URL or REPORT_DATA_DIR).
 */
import { readReportConfig } from '../src/lib/report/core/config.ts';
import { openReportStore } from '../src/lib/report/store/index.ts';

const [command, id] = process.argv.slice(2);
const store = await openReportStore(readReportConfig());
try {
  if (command === 'list' || command === 'dead') {
    const entries = await store.list(command === 'dead' ? 'dead' : undefined);
    if (entries.length === 0) console.log('Geen meldingen in de outbox.');
    for (const e of entries) {
      const next = e.state === 'pending' ? (e.nextAttemptAt ? new Date(e.nextAttemptAt).toISOString() : 'nu') : '-';
      console.log(`${e.id}  ${e.state}  pogingen=${e.attempts}  volgende=${next}  fout=${e.lastError ?? '-'}`);
    }
  } else if (command === 'retry' && id) {
    console.log((await store.retry(id)) ? `${id} staat weer in de wachtrij.` : `${id} is geen dode brief.`);
  } else if (command === 'retry-all') {
    console.log(`${await store.retry()} melding(en) staan weer in de wachtrij.`);
  } else {
    console.log('Gebruik: npm run outbox -- list | dead | retry <id> | retry-all');
    process.exitCode = command ? 1 : 0;
  }
} finally {
  await store.close();
}
