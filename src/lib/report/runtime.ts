/**
 * The report pipeline's long-lived parts for the web process: configuration, outbox, fill
 * timer and rate limiter, created once on first use. The relay runs beside them, started by
 * scripts/serve.mjs with the same configuration and its own connection to the same outbox.
 */
import { FillTimer, RateLimiter } from './abuse.ts';
import { readReportConfig, type ReportConfig } from './config.ts';
import { SqliteOutbox } from './outbox.ts';
import { ProofOfWork } from './proof-of-work.ts';

export interface ReportRuntime {
  config: ReportConfig;
  outbox: SqliteOutbox;
  fillTimer: FillTimer;
  rateLimiter: RateLimiter;
  proofOfWork: ProofOfWork;
}

let runtime: ReportRuntime | undefined;

export function reportRuntime(): ReportRuntime {
  if (!runtime) {
    const config = readReportConfig();
    runtime = {
      config,
      outbox: new SqliteOutbox(config.outboxFile),
      fillTimer: new FillTimer(config.minFillSeconds),
      rateLimiter: new RateLimiter(config.rateLimitPerHour),
      proofOfWork: new ProofOfWork(config.proofOfWorkMaxNumber),
    };
  }
  return runtime;
}
