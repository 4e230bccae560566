import { Command, CommanderError } from 'commander';
import { defaultContext, describeError, exitCodeFor, type CommandContext } from './command-context.ts';
import { registerBonuses } from './commands/bonuses.ts';
import { registerCloseMonth } from './commands/close-month.ts';
import { registerEmulator } from './commands/emulator.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerMailing } from './commands/mailing.ts';
import { registerOffboard } from './commands/offboard.ts';
import { registerRotate } from './commands/rotate.ts';
import { registerSeed } from './commands/seed.ts';

/** Each command module adds itself; the program only wires them up. */
const registrations: Array<(program: Command, ctx: CommandContext) => void> = [
  registerEmulator,
  registerImport,
  registerExport,
  registerSeed,
  registerBonuses,
  registerCloseMonth,
  registerMailing,
  registerRotate,
  registerOffboard,
];

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('clientbase')
    .description('The sales client base in Firestore: import, export, rotation, bonuses, mailing lists.\nTalks to FIRESTORE_EMULATOR_HOST when set, else to GOOGLE_CLOUD_PROJECT with Google credentials.')
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

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
  // Firestore keeps gRPC channels open; a finished command should not wait for them.
  setImmediate(() => process.exit(code));
}
