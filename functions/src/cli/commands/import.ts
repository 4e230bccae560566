import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { readSnapshotFiles } from '../snapshot-files.ts';
import { importCompanySnapshot } from '../../operations/import-snapshot.ts';

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('load a company snapshot (JSON, or managers.csv / clients.csv / deals.csv) all-or-nothing; re-importing is harmless')
    .argument('<files...>', 'a snapshot .json, CSV files named after their table, or a folder of them')
    .option('--quiet', 'no progress lines')
    .addHelpText('after', '\nExit status: 0 imported, 2 invalid input (every problem is listed; nothing is written), 1 other failure.')
    .action(async (files: string[], opts: { quiet?: boolean }) => {
      const raw = readSnapshotFiles(files);
      const started = Date.now();
      let lastShown = 0;
      const result = await importCompanySnapshot(ctx.db(), raw, {
        at: ctx.now().toISOString(),
        by: 'import',
        throttle: !process.env.FIRESTORE_EMULATOR_HOST,
        onProgress: (phase, done, total) => {
          if (opts.quiet || (Date.now() - lastShown < 1000 && phase !== 'done')) return;
          lastShown = Date.now();
          ctx.err(`import: ${phase} ${done}/${total} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        },
      });
      ctx.out(
        `Imported ${result.clients} client(s) (${result.clientsUnchanged} unchanged), ${result.managers} manager(s), ` +
          `${result.deals} deal(s), ${result.history} history entr${result.history === 1 ? 'y' : 'ies'}` +
          `${result.configPublished ? ', new rules version' : ''} in ${((Date.now() - started) / 1000).toFixed(1)}s.`,
      );
    });
}
