import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../functions/src/local/emulator.ts';

describe('the emulator launcher', () => {
  it('says to install Java 17 when java is missing, and starts nothing', async () => {
    const saved = process.env.JAVA;
    process.env.JAVA = '/nonexistent/java';
    try {
      await expect(startEmulator({ quiet: true })).rejects.toThrow(
        /Java was not found.*Java 17 or later.*gcloud components install cloud-firestore-emulator/s,
      );
    } finally {
      if (saved === undefined) delete process.env.JAVA;
      else process.env.JAVA = saved;
    }
  });
});
