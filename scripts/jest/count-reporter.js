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
    };
    writeFileSync(join(RESULTS_DIR, `${this.name}-${process.pid}.json`), JSON.stringify(summary));
  }
}

module.exports = CountReporter;
