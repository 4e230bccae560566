import type { Command } from 'commander';
import { effectWindows, type EffectGroup, type RotationEffect } from '../../core/rotation/effect.ts';
import { rotationEffectAt } from '../../operations/rotation-effect.ts';
import type { CommandContext } from '../command-context.ts';

const pct = (share: number) => `${Math.round(share * 100)} %`;
const cell = (g: EffectGroup, months: 3 | 6 | 12) => {
  const w = g[`m${months}`];
  return w === null ? 'pending' : `${w.withDeal} (${pct(w.share)})`;
};

/** The readable form: one line per run and group, then the total per window, then the sentence. */
export function formatEffect(effect: RotationEffect): string {
  const out: string[] = [];
  if (effect.runs.length === 0) out.push('No rotation has been applied yet.');
  for (const run of effect.runs) {
    out.push(`${run.runId} (${run.at}):`);
    for (const [label, g] of [
      ['moved', run.moved],
      ['held out', run.heldOut],
    ] as const) {
      const windows = effectWindows.map((m) => `${m} months: ${cell(g, m)}`).join(', ');
      out.push(`  ${label.padEnd(9)} ${String(g.clients).padStart(6)} clients; with a deal in ${windows}`);
    }
  }
  out.push('', `Total: ${effect.total.moved} moved, ${effect.total.heldOut} held out`);
  for (const m of effectWindows) {
    const t = effect.total[`m${m}`];
    out.push(
      t === null
        ? `  ${m} months: pending`
        : `  ${m} months: ${pct(t.moved.share)} against ${pct(t.heldOut.share)}, difference ${(t.difference * 100).toFixed(1)} points, ` +
            `95 % interval ${(t.low * 100).toFixed(1)} to ${(t.high * 100).toFixed(1)}${t.significant ? '' : ' (not significant)'}`,
    );
  }
  out.push('', effect.sentence);
  return out.join('\n');
}

export function registerRotationEffect(program: Command, ctx: CommandContext): void {
  program
    .command('rotation-effect')
    .description('compare the clients every applied rotation moved with the ones it held out (rotation.holdoutShare)')
    .option(
      '--json',
      'print { holdout, runs: [{ runId, at, moved, heldOut }], total: { moved, heldOut, m3, m6, m12 }, headline, sentence }',
    )
    .action(async (opts: { json?: boolean }) => {
      const effect = await rotationEffectAt(ctx.db(), ctx.now());
      ctx.out(opts.json ? JSON.stringify(effect, null, 2) : formatEffect(effect));
    });
}
