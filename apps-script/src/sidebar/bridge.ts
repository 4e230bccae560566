// The page's only way to the add-on: google.script.run, as promises. Arguments and answers travel
// as JSON-like data; the identity token never comes here.
import type { PageBoot } from '../page-contract.ts';

type Runner = Record<string, (...args: unknown[]) => void> & {
  withSuccessHandler: (f: (value: unknown) => void) => Runner;
  withFailureHandler: (f: (error: Error) => void) => Runner;
};
declare const google: { script: { run: Runner } };
declare const BOOT: PageBoot;

export const boot: PageBoot = BOOT;
export const strings = BOOT.strings;

export function run<T>(fn: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    google.script.run.withSuccessHandler((value) => resolve(value as T)).withFailureHandler((error) => reject(error))[fn]!(...args);
  });
}

/** A failure of google.script.run itself (not an answer of the add-on) in the person's words. */
export function failureText(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  if (/PERMISSION_DENIED/i.test(message)) return strings.errors.twoAccounts;
  return `${strings.errors.unexpected}${message}`;
}
