import { describe, expect, it } from 'vitest';
import { createRenderLimit, renderLimitFromEnv } from '../../../src/server/render-limit.mjs';

describe('createRenderLimit', () => {
  it('gives slots up to the limit, queues up to the queue, refuses beyond, and hands a released slot to the next in line', async () => {
    const limit = createRenderLimit({ concurrency: 2, queue: 1 });
    const first = await limit.acquire()!;
    const second = await limit.acquire()!;
    let thirdGot = false;
    const third = limit.acquire()!.then((release) => {
      thirdGot = true;
      return release;
    });
    expect(limit.acquire()).toBeUndefined();
    expect([limit.running, limit.waiting]).toEqual([2, 1]);
    first();
    first(); // a second release of the same slot changes nothing
    const release = await third;
    expect(thirdGot).toBe(true);
    expect([limit.running, limit.waiting]).toEqual([2, 0]);
    second();
    release();
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });

  it('asks a refused reader to wait 5 to 60 seconds', () => {
    const limit = createRenderLimit({ concurrency: 1, queue: 0 });
    void limit.acquire();
    expect(limit.retryAfter()).toBeGreaterThanOrEqual(5);
    expect(limit.retryAfter()).toBeLessThanOrEqual(60);
  });
});

describe('renderLimitFromEnv', () => {
  it('sizes from the cores by default, takes the settings, and names a wrong one', () => {
    const byDefault = renderLimitFromEnv({});
    expect(byDefault.concurrency).toBeGreaterThanOrEqual(1);
    expect(byDefault.queue).toBe(byDefault.concurrency * 64);
    expect(renderLimitFromEnv({ REPORT_RENDER_CONCURRENCY: '3', REPORT_RENDER_QUEUE: '0' })).toMatchObject({ concurrency: 3, queue: 0 });
    expect(() => renderLimitFromEnv({ REPORT_RENDER_CONCURRENCY: '0' })).toThrow(/REPORT_RENDER_CONCURRENCY moet een heel getal van minstens 1/);
    expect(() => renderLimitFromEnv({ REPORT_RENDER_QUEUE: 'veel' })).toThrow(/REPORT_RENDER_QUEUE/);
  });
});
