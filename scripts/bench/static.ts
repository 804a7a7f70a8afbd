/**
 * npm run bench:static — our Node server against nginx on the same built files, side by side in
 * one run: `wrk` on /hulp/, / and the largest hashed stylesheet, each without and with
 * `Accept-Encoding: br, gzip`, nginx and ours one after the other per row. Goal (issue 21): at
 * least 0.5× nginx's requests/s and p99 at most 2× nginx's.
 *
 * nginx is Debian's (`apt-get install -y nginx-light wrk`): one worker process (ours is one
 * process too), access log off, sendfile, `gzip_static on` (Debian's nginx has no Brotli, so
 * it sends the .gz copies where we send .br), and the same security headers as ours, so both
 * send headers of a similar size. It runs as its own process on loopback with a config in a
 * temporary folder and is stopped by its PID. Skips with a message when nginx or wrk is missing.
 *
 * The machine is shared, so one run of each is noise: every row is BENCH_ROUNDS rounds (default
 * 3) of nginx and ours in turn (the order alternating), and the table gives the medians. With
 * `taskset` on the machine, both servers are pinned to the first core and wrk to the second, so
 * neither server competes with the load generator.
 *
 * A third server in the same rounds is the Node floor (node-floor-server.ts): a bare node:http
 * server answering our server's recorded responses (same headers, same bytes) from memory. It
 * shows how much of the distance to nginx is Node's own HTTP stack with our headers, and how
 * much our serving path adds.
 *
 * Settings: BENCH_SECONDS (per run, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
 * (default 32). Needs a build.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { startServer } from '../../tests/support/processes.ts';
import { FRAME_POLICY, SECURITY_HEADERS } from '../../src/server/security-headers.mjs';
import { median } from './measure.ts';

const execFileAsync = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CLIENT = resolve('dist/client');

const which = (command: string) => ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin'].map((d) => join(d, command)).find(existsSync);
const nginxBinary = which('nginx');
const wrkBinary = which('wrk');
const tasksetBinary = which('taskset');
if (!nginxBinary || !wrkBinary) {
  console.log(
    `bench:static overgeslagen: ${[!nginxBinary && 'nginx', !wrkBinary && 'wrk'].filter(Boolean).join(' en ')} ontbreekt. Installeer met: apt-get install -y nginx-light wrk`,
  );
  process.exit(0);
}
if (!existsSync(join(CLIENT, 'index.html'))) {
  console.error('Geen build in dist/client. Bouw eerst de site met: npm run build');
  process.exit(1);
}

/** A free port on loopback, for nginx (which cannot report the port it picked). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

async function waitForPort(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx luistert niet op ${port}`);
}

function nginxConfig(dir: string, port: number): string {
  const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Security-Policy': FRAME_POLICY })
    .map(([name, value]) => `add_header ${name} "${value}" always;`)
    .join('\n      ');
  return `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  gzip_static on;
  server {
    listen 127.0.0.1:${port};
    root ${CLIENT};
    location / {
      ${headers}
      add_header Cache-Control "no-cache" always;
      add_header Vary "Accept-Encoding" always;
    }
    location /_astro/ {
      ${headers}
      add_header Cache-Control "public, max-age=31536000, immutable" always;
      add_header Vary "Accept-Encoding" always;
    }
  }
}
`;
}

/** Milliseconds from wrk's "1.23ms", "456.00us", "1.02s". */
function millis(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) return Number.NaN;
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One wrk run; asynchronous, so that a signal to this script is handled between runs. */
async function runWrk(url: string, encoding: boolean): Promise<Result> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', ...(encoding ? ['-H', 'Accept-Encoding: br, gzip'] : []), url];
  const { stdout } = tasksetBinary ? await execFileAsync(tasksetBinary, ['-c', '1', wrkBinary!, ...args]) : await execFileAsync(wrkBinary!, args);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? '0';
  const socketErrors = /Socket errors: .*?(\d+)/.exec(stdout)?.[1] ?? '0';
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]),
    p50: millis(/\s50%\s+(\S+)/.exec(stdout)?.[1] ?? ''),
    p99: millis(/\s99%\s+(\S+)/.exec(stdout)?.[1] ?? ''),
    errors: Number(errors) + Number(socketErrors),
  };
}

