/**
 * The paid lane on the Worker in its preview (tests/support/paid-lane-scenario.ts): the same
 * flood and the same readers as on the Node server, the same answers. workerd runs an isolate's
 * requests on one thread, so the Worker limits its renders as the Node host does
 * (src/worker/entry.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerlessPreview, type Started } from '../support/processes.ts';
import { floodWithPaidReaders, PAID_LANE_SETTINGS } from '../support/paid-lane-scenario.ts';

let worker: Started;
const dataDir = mkdtempSync(join(tmpdir(), 'serverless-lane-'));
beforeAll(async () => {
  worker = await startServerlessPreview({ ...PAID_LANE_SETTINGS, REPORT_DATA_DIR: dataDir });
});
afterAll(async () => {
  await worker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a flood larger than the render queue, on the Worker', { timeout: 120_000 }, () => {
  it('never shuts out a reader who paid the proof of work; floods without one get the busy page', async () => {
    const tally = await floodWithPaidReaders(worker.url);
    expect(tally.busy).toBeGreaterThan(0);
  });
});
