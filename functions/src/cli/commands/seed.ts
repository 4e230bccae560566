import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';

export function registerSeed(program: Command, _ctx: CommandContext): void {
  program.command('seed').description('(being written)');
}
