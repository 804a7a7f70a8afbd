/**
 * Worker thread that owns the SQLite connection (see ./sqlite.ts). It answers one message at a
 * time — { id, method, args } → { id, result } or { id, error } — and retries a checkpoint that a
 * reader blocked, so a delivered report leaves the WAL soon after delivery.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteReportDatabase } from './sqlite-database.ts';

const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const CHECKPOINT_RETRY_MS = 500;

let db: SqliteReportDatabase;
try {
  db = new SqliteReportDatabase(file, { busyTimeoutMs });
  db.needsCheckpoint = true; // a previous process may have stopped before its checkpoint
} catch (error) {
  parentPort!.postMessage({ id: 0, error: { message: (error as Error).message, code: (error as { code?: string }).code } });
  throw error;
}

let checkpointTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleCheckpoint(delay: number) {
  if (checkpointTimer || !db.needsCheckpoint) return;
  checkpointTimer = setTimeout(() => {
    checkpointTimer = undefined;
    try {
      db.checkpoint();
    } catch {
      // Locked: try again below.
    }
    scheduleCheckpoint(CHECKPOINT_RETRY_MS);
  }, delay);
  // The timer must not keep a finished process alive; close() checkpoints one last time.
  checkpointTimer.unref();
}
scheduleCheckpoint(0);

parentPort!.on('message', ({ id, method, args }: { id: number; method: string; args: unknown[] }) => {
  try {
    const result = (db as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args);
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: { message: (error as Error).message, code: (error as { code?: string; errcode?: number }).code } });
  }
  // Coalesces the checkpoints of a batch of deliveries into one.
  if (method === 'acknowledge' || method === 'purgeMailboxes' || method === 'openReceipt') scheduleCheckpoint(0);
});
