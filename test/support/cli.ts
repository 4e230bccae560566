import type { Firestore } from 'firebase-admin/firestore';
import type { CommandContext } from '../../functions/src/cli/command-context.ts';
import { runCli } from '../../functions/src/cli/main.ts';

export type TestCli = { ctx: CommandContext; out: string[]; err: string[]; run: (...args: string[]) => Promise<number> };

/** The `clientbase` CLI on `db` with its clock stopped at `now`, keeping what it prints to each stream. */
export function testCli(db: Firestore, now: string | Date): TestCli {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { db: () => db, out: (t) => out.push(t), err: (t) => err.push(t), now: () => new Date(now) };
  return { ctx, out, err, run: (...args) => runCli(args, ctx) };
}
