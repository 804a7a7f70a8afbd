/**
 * Baseline for `npm run bench:report`: the least a report endpoint can do — a bare node:http
 * handler that reads the form body and commits one insert with the same durability, on the main
 * thread: SQLite (WAL, synchronous=FULL) in BASELINE_SQLITE, or PostgreSQL at BASELINE_POSTGRES.
 * The real endpoint is compared against this in the same run.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

type Insert = (id: string, payload: string) => unknown;

async function openInsert(): Promise<Insert> {
  if (process.env.BASELINE_POSTGRES) {
    const pool = new pg.Pool({ connectionString: process.env.BASELINE_POSTGRES, max: 5 });
    await pool.query('CREATE TABLE IF NOT EXISTS baseline (id TEXT PRIMARY KEY, payload TEXT NOT NULL)');
    return (id, payload) => pool.query('INSERT INTO baseline (id, payload) VALUES ($1, $2)', [id, payload]);
  }
  const file = process.env.BASELINE_SQLITE!;
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS baseline (id TEXT PRIMARY KEY, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO baseline (id, payload) VALUES (?, ?)');
  return (id, payload) => void insert.run(id, payload);
}

const insert = await openInsert();
const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  await insert(randomUUID(), JSON.stringify(Object.fromEntries(new URLSearchParams(body))));
  res.writeHead(303, { location: '/ontvangen/' }).end();
});
server.listen(0, '127.0.0.1', () => {
  console.log(`baseline luistert op http://127.0.0.1:${(server.address() as { port: number }).port}/`);
});
