import { isAppError } from './errors.ts';

// How an error ends a command line program (the CLI and the deploy): its exit status and its words.

/** Exit status: 2 for invalid input (the user can fix it), 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return isAppError(error) && (error.code === 'invalid-input' || error.code === 'duplicate') ? 2 : 1;
}

/** Prints an error with every field problem on its own line: `clients[17].phones[0]: not a valid phone number`. */
export function describeError(error: unknown): string {
  if (!isAppError(error)) return `error: ${(error as Error)?.message ?? String(error)}`;
  const lines = [`error: ${error.message}`];
  for (const issue of error.issues) lines.push(`  ${issue.path}: ${issue.message}`);
  if (error.code === 'invalid-input') lines.push('Nothing was written. Fix the fields above and run the command again.');
  return lines.join('\n');
}
