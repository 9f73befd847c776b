/* Ends the run with one plain line any CI can read: "jest: N passed, N failed, N skipped". */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    // Written as the process exits, so it comes after Jest's own summary.
    process.once('exit', () => require('node:fs').writeSync(1, line));
  }
}
module.exports = SummaryReporter;
