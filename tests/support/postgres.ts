/**
 * A real, throw-away PostgreSQL server for tests: `initdb` into a fresh temporary folder,
 * `pg_ctl start` on a free port of 127.0.0.1 (the unix socket stays inside the folder), and
 * `stop()` removes everything. No mocks: the store is tested against the engine it runs on.
 *
 * PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres`
 * user that Debian's package creates, in a folder that user owns.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** What ./postgres-global-setup.ts hands to the tests (undefined when it is not wired in). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database on the run's shared PostgreSQL server (postgres://postgres@127.0.0.1:PORT/meldwijzer). */
    postgresUrl: string;
  }
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/DB — a database created for this server. */
  url: string;
  port: number;
  /** Folder of the server's binaries, for matching client tools (pg_dump, psql). */
  bindir: string;
  /** The temporary folder (data directory, socket, log); gone after stop(). */
  dir: string;
  /** Creates another empty database on this server and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server at once (pg_ctl -m immediate) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_HINT = 'Installeer de PostgreSQL-server met: apt-get install postgresql (of zet PG_BINDIR op de map met initdb en pg_ctl).';

/** The folder holding initdb, pg_ctl and postgres: PG_BINDIR, `pg_config --bindir`, or the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBindir(): string {
  const usable = (dir: string | undefined): dir is string => !!dir && ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name)));
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv) {
    if (usable(fromEnv)) return fromEnv;
    throw new Error(`PG_BINDIR=${fromEnv} bevat geen initdb, pg_ctl en postgres. ${INSTALL_HINT}`);
  }
  // Debian's pg_config may come from libpq-dev and name a version whose server is not installed.
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const fromConfig = config.status === 0 ? config.stdout.trim() : undefined;
  if (usable(fromConfig)) return fromConfig;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && usable(join(root, v, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return join(root, versions[0], 'bin');
  throw new Error(`Geen PostgreSQL-server gevonden (initdb ontbreekt; gezocht via pg_config en in ${root}/*/bin). ${INSTALL_HINT}`);
}

const isRoot = () => process.getuid?.() === 0;

/** Under root, every command runs as the postgres user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = asServerUser(command, args);
  return new Promise((resolve, reject) => {
    // LC_ALL=C: initdb fails on a CI image whose LANG names a locale that is not generated.
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} kon niet starten: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} stopte met ${code ?? signal}:\n${output}`));
    });
  });
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The user id and group id of the postgres user, which Debian's package creates. */
function serverUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`Als root draait PostgreSQL als gebruiker postgres, maar die bestaat niet. ${INSTALL_HINT}`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Under root the postgres user must be able to reach the folder: every parent needs o+x. */
function baseDir(): string {
  const base = tmpdir();
  if (!isRoot()) return base;
  for (let dir = base; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return '/tmp';
    if (dir === dirname(dir)) return base;
  }
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
let databases = 0;

/**
 * Creates an empty database on the server behind `serverUrl` (any database URL of it) and
 * returns the new database's URL. Without a name, a unique one is made up.
 */
export async function createDatabase(serverUrl: string, name = `t${process.pid}_${Date.now().toString(36)}_${databases++}`): Promise<string> {
  if (!NAME.test(name)) throw new Error(`Ongeldige databasenaam ${JSON.stringify(name)}: gebruik kleine letters, cijfers en _.`);
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Stops a server synchronously: for process exit, when nothing asynchronous runs any more. */
function stopNow(bindir: string, dir: string) {
  const [file, argv] = asServerUser(join(bindir, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  if (existsSync(join(dir, 'data', 'postmaster.pid'))) spawnSync(file, argv, { stdio: 'ignore', timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a fresh PostgreSQL server and creates one database on it (`database`, default "meldwijzer").
 * Takes about a second or two; share one server per test run (./postgres-global-setup.ts)
 * and give each test its own database.
 */
export async function startPostgres({ database = 'meldwijzer' }: { database?: string } = {}): Promise<PostgresServer> {
  const bindir = findPostgresBindir();
  const owner = isRoot() ? serverUser() : undefined;
  const dir = mkdtempSync(join(baseDir(), 'mwpg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  // If the test process ends without stop() (a crash, Ctrl-C), the server must not outlive it.
  const onExit = () => stopNow(bindir, dir);
  process.once('exit', onExit);

  let port = 0;
  try {
    // --no-sync: the folder is thrown away anyway; the server itself keeps fsync on.
    await run(join(bindir, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Another process may take the free port before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const settings = [`-c listen_addresses=127.0.0.1`, `-c port=${port}`, `-c unix_socket_directories=${dir}`];
      try {
        await run(join(bindir, 'pg_ctl'), ['-D', data, '-l', log, '-o', settings.join(' '), '-w', '-t', '60', 'start'], 90_000);
        break;
      } catch (error) {
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (attempt < 3 && /could not bind|Address already in use/i.test(serverLog)) continue;
        throw new Error(`PostgreSQL startte niet: ${(error as Error).message}\n${serverLog}`);
      }
    }
  } catch (error) {
    process.off('exit', onExit);
    stopNow(bindir, dir);
    throw error;
  }

  const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const server: PostgresServer = {
    url: '',
    port,
    bindir,
    dir,
    createDatabase: (name?: string) => createDatabase(serverUrl, name),
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      try {
        await run(join(bindir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    server.url = await createDatabase(serverUrl, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
