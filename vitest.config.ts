import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Structured logs would bury the test output; LOG_LEVEL=info npm test shows them.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only contend with the emulator's JVM.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // Pure tests: no Java, no emulator (`npm run test:unit`).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // On one real Firestore emulator, started only when a system test runs.
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts'],
          globalSetup: ['test/support/addon-bundle.ts', 'test/support/global-setup.ts'],
        },
      },
    ],
  },
});
