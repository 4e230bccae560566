import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

/** Ends the run with the plain `N passed, N failed` line that CI reads, whatever the runner prints. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that failed outside its tests (an import, a beforeAll) counts as one failure.
      failed += module.state() === 'failed' && failedHere === 0 ? 1 : failedHere;
    }
    failed += unhandledErrors.length;
    // A run that failed before any test could (a global setup that threw: no Java, no emulator)
    // must not read as a clean "0 failed".
    const setupFailed = reason === 'failed' && failed === 0;
    if (setupFailed) failed = 1;
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}` +
        `${setupFailed ? ' (the run failed before its tests could: see the error printed)' : ''}\n`,
    );
  }
}
