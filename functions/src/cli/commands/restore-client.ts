import type { Command } from 'commander';
import { AppError, parseOrThrow } from '../../errors.ts';
import { restoreClient } from '../../operations/restore-client.ts';
import { idSchema, isoDateSchema } from '../../schema/common.ts';
import { editAnswer } from '../../api/client-edit-answer.ts';
import type { CommandContext } from '../command-context.ts';

export function registerRestoreClient(program: Command, ctx: CommandContext): void {
  program
    .command('restore-client')
    .description("put a client's fields back as they were at an instant, or just before one entry of its history (a wipe undone)")
    .argument('<CLIENT_ID>', 'the client')
    .option('--at <ISO>', 'the instant (YYYY-MM-DDThh:mm:ssZ, or a day: its start)')
    .option('--entry <HISTORY_ENTRY_ID>', 'the history entry: the fields as they were just before it')
    .option('--json', 'print { client, changed, undone }')
    .action(async (clientIdArg: string, opts: { at?: string; entry?: string; json?: boolean }) => {
      const clientId = parseOrThrow(idSchema, clientIdArg, 'CLIENT_ID', 'CLIENT_ID');
      if ((opts.at === undefined) === (opts.entry === undefined))
        throw new AppError('invalid-input', 'give exactly one of --at or --entry', {
          issues: [{ path: '--at', message: 'or --entry is required' }],
        });
      const point =
        opts.entry !== undefined
          ? { historyEntryId: parseOrThrow(idSchema, opts.entry, '--entry', '--entry') }
          : { at: parseOrThrow(isoDateSchema, opts.at, '--at', '--at') };
      const actor = { by: process.env.CLIENTBASE_ACTOR ?? 'cli', at: ctx.now().toISOString() };
      const restored = await restoreClient(ctx.db(), { clientId, point, actor });
      const client = restored.outcome === undefined ? null : editAnswer(restored.outcome);
      if (opts.json) ctx.out(JSON.stringify({ client, changed: restored.changed, undone: restored.undone }, null, 2));
      else if (restored.changed.length === 0) ctx.out(`Client ${clientId} already has those values: nothing to restore.`);
      else ctx.out(`Restored ${restored.changed.join(', ')} of client ${clientId} (${restored.undone.length} edit(s) undone).`);
    });
}
