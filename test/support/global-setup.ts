import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startEmulator, type Emulator } from '../../functions/src/local/emulator.ts';

/** One real Firestore emulator for the whole run, evaluating the project's firestore.rules. */
let emulator: Emulator | undefined;

export async function setup(project: TestProject): Promise<void> {
  emulator = await startEmulator({ quiet: true, rulesFile: fileURLToPath(new URL('../../firestore.rules', import.meta.url)) });
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  project.provide('firestoreHost', emulator.host);
}

export async function teardown(): Promise<void> {
  await emulator?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    firestoreHost: string;
  }
}
