/**
 * Dates a conversation keeps: the UTC day, nothing finer (a time would date a report).
 * One helper for every place that shows or stores "the day of" something.
 */

const DAY_SECONDS = 86_400;

/** YYYY-MM-DD (UTC) of a moment in milliseconds. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The end of the UTC day `days` days after `now` (milliseconds), in unix seconds. */
export const expiryAfter = (now: number, days: number) => (Math.floor(now / 1000 / DAY_SECONDS) + days + 1) * DAY_SECONDS - 1;
