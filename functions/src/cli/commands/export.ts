import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

export function registerExport(program: Command, _ctx: CommandContext): void {
  program.command('export').description('(being written)');
}
