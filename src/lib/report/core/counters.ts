/**
 * Counters of the report path for the operator and the desk: how much work was done and refused,
 * how many reports were accepted and why others were not. Plain numbers without labels that could
 * single out a report or a reader (never an address, a code, a municipality or a time finer than
 * the scrape). The Node server's metrics endpoint reads `counterSnapshot()`.
 *
 * The values live on globalThis: the host imports this module from src/ while the pages run the
 * built bundle's copy of it (like host/runtime.ts).
 */
export const COUNTERS = {
  work_started: 'Costly operations (Argon2id of a receipt code, sealing a report) started.',
  work_refused_full: 'Costly operations refused because the work queue was full (answered 503 with Retry-After).',
  work_refused_pressure: 'Requests refused under pressure because they carried no proof of work that was hard enough (answered 503 with Retry-After).',
  reports_accepted: 'Reports committed to the outbox.',
  reports_refused_pending_cap: 'Reports refused because REPORT_MAX_PENDING reports wait for delivery.',
  reports_refused_rate_limit: "Reports refused because the reader's hourly limit was reached.",
  follow_up_attempts: 'Attempts to open a conversation with a receipt code that reached the slow hash.',
  follow_up_refused_rate_limit: "Attempts refused because the reader's hourly limit was reached.",
  render_refused_full: 'On-demand requests answered with the busy page because every render slot was busy and the queue full.',
  render_paid:
    "On-demand requests that carried a valid, unused proof of work of the paid lane's level: they wait in the paid lane, served before the ordinary queue, while it has room.",
} as const;

export const GAUGES = {
  work_running: 'Costly operations running now.',
  work_waiting: 'Costly operations waiting for a turn now.',
  work_level: 'Proof-of-work level asked of readers now (0 idle, 4 highest).',
  render_running: 'On-demand renders running now (at most REPORT_RENDER_CONCURRENCY).',
  render_waiting: 'On-demand requests waiting for a render slot now in the ordinary queue.',
  render_paid_waiting: 'Requests with a valid proof of work waiting in the paid lane now (at most REPORT_RENDER_PAID_QUEUE).',
} as const;

export type CounterName = keyof typeof COUNTERS;
export type GaugeName = keyof typeof GAUGES;

const KEY = Symbol.for('meldwijzer.reportCounters');
type Values = { counters: Record<string, number>; gauges: Record<string, number> };
const values = (): Values => ((globalThis as { [KEY]?: Values })[KEY] ??= { counters: {}, gauges: {} });

export function count(name: CounterName, by = 1): void {
  const { counters } = values();
  counters[name] = (counters[name] ?? 0) + by;
}

export function setGauge(name: GaugeName, value: number): void {
  values().gauges[name] = value;
}

/** Every counter and gauge with its help text, zero when nothing happened yet. */
export function counterSnapshot(): { name: string; help: string; type: 'counter' | 'gauge'; value: number }[] {
  const { counters, gauges } = values();
  return [
    ...Object.entries(COUNTERS).map(([name, help]) => ({ name, help, type: 'counter' as const, value: counters[name] ?? 0 })),
    ...Object.entries(GAUGES).map(([name, help]) => ({ name, help, type: 'gauge' as const, value: gauges[name] ?? 0 })),
  ];
}