const medians = (results: Result[]): Result => ({
  rps: median(results.map((r) => r.rps)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  errors: 0,
});

/**
 * One answer of our server as sent, for the Node floor: the header list without the three that
 * node:http adds to every answer itself (Date, Connection, Keep-Alive), and the bytes.
 */
function record(url: string, encoding: boolean): Promise<{ headers: string[]; body: string }> {
  return new Promise((done, fail) => {
    request(url, { headers: { 'accept-encoding': encoding ? 'br, gzip' : 'identity' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          if (!/^(date|connection|keep-alive)$/i.test(response.rawHeaders[i])) headers.push(response.rawHeaders[i], response.rawHeaders[i + 1]);
        }
        done({ headers, body: Buffer.concat(chunks).toString('base64') });
      });
    })
      .on('error', fail)
      .end();
  });
}

/** Status, body size and Content-Encoding of one answer, as sent (node:http does not decompress). */
function answer(url: string, encoding: boolean): Promise<{ bytes: number; encoding: string; status: number }> {
  return new Promise((done, fail) => {
    get(url, { headers: { 'accept-encoding': encoding ? 'br, gzip' : 'identity' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => done({ bytes, encoding: String(response.headers['content-encoding'] ?? '—'), status: response.statusCode ?? 0 }));
    }).on('error', fail);
  });
}

const css = readdirSync(join(CLIENT, '_astro'))
  .filter((f) => f.endsWith('.css'))
  .sort((a, b) => statSync(join(CLIENT, '_astro', b)).size - statSync(join(CLIENT, '_astro', a)).size)[0];
const PATHS = ['/hulp/', '/', `/_astro/${css}`];

const dir = mkdtempSync(join(tmpdir(), 'bench-static-'));
let nginx: ChildProcess | undefined;
let floor: ChildProcess | undefined;
const dataDir = join(dir, 'data');
const ours = await startServer({ REPORT_DATA_DIR: dataDir });
// Stopped by a signal to this script alone (not the terminal's Ctrl-C, which reaches the whole
// process group): stop nginx and our server too instead of leaving them running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    nginx?.kill('SIGQUIT');
    floor?.kill('SIGTERM');
    void ours.stop().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}
