/**
 * Runs `work` on every item with at most `concurrency` calls in flight: a few writes or reads at a
 * time keep a call short without a storm on the database. Items are taken in order; `stop()` makes
 * every worker stop taking new items (the ones in flight finish).
 */
export async function forEachConcurrently<T>(
  items: ReadonlyArray<T>,
  concurrency: number,
  work: (item: T, index: number, stop: () => void) => Promise<void>,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const worker = async () => {
    while (next < items.length && !stopped) {
      const i = next++;
      await work(items[i]!, i, stop);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** The same, collecting each item's result in the items' order. */
export async function mapConcurrently<T, R>(
  items: ReadonlyArray<T>,
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  await forEachConcurrently(items, concurrency, async (item, i) => {
    results[i] = await work(item, i);
  });
  return results;
}
