/**
 * The paid lane on the Node server (tests/support/paid-lane-scenario.ts): while a flood without
 * proofs of work keeps the render queue full and gets the busy page, readers who paid get in; the
 * metrics show both. A real server on loopback with small limits; needs `npm run build`.
 * Not in npm test: `npm run test:long`, part of `npm run test:more`, which .ci/run runs after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerWithData, type Started } from '../support/processes.ts';
import { floodWithPaidReaders, PAID_LANE_SETTINGS } from '../support/paid-lane-scenario.ts';

const cleanup: (() => Promise<void> | void)[] = [];
let server: Started;
beforeAll(async () => {
  server = await startServerWithData(cleanup, { ...PAID_LANE_SETTINGS, METRICS_PORT: '0' });
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function metric(name: string): Promise<number> {
  const metricsUrl = /Metrics op (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1];
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return Number(new RegExp(`^meldwijzer_${name} (\\d+)`, 'm').exec(text)?.[1]);
}

describe('a flood larger than the render queue', { timeout: 120_000 }, () => {
  it('never shuts out a reader who paid the proof of work; floods without one get the busy page', async () => {
    const refusedBefore = await metric('render_refused_full_total');
    const tally = await floodWithPaidReaders(server.url);
    // The operator sees it: the readers' sends let in through the lane, the flood refused.
    expect(await metric('render_paid_total')).toBe(tally.paidRounds);
    expect((await metric('render_refused_full_total')) - refusedBefore).toBeGreaterThanOrEqual(tally.busy);
    expect(await metric('render_paid_waiting')).toBe(0);
  });
});
