/**
 * npm run relay — the relay on its own, for a deployment that runs it as a separate worker
 * (set REPORT_RELAY=off on the web servers). Same REPORT_* settings as the server; with
 * `--once` (npm run relay -- --once) it delivers what is due once and exits (for a scheduled job), with exit code 1
 * when something could not be delivered.
 */
import { quietProcessOutput } from '../src/server/quiet-log.mjs';
import { readReportConfig } from '../src/lib/report/core/config.ts';
import { openReportStore } from '../src/lib/report/store/index.ts';
import { createRelay } from '../src/lib/report/relay/relay.ts';

quietProcessOutput();
let config;
try {
  config = readReportConfig();
  if (!config.forwardUrl) throw new Error('Zet REPORT_FORWARD_URL en REPORT_FORWARD_SECRET: zonder adres heeft de relay niets te doen.');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const store = await openReportStore(config);
/** Reports per pass when run once (a scheduled job): the job has the process to itself. */
const BATCH = 50;
const relay = createRelay({ store, config });

if (process.argv.includes('--once')) {
  // Deliver everything due now, batch after batch, then stop.
  const total = await relay.drain({ batch: BATCH });
  console.log(`Meldingen: ${total.delivered} afgeleverd, ${total.retrying} later opnieuw, ${total.dead} naar de dode brieven.`);
  await store.close();
  process.exitCode = total.retrying + total.dead > 0 ? 1 : 0;
} else {
  relay.start();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      await relay.stop();
      await store.close();
      process.exit(0);
    });
  }
}
