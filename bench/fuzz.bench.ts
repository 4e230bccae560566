// Fuzzing at scale: 5,200 cases on every staff API route, the rules publish, the public sign-up,
// the unsubscribe function and the importer, from a seed printed here (BENCH_FUZZ_SEED replays it).
import { fuzzCampaign, fuzzWorld } from '../test/support/fuzz-campaign.ts';
import { measured, row, thousands, type BenchRow } from './table.ts';

export async function bench(): Promise<BenchRow[]> {
  const seed = Number(process.env.BENCH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const scale = Number(process.env.BENCH_FUZZ_SCALE ?? 1);
  const runs = { api: 3000 * scale, rules: 600 * scale, signup: 800 * scale, unsubscribe: 400 * scale, import: 400 * scale };
  console.log(`fuzz: BENCH_FUZZ_SEED=${seed}, ${JSON.stringify(runs)}`);
  const world = await fuzzWorld();
  try {
    const step = await measured(() => fuzzCampaign(world, runs, seed));
    const s = step.value;
    console.log(
      `fuzz: ${s.cases} cases; answers ${JSON.stringify(s.statuses)}; ${s.serverErrors} 5xx; ${s.writesOnRefusal} refusals that wrote`,
    );
    return [
      row(
        'fuzz',
        'every API route, rules, sign-up, unsubscribe, importer',
        `${thousands(s.cases)} cases (api ${thousands(s.byTarget.api)}, rules ${s.byTarget.rules}, ` +
          `sign-up ${s.byTarget.signup}, unsubscribe ${s.byTarget.unsubscribe}, import ${s.byTarget.import})`,
        `${s.serverErrors} 5xx, ${s.writesOnRefusal} writes on refusal; ${Object.entries(s.statuses)
          .map(([k, v]) => `${k}: ${thousands(v)}`)
          .join(', ')}; seed ${seed}`,
        step,
      ),
    ];
  } finally {
    await world.close();
  }
}
