import { AppError } from '../../functions/src/errors.ts';

/** The AppError a pure rule throws, so a test can read its code, message and field issues; fails when it throws none. */
export function refusalOf(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
