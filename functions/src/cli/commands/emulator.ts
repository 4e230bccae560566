import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../command-context.ts';
import { startEmulator } from '../../local/emulator.ts';

export function registerEmulator(program: Command, ctx: CommandContext): void {
  program
    .command('emulator')
    .description('start the real Firestore emulator in the foreground (with firestore.rules) and print its host')
    .option('--port <port>', 'port to listen on (default: a free one)', (v) => Number.parseInt(v, 10))
    .action(async (opts: { port?: number }) => {
      // From the source (functions/src/cli/commands) or the installed build (lib/functions/src/cli/commands).
      const rulesFile = ['../../../../firestore.rules', '../../../../../firestore.rules']
        .map((p) => fileURLToPath(new URL(p, import.meta.url)))
        .find((f) => existsSync(f));
      const emulator = await startEmulator({ ...(opts.port ? { port: opts.port } : {}), rulesFile, quiet: true });
      ctx.out(`Firestore emulator running. In another shell:\n  export FIRESTORE_EMULATOR_HOST=${emulator.host}\nPress Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = () => void emulator.stop().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
