/**
 * npm run desk: the intake desk (meldbalie), its own process on its own origin (docs/DESK.md).
 *   npm run desk                     build when needed, then serve on DESK_HOST:DESK_PORT
 *   npm run desk -- verify-audit     check the audit log's hash chain (exit 1 when broken)
 * A fresh desk prints a one-time set-up link for the first beheerder.
 */
import { buildDeskWhenChanged, DESK_ENTRY } from './lib/desk-build.mjs';
import { loadDeskConfig } from '../src/desk/server/config.ts';
import { openDeskStore } from '../src/desk/server/open-store.ts';
import { verifyChain } from '../src/desk/server/audit.ts';
import { AttemptLimiter } from '../src/desk/server/auth.ts';
import { RECEIVE_PATH, setupLink } from '../src/desk/server/api.ts';
import { createDeskServer } from '../src/desk/server/http.ts';
import { startDigest } from '../src/desk/server/digest.ts';

let config;
try {
  config = loadDeskConfig();
} catch (problem) {
  console.error(`Meldbalie: ${(problem as Error).message}`);
  process.exit(2);
}
let store;
try {
  store = await openDeskStore(config);
} catch (problem) {
  console.error(`Meldbalie: ${(problem as Error).message}`);
  process.exit(2);
}

if (process.argv[2] === 'verify-audit') {
  const rows = await store.audit();
  const broken = verifyChain(rows);
  await store.close();
  if (broken) {
    console.error(`Logboek GEBROKEN bij regel ${broken.seq}: ${broken.reason}.`);
    process.exit(1);
  }
  console.log(`Logboek in orde: ${rows.length} regels, de keten klopt.`);
  process.exit(0);
} else if (process.argv[2]) {
  console.error(`Onbekende opdracht: ${process.argv[2]}. Gebruik: npm run desk, of npm run desk -- verify-audit`);
  process.exit(2);
}

const built = buildDeskWhenChanged();
if (built !== 0) process.exit(built);
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(DESK_ENTRY)) as { handler: Parameters<typeof createDeskServer>[1] };

const desk = { config, store, limiter: new AttemptLimiter() };
const server = createDeskServer(desk, handler);
const link = await setupLink(desk);
server.listen(config.port, config.host, () => {
  // One write, so whoever waits for the first line also has the link.
  console.log(
    [
      `Meldbalie luistert op http://${config.host}:${config.port}/ (openbaar adres ${config.origin}/)`,
      `Ontvangst van meldingen: ${config.origin}${RECEIVE_PATH}`,
      ...(link ? ['', 'Nog niet ingesteld. Open deze eenmalige link om de eerste beheerder en de sleutel te maken:', `  ${link}`, ''] : []),
    ].join('\n'),
  );
});
// The daily digest: how many cases are new or overdue, at most once a day (docs/DESK.md).
const stopDigest = config.notifyUrl ? startDigest(store, { url: config.notifyUrl, secret: config.notifySecret }) : () => {};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopDigest();
    server.close();
    void store.close().then(() => process.exit(0));
  });
}
