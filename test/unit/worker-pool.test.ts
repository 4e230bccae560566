import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { forEachConcurrently, mapConcurrently } from '../../functions/src/worker-pool.ts';

describe('worker pool', () => {
  it('never has more calls in flight than asked, and answers in the order of the items', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapConcurrently([30, 5, 20, 1, 10, 2, 15], 3, async (ms, i) => {
      most = Math.max(most, ++inFlight);
      await delay(ms);
      inFlight--;
      return `${i}:${ms}`;
    });
    expect(most).toBe(3);
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2', '6:15']);
  });

  it('takes no new item once stopped, and lets the ones in flight finish', async () => {
    const done: number[] = [];
    await forEachConcurrently([0, 1, 2, 3, 4, 5, 6, 7], 2, async (item, _i, stop) => {
      if (item === 3) stop();
      await delay(5);
      done.push(item);
    });
    expect(done.sort()).toEqual([0, 1, 2, 3]);
  });

  it('does nothing for no items', async () => {
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });
});
