import { describe, expect, inject, it } from 'vitest';
import { crashDrill, type DrillKind } from '../../support/drills/crash-drill.ts';

// A few points per job here (the full drill, 20 points each on a bigger base, is `npm run bench --
// drills`). The seed is new on every run and printed: DRILL_SEED=<seed> npm test replays its points.
const seed = Number(process.env.DRILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const points = Number(process.env.DRILL_POINTS ?? 2);
const clients = Number(process.env.DRILL_CLIENTS ?? 240);

describe('crash drills on the real emulator', () => {
  process.env.FIRESTORE_EMULATOR_HOST = inject('firestoreHost');

  const drill = (kind: DrillKind, what: string) =>
    it(`${what}: killed at ${points} points (SIGKILL of a child process) and run again, ` +
      `it ends as an uninterrupted run and keeps every invariant`, { timeout: 240_000 }, async () => {
      console.log(`crash drill ${kind}: DRILL_SEED=${seed}, ${points} points, ${clients} clients`);
      const summary = await crashDrill(kind, {
        points,
        seed,
        clients,
        onPoint: (p) =>
          console.log(
            `  ${kind} point ${p.point}: ${p.detail}; ` +
              (p.killed ? 'killed' : 'had finished before the kill') +
              (p.refusedAtOnce ? '; refused at once (the dead run held its lease), taken over ten minutes later' : ''),
          ),
      });
      expect(summary.reference.units).toBeGreaterThan(3);
      for (const p of summary.points) expect(p.problems, `${kind} point ${p.point} (${p.detail}), DRILL_SEED=${seed}`).toEqual([]);
    });

  drill('rotation', 'the rotation job');
  drill('offboarding', 'offboarding');
  drill('bonuses', 'the bonus job over five months');
});
