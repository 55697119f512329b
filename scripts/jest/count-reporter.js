// Writes each Jest run's pass/fail counts and timings to tmp/test-results/, so `npm test` can
// print one total line across every project it ran, how long each took, and the slowest spec
// files (see scripts/test-summary.js): where the suite's minutes go.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const RESULTS_DIR = join(__dirname, '../../tmp/test-results');

class CountReporter {
  constructor(globalConfig, options = {}) {
    this.name = options.name ?? 'jest';
  }

  onRunComplete(_contexts, results) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const summary = {
      project: this.name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      seconds: Math.round((Date.now() - results.startTime) / 1000),
      files: results.testResults.map((file) => ({
        path: file.testFilePath,
        seconds: Math.round((file.perfStats.end - file.perfStats.start) / 100) / 10,
      })),
      // What failed and its first lines, so the run's last screen names it even when the Jest
      // output above has scrolled away.
      failures: results.testResults.flatMap((file) => [
        ...(file.testExecError ? [{ path: file.testFilePath, title: 'the file failed to run', message: firstLines(file.testExecError.message) }] : []),
        ...file.testResults
          .filter((test) => test.status === 'failed')
          .map((test) => ({ path: file.testFilePath, title: test.fullName, message: firstLines(test.failureMessages.join('\n')) })),
      ]),
    };
    writeFileSync(join(RESULTS_DIR, `${this.name}-${process.pid}.json`), JSON.stringify(summary));
  }
}

const ANSI = /\u001b\[[0-9;]*m/g;
const firstLines = (text = '') => text.replace(ANSI, '').split('\n').filter((line) => line.trim() !== '').slice(0, 4).join('\n');

module.exports = CountReporter;
