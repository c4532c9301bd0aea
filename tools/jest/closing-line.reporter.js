// Prints one plain closing line, "jest: N passed, N failed, N skipped", after Jest's own
// summary so that any CI log reader finds the result on the last line.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = ClosingLineReporter;
