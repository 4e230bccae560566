// Crash drills at full size: the rotation, offboarding and the bonus job each SIGKILLed at 20 points
// (or BENCH_DRILL_POINTS) on a demo company of BENCH_DRILL_CLIENTS clients, chosen by a seed printed
// here (BENCH_DRILL_SEED replays it), each run again and compared with an uninterrupted run.
import { crashDrill, type DrillKind } from '../test/support/drills/crash-drill.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

export async function bench(): Promise<BenchRow[]> {
  const points = Number(process.env.BENCH_DRILL_POINTS ?? 20);
  const clients = Number(process.env.BENCH_DRILL_CLIENTS ?? 1000);
  const seed = Number(process.env.BENCH_DRILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`drills: BENCH_DRILL_SEED=${seed}, ${points} points per job, ${clients} clients`);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  for (const kind of ['rotation', 'offboarding', 'bonuses'] as DrillKind[]) {
    const step = await measured(() =>
      crashDrill(kind, {
        points,
        seed,
        clients,
        onPoint: (p) =>
          console.log(
            `drills: ${kind} ${p.point}: ${p.detail}; ` +
              (p.killed ? 'killed' : 'finished before the kill') +
              (p.refusedAtOnce ? ', refused at once, taken over ten minutes later' : '') +
              (p.problems.length > 0 ? `; PROBLEMS: ${p.problems.join(' | ')}` : ''),
          ),
      }),
    );
    const s = step.value;
    const killed = s.points.filter((p) => p.killed).length;
    const byWay = (way: string) => s.points.filter((p) => p.way === way).length;
    const broken = s.points.filter((p) => p.problems.length > 0);
    for (const p of broken) failures.push(`${kind} point ${p.point} (${p.detail}): ${p.problems.join('; ')}`);
    const unit = kind === 'bonuses' ? 'statements' : 'moves';
    rows.push(
      row(
        'drills',
        `crash drill: ${kind}`,
        `${thousands(clients)} clients, ${s.reference.units} ${unit}, ${s.reference.writeRpcs} write RPCs`,
        `${s.points.length} points (${byWay('own k-th write')} at the child's k-th write, ` +
          `${byWay('tasks visible')} CLI once tasks show, ${byWay('random delay')} CLI after a delay), ` +
          `${killed} killed mid-run, ${s.points.filter((p) => p.refusedAtOnce).length} refused at once then taken over; ` +
          `${broken.length} broke an invariant; seed ${seed}`,
        step,
      ),
    );
  }
  if (failures.length > 0) throw new Error(`drills: invariants broken (BENCH_DRILL_SEED=${seed}):\n${failures.join('\n')}`);
  return rows;
}