try {
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, port));
  // Under taskset (which execs nginx, so the PID stays nginx's), its worker inherits the core.
  const nginxArgs = ['-p', dir, '-c', join(dir, 'nginx.conf')];
  nginx = tasksetBinary
    ? spawn(tasksetBinary, ['-c', '0', nginxBinary, ...nginxArgs], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(nginxBinary, nginxArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxErrors = '';
  nginx.stderr!.on('data', (c: Buffer) => (nginxErrors += c.toString()));
  nginx.once('exit', (code) => code && console.error(`nginx stopte (${code}): ${nginxErrors}`));
  await waitForPort(port);
  // Both servers on the first core, wrk on the second (runWrk): the load generator never takes a server's core.
  if (tasksetBinary) spawnSync(tasksetBinary, ['-a', '-p', '-c', '0', String(ours.process.pid)]);
  // The Node floor, on the same core, with our answers recorded once.
  const recorded: Record<string, { headers: string[]; body: string }> = {};
  for (const path of PATHS) for (const encoding of [false, true]) recorded[`${path} ${encoding ? 'br' : 'identity'}`] = await record(ours.url + path, encoding);
  writeFileSync(join(dir, 'floor.json'), JSON.stringify(recorded));
  floor = spawn(process.execPath, ['scripts/bench/node-floor-server.ts'], {
    env: { ...process.env, FLOOR_ANSWERS: join(dir, 'floor.json'), PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const floorUrl = await new Promise<string>((found) =>
    floor!.stdout!.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(chunk.toString());
      if (match) found(match[0]);
    }),
  );
  if (tasksetBinary) spawnSync(tasksetBinary, ['-a', '-p', '-c', '0', String(floor.pid)]);
  const hosts = { nginx: `http://127.0.0.1:${port}`, ours: ours.url, floor: floorUrl };

  console.log(
    `wrk -t1 -c${CONNECTIONS} -d${SECONDS}s --latency, median of ${ROUNDS} rounds${tasksetBinary ? ' (servers on core 0, wrk on core 1)' : ''}, nginx ${spawnSync(nginxBinary, ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '')} (1 worker), ours and the Node floor (our answers from memory, node-floor-server.ts) on the same dist/client, one after the other per row.\n`,
  );
  console.log(
    '| path | Accept-Encoding | nginx req/s | ours req/s | ratio (≥ 0.5) | nginx p50 / p99 ms | ours p50 / p99 ms | p99 ratio (≤ 2) | Node floor req/s, p50 / p99 ms | ours / floor: req/s, p99 | body nginx / ours |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  let met = true;
  for (const path of PATHS) {
    for (const encoding of [false, true]) {
      const runs: Record<string, Result[]> = { nginx: [], ours: [], floor: [] };
      const bodies: string[] = [];
      for (const [name, base] of Object.entries({ nginx: hosts.nginx, ours: hosts.ours })) {
        const a = await answer(base + path, encoding);
        if (a.status !== 200) throw new Error(`${name} ${path}: ${a.status}`);
        bodies.push(`${a.bytes} ${a.encoding}`);
      }
      for (let round = 0; round < ROUNDS; round++) {
        // Each server first, second and last in turn.
        const order = (['nginx', 'ours', 'floor'] as const).map((_, i, all) => all[(i + round) % all.length]);
        for (const name of order) {
          const result = await runWrk(hosts[name] + path, encoding);
          if (result.errors) throw new Error(`${name} ${path}: ${result.errors} fouten`);
          runs[name].push(result);
        }
      }
      const results = { nginx: medians(runs.nginx), ours: medians(runs.ours), floor: medians(runs.floor) };
      const ratio = results.ours.rps / results.nginx.rps;
      const p99Ratio = results.ours.p99 / results.nginx.p99;
      met &&= ratio >= 0.5 && p99Ratio <= 2;
      const label = path.startsWith('/_astro/') ? '/_astro/….css' : path;
      console.log(
        `| ${label} | ${encoding ? 'br, gzip' : '—'} | ${results.nginx.rps.toFixed(0)} | ${results.ours.rps.toFixed(0)} | ${ratio.toFixed(2)} | ` +
          `${results.nginx.p50.toFixed(2)} / ${results.nginx.p99.toFixed(2)} | ${results.ours.p50.toFixed(2)} / ${results.ours.p99.toFixed(2)} | ${p99Ratio.toFixed(2)} | ` +
          `${results.floor.rps.toFixed(0)}, ${results.floor.p50.toFixed(2)} / ${results.floor.p99.toFixed(2)} | ${(results.ours.rps / results.floor.rps).toFixed(2)}, ${(results.ours.p99 / results.floor.p99).toFixed(2)} | ${bodies.join(' / ')} |`,
      );
    }
  }
  console.log(`\n${met ? 'Doel gehaald' : 'Doel NIET gehaald'}: ≥ 0.5× de verzoeken per seconde van nginx en p99 ≤ 2× die van nginx, op elke rij.`);
  process.exitCode = met ? 0 : 1;
} finally {
  if (nginx && nginx.exitCode === null) {
    const exited = once(nginx, 'exit');
    nginx.kill('SIGQUIT');
    await exited;
  }
  if (floor && floor.exitCode === null) {
    const exited = once(floor, 'exit');
    floor.kill('SIGTERM');
    await exited;
  }
  await ours.stop();
  rmSync(dir, { recursive: true, force: true });
}
