import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { exportBase } from '../../operations/export-base.ts';

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('write the whole base as snapshot JSON (the import format); the export is audit-logged')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const snapshot = await exportBase(ctx.db(), {
        by: process.env.USER ? `cli:${process.env.USER}` : 'cli',
        at: ctx.now().toISOString(),
      });
      const json = `${JSON.stringify(snapshot, null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, json);
        ctx.err(`Exported ${snapshot.clients.length} client(s), ${snapshot.deals.length} deal(s) to ${opts.out}.`);
      } else ctx.out(json);
    });
}
