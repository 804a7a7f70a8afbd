/** The work budget (src/lib/report/core/work-budget.ts): a bounded queue, and a level that follows the pressure. */
import { describe, expect, it } from 'vitest';
import { isWorkRefused, WorkBudget, WorkRefused } from '../../../src/lib/report/core/work-budget.ts';
import { counterSnapshot } from '../../../src/lib/report/core/counters.ts';

/** Work that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
}

const counter = (name: string) => counterSnapshot().find((c) => c.name === name)!.value;

describe('WorkBudget', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, and refuses the rest at once without running it', async () => {
    const budget = new WorkBudget({ concurrency: 2, queue: 3 });
    const gates = Array.from({ length: 5 }, gate);
    let active = 0;
    let most = 0;
    const runs = gates.map((g) =>
      budget.run(async () => {
        most = Math.max(most, ++active);
        await g.work();
        active--;
      }),
    );
    expect([budget.running, budget.waiting]).toEqual([2, 3]);
    const refusedBefore = counter('work_refused_full');
    let ran = false;
    await expect(budget.run(async () => void (ran = true))).rejects.toBeInstanceOf(WorkRefused);
    expect(ran).toBe(false);
    expect(counter('work_refused_full')).toBe(refusedBefore + 1);
    for (const g of gates) g.open();
    await Promise.all(runs);
    expect(most).toBe(2);
    expect([budget.running, budget.waiting]).toEqual([0, 0]);
  });

  it('asks no proof of work of ordinary use, raises the level with the pressure, and lets it decay from the peak', async () => {
    let now = 0;
    const budget = new WorkBudget({ concurrency: 1, queue: 7, now: () => now });
    const g = gate();
    const first = budget.run(g.work);
    const burst = Array.from({ length: 2 }, () => budget.run(g.work));
    expect(budget.level()).toBe(0); // three of eight: an ordinary burst
    const more = [...burst, ...Array.from({ length: 5 }, () => budget.run(g.work))];
    expect(budget.level()).toBe(4);
    expect(budget.admit('none', 4)).toMatchObject({ kind: 'busy' });
    expect(budget.admit('weak', 4)).toMatchObject({ kind: 'busy' });
    expect(budget.admit('valid', 4)).toEqual({ kind: 'go' });
    expect(budget.admit('none', 0)).toEqual({ kind: 'go' });
    g.open();
    await Promise.all([first, ...more]);
    // Idle again, but the flood was a moment ago: the level holds for 15 s, then decays (half-life 30 s).
    expect(budget.level()).toBe(4);
    now += 15_000;
    expect(budget.level()).toBe(4);
    now += 20_000;
    expect(budget.level()).toBeLessThan(4);
    expect(budget.level()).toBeGreaterThan(0);
    expect(budget.admit('none', budget.level())).toMatchObject({ kind: 'busy' });
    now += 60_000;
    expect(budget.level()).toBe(0);
  });

  it('raises the level with pressure noted from elsewhere (the paid lane), held and decaying like its own', () => {
    let now = 0;
    const budget = new WorkBudget({ concurrency: 1, queue: 7, now: () => now });
    budget.notePressure(0.4);
    expect(budget.level()).toBe(0);
    budget.notePressure(1);
    expect(budget.level()).toBe(4);
    budget.notePressure(0.2); // a lower note does not lower the peak
    now += 15_000;
    expect(budget.level()).toBe(4);
    now += 120_000;
    expect(budget.level()).toBe(0);
  });

  it('raises the level with the ordinary render queue, but not the level the paid lane asks', () => {
    let now = 0;
    const budget = new WorkBudget({ concurrency: 1, queue: 7, now: () => now });
    budget.noteQueuePressure(1);
    expect(budget.level()).toBe(4);
    // A reader whose page holds an easier challenge still takes the lane, and gets the harder one there.
    expect(budget.paidLevel()).toBe(0);
    budget.notePressure(0.8);
    expect(budget.paidLevel()).toBe(3);
    now += 200_000;
    expect([budget.level(), budget.paidLevel()]).toEqual([0, 0]);
  });

  it('tells a refused reader to come back in 5 to 120 seconds', async () => {
    const budget = new WorkBudget({ concurrency: 1, queue: 0 });
    const g = gate();
    const running = budget.run(g.work);
    const error = await budget.run(async () => undefined).catch((e: WorkRefused) => e);
    expect(error).toBeInstanceOf(WorkRefused);
    // Recognised without instanceof: the host's copy of the module throws, the bundle's catches.
    expect(isWorkRefused(error)).toBe(true);
    expect(isWorkRefused(new Error('WorkRefused'))).toBe(false);
    expect((error as WorkRefused).retryAfter).toBeGreaterThanOrEqual(5);
    expect((error as WorkRefused).retryAfter).toBeLessThanOrEqual(120);
    g.open();
    await running;
  });
});
