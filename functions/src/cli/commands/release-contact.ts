import type { Command } from 'commander';
import { parseOrThrow } from '../../errors.ts';
import { idSchema } from '../../schema/common.ts';
import { typedContactSchema } from '../../schema/client-changes.ts';
import { releaseContact } from '../../store/client-edit-store.ts';
import type { CommandContext } from '../command-context.ts';

export function registerReleaseContact(program: Command, ctx: CommandContext): void {
  program
    .command('release-contact')
    .description('free a phone, e-mail or INN a client once had, so another client may have it (audited)')
    .argument('<CLIENT_ID>', 'the client that had the contact')
    .argument('<CONTACT>', 'the phone, e-mail or INN, as typed')
    .option('--json', 'print { client, released }')
    .action(async (clientIdArg: string, contactArg: string, opts: { json?: boolean }) => {
      const clientId = parseOrThrow(idSchema, clientIdArg, 'CLIENT_ID', 'CLIENT_ID');
      const contact = parseOrThrow(typedContactSchema, contactArg, 'CONTACT', 'CONTACT');
      const actor = { by: process.env.CLIENTBASE_ACTOR ?? 'cli', at: ctx.now().toISOString() };
      const outcome = await releaseContact(ctx.db(), { clientId, contact, actor });
      ctx.out(opts.json ? JSON.stringify(outcome, null, 2) : `released ${outcome.released.join(', ')} from client ${clientId}`);
    });
}
