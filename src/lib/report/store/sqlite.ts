/**
 * The embedded default store: one SQLite file in REPORT_DATA_DIR, owned by a worker thread
 * (./sqlite-worker.ts) so that waiting for a lock or an fsync never holds up the thread that
 * serves pages. Each call is a message to the worker; answers come back in order.
 */
import { Worker } from 'node:worker_threads';
import type { Claim, EnqueueExtras, EntryState, Mailbox, MailboxMessage, NewReport, OutboxListing, ReportStore, SlidingWindowHit } from './port.ts';
import { StoreUnavailableError } from './port.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class SqliteStore implements ReportStore {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #closed = false;
  #failure: Error | undefined;

  /**
   * @param file the database file (created 0600, its folder 0700)
   * @param busyTimeoutMs how long one statement waits for another process's lock before the
   *   call fails (the reporter then gets the form back, values kept)
   */
  constructor(file: string, { busyTimeoutMs = 1000 } = {}) {
    this.#worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { file, busyTimeoutMs } });
    // An idle store must not keep a process alive (the CLI, a test); pending calls ref it again.
    this.#worker.unref();
    this.#worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
      if (id === 0 && error) return this.#fail(new StoreUnavailableError(`De meldingenopslag kon niet openen: ${error.message}`, error.code));
      const call = this.#pending.get(id);
      if (!call) return;
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (error) call.reject(new StoreUnavailableError(error.message, error.code));
      else call.resolve(result);
    });
    this.#worker.on('error', (error) => this.#fail(new StoreUnavailableError(`De meldingenopslag stopte: ${error.message}`)));
    this.#worker.on('exit', () => this.#fail(new StoreUnavailableError('De meldingenopslag is gesloten.')));
  }

  #fail(error: Error) {
    this.#failure ??= error;
    for (const call of this.#pending.values()) call.reject(error);
    this.#pending.clear();
  }

  #call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new StoreUnavailableError('De meldingenopslag is gesloten.'));
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, method, args });
    });
  }

  enqueue(report: NewReport, extras?: EnqueueExtras) {
    return this.#call<void>('enqueue', report, extras);
  }
  findMailbox(lookup: string, now?: number) {
    return this.#call<Mailbox | undefined>('findMailbox', lookup, now);
  }
  addMessage(reportId: string, message: MailboxMessage, expiresAt: number, now?: number) {
    return this.#call<boolean>('addMessage', reportId, message, expiresAt, now);
  }
  purgeMailboxes(now?: number) {
    return this.#call<number>('purgeMailboxes', now);
  }
  claim(limit: number, leaseMs: number, now?: number) {
    return this.#call<Claim[]>('claim', limit, leaseMs, now);
  }
  acknowledge(id: string, leaseToken: string) {
    return this.#call<void>('acknowledge', id, leaseToken);
  }
  fail(id: string, leaseToken: string, outcome: { error: string; retryAt?: number; dead?: boolean }) {
    return this.#call<void>('fail', id, leaseToken, outcome);
  }
  list(state?: EntryState) {
    return this.#call<OutboxListing[]>('list', state);
  }
  outboxSize() {
    return this.#call<number>('outboxSize');
  }
  oldestPendingHour() {
    return this.#call<string | null>('oldestPendingHour');
  }
  retry(id?: string) {
    return this.#call<number>('retry', id);
  }
  openReceipt(lookup: string, take: boolean, now?: number) {
    return this.#call<string | undefined>('openReceipt', lookup, take, now);
  }
  useOnce(key: string, expiresAt: number, now?: number) {
    return this.#call<boolean>('useOnce', key, expiresAt, now);
  }
  hit(window: SlidingWindowHit, now?: number) {
    return this.#call<boolean>('hit', window, now);
  }

  async close() {
    if (this.#closed || this.#failure) return;
    // The worker closes the database (with a last checkpoint), then the thread ends.
    await this.#call<void>('close').catch(() => undefined);
    this.#closed = true;
    this.#worker.ref();
    await this.#worker.terminate();
  }
}
