/**
 * npm run receiver — runs the reference intake receiver for local development.
 * RECEIVER_SECRET (whsec_…, must equal the server's REPORT_FORWARD_SECRET), RECEIVER_PORT
 * (default 4322; 0 = any free port), RECEIVER_FILE (default data/receiver/reports.jsonl).
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createReceiver } from '../src/lib/report/receiver.ts';

const secret = process.env.RECEIVER_SECRET;
if (!secret?.startsWith('whsec_')) {
  console.error('Zet RECEIVER_SECRET op dezelfde whsec_-sleutel als REPORT_FORWARD_SECRET van de server.');
  process.exit(1);
}
const file = process.env.RECEIVER_FILE ?? join(process.cwd(), 'data', 'receiver', 'reports.jsonl');
const handle = createReceiver({ secret, file });
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
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
