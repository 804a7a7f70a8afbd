/**
 * The Node floor for bench:static: a bare node:http server that answers the recorded responses
 * of our server (status 200, the same header list, the same bytes) from memory, with nothing per
 * request but a map lookup. What it cannot beat on this machine, our server cannot either; the
 * difference between the two is what our serving path costs beyond Node's own HTTP stack.
 *
 * Reads the recorded answers from the JSON file in FLOOR_ANSWERS ({ "<path> <br|identity>":
 * { headers: [name, value, …], body: base64 } }), listens on 127.0.0.1:PORT and prints the address.
 * Brotli is sent when Accept-Encoding names br, as our server does for these clients.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

type Recorded = Record<string, { headers: string[]; body: string }>;
const recorded: Recorded = JSON.parse(readFileSync(process.env.FLOOR_ANSWERS ?? '', 'utf8'));
const answers = new Map(Object.entries(recorded).map(([key, { headers, body }]) => [key, { headers, body: Buffer.from(body, 'base64') }]));

const server = createServer((req, res) => {
  const encoding = req.headers['accept-encoding']?.includes('br') ? 'br' : 'identity';
  const answer = answers.get(`${req.url} ${encoding}`);
  if (!answer) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, answer.headers);
  res.end(answer.body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`Node-vloer draait op http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}/`);
});
