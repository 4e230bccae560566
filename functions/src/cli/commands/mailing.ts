import { closeSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError, parseOrThrow } from '../../errors.ts';
import { exportContactList } from '../../operations/contact-list-export.ts';
import { channelSchema } from '../../schema/consent.ts';
import type { CommandContext } from '../command-context.ts';

export function registerMailing(program: Command, ctx: CommandContext): void {
  program
    .command('mailing')
    .description(
      'export the mailing list of a channel (MISSION §4): only granted, not withdrawn, not dead contacts not mailed within the cadence; ' +
        'each row has its unsubscribe link. Every run is recorded (the contacts it lists are not listed again within the cadence) ' +
        'and audit-logged. ' +
        'With --confirmations: the public sign-ups pending confirmation instead, each row with its confirm_url (at most 3 requests each).',
    )
    .requiredOption('--channel <sms|email>', 'the channel')
    .option('--confirmations', 'export the confirmation requests to pending sign-ups (double opt-in) instead of the mailing list')
    .option('--json', 'print the rows as JSON instead of CSV')
    .option('--out <file>', 'write to this new file (refused if it exists) instead of standard output')
    .action(async (opts: { channel: string; json?: boolean; out?: string; confirmations?: boolean }) => {
      const channel = parseOrThrow(channelSchema, opts.channel, '--channel', '--channel');
      // Open the file before exporting: an export marks its contacts, so it must not be lost to a bad path.
      let fd: number | undefined;
      if (opts.out !== undefined) {
        try {
          fd = openSync(opts.out, 'wx', 0o600);
        } catch (e) {
          throw new AppError(
            'invalid-input',
            `cannot create ${opts.out}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'the file exists' : (e as Error).message}`,
            { issues: [{ path: '--out', message: 'must be a new file' }] },
          );
        }
      }
      try {
        const input = { channel, at: ctx.now().toISOString(), by: process.env.CLIENTBASE_ACTOR ?? 'cli' };
        const result = await exportContactList(ctx.db(), { kind: opts.confirmations ? 'confirmation' : 'mailing', ...input });
        const text = opts.json ? `${JSON.stringify({ exportId: result.exportId, rows: result.rows }, null, 2)}\n` : result.csv;
        const what = opts.confirmations ? 'confirmation requests' : 'mailing export';
        const summary = `${what} ${result.exportId}: ${result.rows.length} ${channel} contact(s)`;
        if (fd !== undefined) {
          writeSync(fd, text);
          ctx.out(`${summary} written to ${opts.out}`);
        } else {
          ctx.out(text);
          ctx.err(summary);
        }
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    });
}
