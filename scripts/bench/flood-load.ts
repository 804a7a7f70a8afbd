/**
 * The attackers of npm run bench:flood (scripts/bench/flood.ts), in a worker thread of their
 * own so that their work never delays the latency probe on the main thread. workerData:
 * { base, seconds, concurrency, addresses, kinds }; posts the answers' status counts per kind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { submitReport } from '../../tests/support/processes.ts';

const { base, seconds, concurrency, addresses, kinds } = workerData as {
  base: string;
  seconds: number;
  concurrency: number;
  addresses: number;
  kinds: string[];
};
/** An address from the benchmarking range 198.18.0.0/15 (RFC 2544): never a real reader. */
const address = (n: number) => `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
/** Node reads X-Forwarded-For (REPORT_TRUSTED_PROXIES=1), the Worker CF-Connecting-IP (kept by the preview's edge as Cloudflare would set it). */
const from = (ip: string) => ({ 'x-forwarded-for': ip, 'cf-connecting-ip': ip });
const statuses: Record<string, Record<string, number>> = { code: {}, report: {} };
/** Counts an answer by status; the host's busy page (src/server/busy-page.mjs) as "503 host", apart from the pages' own 503. */
const tally = async (kind: string, response: Response) => {
  const key = `${response.status}${/<h[12]>Het is nu erg druk<\/h[12]>/.test(await response.text()) ? ' host' : ''}`;
  statuses[kind][key] = (statuses[kind][key] ?? 0) + 1;
};
const report = {
  municipality: 'venlo',
  exploitationForm: 'arbeidsuitbuiting',
  dangerNow: 'nee',
  description: 'Benchmark: busje met mensen bij de loods, elke nacht.',
};

let n = 0;
const end = performance.now() + seconds * 1000;
const flooding = () => performance.now() < end;
const loops = (count: number, attack: () => Promise<void>) =>
  Array.from({ length: count }, async () => {
    while (flooding()) await attack();
  });
await Promise.all([
  ...(kinds.includes('codes')
    ? loops(concurrency, async () => {
        const response = await fetch(`${base}/melden/terugkomen/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...from(address(n++ % addresses)) },
          body: new URLSearchParams({ action: 'open', code: 'ABCD-EFGH-JKMN-PQRS-TVWX', language: 'nl' }),
        });
        await tally('code', response);
      })
    : []),
  ...(kinds.includes('reports')
    ? loops(concurrency, async () => {
        // Every report as a browser without JavaScript sends it: the form (for its token), then the post.
        const response = await submitReport(base, report, from(address(addresses + (n++ % addresses))));
        await tally('report', response);
      })
    : []),
]);
parentPort!.postMessage(statuses);
