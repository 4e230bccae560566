/**
 * One row of the table `npm run bench` ends with: what was measured, at what size, its figures,
 * how long it took and the bench process's peak resident memory while it ran. Every bench returns
 * its rows to `bench/run.ts` (besides printing its own details).
 */
export type BenchRow = { bench: string; what: string; size: string; figures: string; seconds: number; peakRssMiB: number };

export type Bench = () => Promise<BenchRow[]>;

/** Runs `step`, sampling the process's resident memory every 20 ms: its time and peak rss. */
export async function measured<T>(step: () => Promise<T> | T): Promise<{ value: T; seconds: number; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  try {
    const value = await step();
    return {
      value,
      seconds: (performance.now() - started) / 1000,
      peakRssMiB: Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20),
    };
  } finally {
    clearInterval(sample);
  }
}

/** A row from a measured step. */
export function row(bench: string, what: string, size: string, figures: string, m: { seconds: number; peakRssMiB: number }): BenchRow {
  return { bench, what, size, figures, seconds: m.seconds, peakRssMiB: m.peakRssMiB };
}

export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The table as Markdown (it reads as plain text too). */
export function benchTable(rows: ReadonlyArray<BenchRow>): string {
  const lines = ['| bench | what | size | figures | time | peak rss |', '| --- | --- | --- | --- | ---: | ---: |'];
  for (const r of rows)
    lines.push(
      `| ${cell(r.bench)} | ${cell(r.what)} | ${cell(r.size)} | ${cell(r.figures)} ` +
        `| ${r.seconds.toFixed(1)} s | ${thousands(r.peakRssMiB)} MiB |`,
    );
  return lines.join('\n');
}
