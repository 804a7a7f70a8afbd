/**
 * Baseline for `npm run bench:report`: the least a report endpoint can do — a bare node:http
 * handler that reads the form body and commits the same outbox insert (same SQLite settings,
 * fsync included). The real endpoint is compared against this in the same run.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SqliteOutbox } from '../../src/lib/report/outbox.ts';

const outbox = new SqliteOutbox(process.env.BASELINE_OUTBOX!);
const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const fields = Object.fromEntries(new URLSearchParams(body));
  const id = randomUUID();
  outbox.enqueue({ id, referenceCode: id.slice(0, 12), payload: JSON.stringify(fields) });
  res.writeHead(303, { location: '/ontvangen/' }).end();
});
server.listen(0, '127.0.0.1', () => {
  console.log(`baseline luistert op http://127.0.0.1:${(server.address() as { port: number }).port}/`);
});
