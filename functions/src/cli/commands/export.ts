import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { exportSnapshot } from '../../store/snapshot-export.ts';
import { writeAudit } from '../../store/audit-store.ts';

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('write the whole base as snapshot JSON (the import format); the export is audit-logged')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const db = ctx.db();
      const snapshot = await exportSnapshot(db);
      const json = `${JSON.stringify(snapshot, null, 2)}\n`;
      await writeAudit(db, {
        at: ctx.now().toISOString(),
        actor: process.env.USER ? `cli:${process.env.USER}` : 'cli',
        action: 'export-base',
        outcome: 'ok',
        details: { clients: snapshot.clients.length, deals: snapshot.deals.length },
      });
      if (opts.out) {
        writeFileSync(opts.out, json);
        ctx.err(`Exported ${snapshot.clients.length} client(s), ${snapshot.deals.length} deal(s) to ${opts.out}.`);
      } else ctx.out(json);
    });
}
