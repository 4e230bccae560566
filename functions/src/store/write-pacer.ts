/**
 * Firestore's ramp-up rule (500/50/5): start at `writesPerSecond`, raise by half every five
 * minutes. Writes are counted per one-second window; a full window waits for the next.
 */
export function writePacer(writesPerSecond: number, enabled: boolean): (writes: number) => Promise<void> {
  if (!enabled) return async () => {};
  const start = Date.now();
  let windowStart = start;
  let used = 0;
  return async (writes) => {
    for (;;) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        used = 0;
      }
      const rate = writesPerSecond * 1.5 ** Math.floor((now - start) / 300_000);
      if (used + writes <= rate || used === 0) {
        used += writes;
        return;
      }
      await new Promise((r) => setTimeout(r, windowStart + 1000 - now));
    }
  };
}
