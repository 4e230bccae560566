import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import { demoCompany } from '../../local/demo-company.ts';
import { rawSnapshotFromObject } from '../../core/raw-snapshot.ts';
import { seedEmptyBase } from '../../operations/import-snapshot.ts';

export function registerSeed(program: Command, ctx: CommandContext): void {
  program
    .command('seed')
    .description('load a realistic demo company (20 managers on 3 levels, thousands of clients, two years of deals)')
    .requiredOption('--demo', 'the demo company (the only seed there is; required so it is never loaded by accident)')
    .option('--clients <n>', 'how many clients', (v) => Number.parseInt(v, 10), 3000)
    .option('--force', 'seed even if the base already holds clients')
    .action(async (opts: { clients: number; force?: boolean }) => {
      if (!Number.isInteger(opts.clients) || opts.clients < 1 || opts.clients > 1_000_000) {
        throw new AppError('invalid-input', 'invalid --clients', {
          issues: [{ path: '--clients', message: 'must be a whole number from 1 to 1000000' }],
        });
      }
      const result = await seedEmptyBase(ctx.db(), () => rawSnapshotFromObject(demoCompany({ today: ctx.now(), clients: opts.clients })), {
        at: ctx.now().toISOString(),
        by: 'seed',
        throttle: !process.env.FIRESTORE_EMULATOR_HOST,
        force: opts.force === true,
      });
      if (result === undefined) {
        ctx.out('The base already holds clients; nothing seeded (use --force to add the demo company anyway).');
        return;
      }
      ctx.out(`Seeded the demo company: ${result.managers} managers, ${result.clients} clients, ${result.deals} deals.`);
    });
}
