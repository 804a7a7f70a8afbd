/**
 * One write transaction on a node:sqlite database, taken with BEGIN IMMEDIATE so the write lock
 * is held from the start (two processes that read first and write later would otherwise meet in
 * SQLITE_BUSY halfway), and rolled back on any error. Shared by the report store and the desk's
 * store, which open their files the same way.
 */
import type { DatabaseSync } from 'node:sqlite';

export function immediateTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
