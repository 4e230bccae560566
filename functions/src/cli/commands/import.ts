import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

export function registerImport(program: Command, _ctx: CommandContext): void {
  program.command('import').description('(being written)');
}
