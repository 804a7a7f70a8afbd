/**
 * Odd requests as an outside tester sends them, as raw bytes, with the answer both hosts must
 * give: the Node server (tests/integration/server-hardening.test.ts) and the Worker in its
 * preview (tests/serverless/worker.test.ts). Made-up and unsupported methods get 405 with Allow,
 * what is not a valid request 400, a form too large 413; never a 5xx. Every request carries
 * MARKER (in the address or the Host), which must never show up in a host's output.
 */
import { connect } from 'node:net';

export const MARKER = 'MARKEERCODE-77q';

export interface OddRequest {
  name: string;
  /** The request as sent on the wire (every one asks to close the connection after the answer). */
  raw: string;
  status: number;
  /** The Allow header the answer must carry, where it is a 405. */
  allow?: string;
}

const get = (target: string, headers = 'Host: localhost\r\n', method = 'GET') => `${method} ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

/** The report form, fully sent, with a description of `size` bytes: past the 64 KB a body may carry. */
function bigForm(size: number): string {
  const body = `token=x&language=nl&description=${'a'.repeat(size)}`;
  return `POST /melden/anoniem/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
}

const post = (headers: string, body: string) =>
  `POST /melden/anoniem/?${MARKER} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n${headers}Connection: close\r\n\r\n${body}`;

const ALL = 'GET, HEAD, POST';

export const ODD_REQUESTS: OddRequest[] = [
  { name: 'TRACE', raw: get(`/hulp/?${MARKER}`, undefined, 'TRACE'), status: 405, allow: ALL },
  { name: 'verzonnen methode FROBNICATE', raw: get(`/hulp/?${MARKER}`, undefined, 'FROBNICATE'), status: 405, allow: ALL },
  { name: 'methode in kleine letters', raw: get(`/hulp/?${MARKER}`, undefined, 'get'), status: 405, allow: ALL },
  { name: 'PROPFIND (WebDAV)', raw: get(`/hulp/?${MARKER}`, undefined, 'PROPFIND'), status: 405, allow: ALL },
  { name: 'PUT', raw: get(`/hulp/?${MARKER}`, undefined, 'PUT'), status: 405, allow: ALL },
  { name: 'DELETE', raw: get(`/melden/anoniem/?${MARKER}`, undefined, 'DELETE'), status: 405, allow: ALL },
  { name: 'OPTIONS', raw: get(`/hulp/?${MARKER}`, undefined, 'OPTIONS'), status: 405, allow: ALL },
  { name: 'OPTIONS *', raw: get('*', undefined, 'OPTIONS'), status: 405, allow: ALL },
  { name: 'PATCH', raw: get(`/?${MARKER}`, undefined, 'PATCH'), status: 405, allow: ALL },
  {
    name: 'POST op een statische pagina',
    raw: `POST /hulp/?${MARKER} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    status: 405,
    allow: 'GET, HEAD',
  },
  { name: 'GET *', raw: get('*'), status: 400 },
  { name: 'absoluut adres naar een andere site', raw: get(`http://elders.example/${MARKER}`), status: 400 },
  { name: 'adres zonder / ervoor', raw: get(`hulp/?${MARKER}`), status: 400 },
  { name: 'adres dat met // begint', raw: get(`//elders.example/${MARKER}`), status: 400 },
  { name: 'Host met een @', raw: get(`/melden/anoniem/ontvangen/?r=${MARKER}`, `Host: ${MARKER}@y\r\n`), status: 400 },
  { name: 'Host met een spatie', raw: get('/hulp/', `Host: ${MARKER} y\r\n`), status: 400 },
  { name: 'geen Host', raw: `GET /hulp/?${MARKER} HTTP/1.1\r\nConnection: close\r\n\r\n`, status: 400 },
  { name: 'Host twee keer, verschillend', raw: get(`/hulp/?${MARKER}`, `Host: localhost\r\nHost: ${MARKER}.example\r\n`), status: 400 },
  { name: 'Host twee keer, gelijk', raw: get(`/melden/anoniem/?${MARKER}`, 'Host: localhost\r\nHost: localhost\r\n'), status: 400 },
  { name: 'lege Host', raw: get(`/hulp/?${MARKER}`, 'Host: \r\n'), status: 400 },
  { name: 'kapotte procentcodering', raw: get(`/%E0%A4%A/?${MARKER}`), status: 400 },
  { name: 'NUL in het pad', raw: get(`/hulp%00/?${MARKER}`), status: 400 },
  { name: 'Content-Length twee keer, gelijk', raw: post('Content-Length: 5\r\nContent-Length: 5\r\n', 'x=abc'), status: 400 },
  { name: 'Content-Length twee keer, verschillend', raw: post('Content-Length: 5\r\nContent-Length: 6\r\n', 'x=abcd'), status: 400 },
  { name: 'Content-Length naast Transfer-Encoding', raw: post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'), status: 400 },
  { name: 'Transfer-Encoding twee keer', raw: post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'), status: 400 },
  { name: 'Transfer-Encoding met chunked niet als laatste', raw: post('Transfer-Encoding: chunked, identity\r\n', '0\r\n\r\n'), status: 400 },
  { name: 'Transfer-Encoding zonder chunked', raw: post('Transfer-Encoding: identity\r\n', 'x=abc'), status: 400 },
  {
    name: 'Transfer-Encoding naast twee keer Content-Length',
    raw: post('Transfer-Encoding: chunked\r\nContent-Length: 5\r\nContent-Length: 6\r\n', '0\r\n\r\n'),
    status: 400,
  },
  { name: 'Content-Length geen getal', raw: post('Content-Length: vijf\r\n', 'x=abc'), status: 400 },
  { name: 'onbekende ontvangstlink', raw: get(`/melden/anoniem/ontvangen/?r=${MARKER}`), status: 404 },
  { name: 'formulier van 100 KB, helemaal verstuurd', raw: bigForm(100_000), status: 413 },
  { name: 'formulier van 200 KB, helemaal verstuurd', raw: bigForm(200_000), status: 413 },
];

export interface RawAnswer {
  /** The status code, or 0 when the host closed the connection without an answer. */
  status: number;
  headers: Record<string, string>;
}

/** Sends the bytes of an odd request to a host (http://127.0.0.1:port) and reads the answer's head. */
export function sendRaw(url: string, raw: string): Promise<RawAnswer> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let data = '';
    const done = () => {
      const [statusLine, ...lines] = data.slice(0, data.indexOf('\r\n\r\n') >>> 0).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers });
    };
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(raw));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('close', done);
    // A host that answers before the whole upload is in may reset the rest: the answer counts.
    socket.on('error', () => undefined);
    socket.setTimeout(15_000, () => socket.destroy());
  });
}
