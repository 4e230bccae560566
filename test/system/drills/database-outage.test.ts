import { describe, expect, it } from 'vitest';
import { outageDrill } from '../../support/outage-drill.ts';

// Its own emulator, stopped and started again on the same port with the same data: the shared one
// serves the other test files meanwhile. The full drill (more requests) is `npm run bench -- outage`.

describe('a database outage', () => {
  it('answers 503 problem documents within its deadline and fails the jobs with 503 while the database is down; ' +
    'both recover when it is back, without a restart', { timeout: 240_000 }, async () => {
    const outcome = await outageDrill({ deadlineMs: 2000, requests: 8, clients: 80 });
    console.log(
      `outage: the api answered ${outcome.apiDuringOutage.map((a) => `${a.status} in ${Math.round(a.millis)} ms`).join(', ')};` +
        ` the jobs ${outcome.jobsDuringOutage.map((a) => `${a.status} after ${(a.millis / 1000).toFixed(1)} s`).join(', ')};` +
        ` answering again ${Math.round(outcome.recoveredMillis)} ms after the database was back`,
    );
    expect(outcome.problems).toEqual([]);
    expect(outcome.apiDuringOutage).toHaveLength(8);
    expect(outcome.jobsDuringOutage.map((a) => a.status)).toEqual([503, 503, 503]);
    // gRPC would wait up to two minutes between reconnection attempts without the product's bound.
    expect(outcome.recoveredMillis).toBeLessThan(15_000);
  });
});
