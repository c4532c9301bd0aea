// Prints one plain closing line, "jest: N passed, N failed, N skipped", as the very last
// output of the run (after Jest's own summary), so any CI log reader finds the result.
const { writeSync } = require('node:fs');

class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => writeSync(1, `\n${line}`));
  }
}
module.exports = ClosingLineReporter;
