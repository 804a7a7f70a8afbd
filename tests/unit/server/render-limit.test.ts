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

  it('serves the paid lane first: a full ordinary queue never keeps out a paid request; each queue says how full it is', async () => {
    const pressures: string[] = [];
    const pressure = { notePressure: (p: number) => pressures.push(`lane ${p}`), noteQueuePressure: (p: number) => pressures.push(`queue ${p}`) };
    const limit = createRenderLimit({ concurrency: 1, queue: 1, paidQueue: 2, pressure });
    const order: string[] = [];
    const take = (name: string, paid = false) =>
      limit.acquire(paid)?.then((release) => {
        order.push(name);
        return release;
      });
    const first = await take('first')!;
    const ordinary = take('ordinary');
    expect(take('refused')).toBeUndefined(); // the ordinary queue is full
    const paid = [take('paid 1', true), take('paid 2', true)];
    expect(pressures).toEqual(['queue 1', 'lane 0.5', 'lane 1']);
    expect([limit.running, limit.waiting, limit.paidWaiting]).toEqual([1, 1, 2]);
    // The lane is full too: a third paid request takes the ordinary queue, here full, so it is refused.
    expect(take('paid 3', true)).toBeUndefined();
    first();
    (await paid[0])!();
    (await paid[1])!();
    (await ordinary)!();
    expect(order).toEqual(['first', 'paid 1', 'paid 2', 'ordinary']);
    expect([limit.running, limit.waiting, limit.paidWaiting]).toEqual([0, 0, 0]);
  });

  it('without a paid lane (0) a paid request waits in the ordinary queue', async () => {
    const limit = createRenderLimit({ concurrency: 1, queue: 1, paidQueue: 0 });
    const first = await limit.acquire()!;
    const paid = limit.acquire(true);
    expect([limit.waiting, limit.paidWaiting]).toEqual([1, 0]);
    first();
    (await paid!)();
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
    expect(byDefault.paidQueue).toBe(byDefault.concurrency * 16);
    expect(renderLimitFromEnv({ REPORT_RENDER_CONCURRENCY: '3', REPORT_RENDER_QUEUE: '0', REPORT_RENDER_PAID_QUEUE: '5' })).toMatchObject({
      concurrency: 3,
      queue: 0,
      paidQueue: 5,
    });
    expect(() => renderLimitFromEnv({ REPORT_RENDER_PAID_QUEUE: '-1' })).toThrow(/REPORT_RENDER_PAID_QUEUE/);
    expect(() => renderLimitFromEnv({ REPORT_RENDER_CONCURRENCY: '0' })).toThrow(/REPORT_RENDER_CONCURRENCY moet een heel getal van minstens 1/);
    expect(() => renderLimitFromEnv({ REPORT_RENDER_QUEUE: 'veel' })).toThrow(/REPORT_RENDER_QUEUE/);
  });
});
