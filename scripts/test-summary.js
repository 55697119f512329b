// Prints the totals of every Jest run recorded by scripts/jest/count-reporter.js.
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '../tmp/test-results');
const runs = existsSync(dir) ? readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8'))) : [];
const total = runs.reduce(
  (sum, run) => ({ passed: sum.passed + run.passed, failed: sum.failed + run.failed, skipped: sum.skipped + run.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
for (const run of runs.sort((a, b) => a.project.localeCompare(b.project))) {
  console.log(`  ${run.project.padEnd(24)} ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
