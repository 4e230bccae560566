import { Command, CommanderError } from 'commander';
import { describeError, exitCodeFor } from '../command-errors.ts';
import { defaultContext, type CommandContext } from './command-context.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBonuses } from './commands/bonuses.ts';
import { registerCloseMonth } from './commands/close-month.ts';
import { registerDeals } from './commands/deals.ts';
import { registerEmulator } from './commands/emulator.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerMailing } from './commands/mailing.ts';
import { registerOffboard } from './commands/offboard.ts';
import { registerPayroll } from './commands/payroll.ts';
import { registerReleaseContact } from './commands/release-contact.ts';
import { registerRestoreClient } from './commands/restore-client.ts';
import { registerRotate } from './commands/rotate.ts';
import { registerRotationEffect } from './commands/rotation-effect.ts';
import { registerRotationFairness } from './commands/rotation-fairness.ts';
import { registerSeed } from './commands/seed.ts';

/** Each command module adds itself; the program only wires them up. */
const registrations: Array<(program: Command, ctx: CommandContext) => void> = [
  registerEmulator,
  registerImport,
  registerExport,
  registerSeed,
  registerBonuses,
  registerCloseMonth,
  registerPayroll,
  registerDeals,
  registerMailing,
  registerRotate,
  registerRotationEffect,
  registerRotationFairness,
  registerOffboard,
  registerReleaseContact,
  registerAudit,
  registerRestoreClient,
];

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('clientbase')
    .description(
      'The sales client base in Firestore: import, export, rotation, bonuses, mailing lists.\n' +
        'Talks to FIRESTORE_EMULATOR_HOST when set, else to GOOGLE_CLOUD_PROJECT with Google credentials.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  for (const register of registrations) register(program, ctx);
  return program;
}

/** Runs the CLI and returns its exit status (0 ok, 2 invalid input, 1 other failure). */
export async function runCli(argv: string[], ctx: CommandContext = defaultContext()): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    ctx.err(describeError(e));
    return exitCodeFor(e);
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS (pipes drain slowly). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * The CLI as a program (`bin/clientbase.js`, or this file run directly). The process exits only
 * after standard output and error have drained: an exit while a pipe still holds output would cut
 * `clientbase export | gzip` short and still report success. A reader that goes away (`| head`)
 * ends the command quietly.
 */
export async function main(argv: string[]): Promise<never> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : 1));
  }
  const code = await runCli(argv);
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  // Firestore keeps gRPC channels open; a finished command should not wait for them.
  process.exit(code);
}

if (import.meta.main) await main(process.argv.slice(2));
