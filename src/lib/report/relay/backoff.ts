/**
 * When to try a failed delivery again: "full jitter" exponential backoff
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/): a random wait
 * between 0 and min(cap, base × 2^attempt), never shorter than the receiver's Retry-After.
 * With the defaults (base 30 s, cap 6 h, 50 attempts) the expected schedule spans about
 * 120 hours; even if every wait were drawn at the 35th percentile it would exceed 72 hours.
 */
export function retryDelay(
  attempt: number,
  { baseMs, capMs, retryAfterMs = 0, random = Math.random }: { baseMs: number; capMs: number; retryAfterMs?: number; random?: () => number },
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs);
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; 0 when absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(date - now, 0);
}

/** Which outcomes are worth another try: network errors and timeouts, 408, 429 and 5xx. */
export function isRetryable(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500;
}
