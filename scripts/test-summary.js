// Prints the totals of every Jest run recorded by scripts/jest/count-reporter.js, each run's
// minutes, and the slowest spec files across them.
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join, relative } = require('node:path');

const SLOWEST = 12;

const dir = join(__dirname, '../tmp/test-results');
const runs = existsSync(dir) ? readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8'))) : [];
const total = runs.reduce(
  (sum, run) => ({ passed: sum.passed + run.passed, failed: sum.failed + run.failed, skipped: sum.skipped + run.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
for (const run of runs.sort((a, b) => a.project.localeCompare(b.project))) {
  const took = run.seconds === undefined ? '' : ` in ${run.seconds} s`;
  console.log(`  ${run.project.padEnd(24)} ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped${took}`);
}
const files = runs.flatMap((run) => run.files ?? []).sort((a, b) => b.seconds - a.seconds);
if (files.length > 0) {
  console.log(`slowest spec files:`);
  for (const file of files.slice(0, SLOWEST)) console.log(`  ${String(file.seconds).padStart(6)} s  ${relative(join(__dirname, '..'), file.path)}`);
}
const failures = runs.flatMap((run) => run.failures ?? []);
if (failures.length > 0) {
  console.log(`failed tests:`);
  for (const failure of failures) {
    console.log(`  ${relative(join(__dirname, '..'), failure.path)}: ${failure.title}`);
    for (const line of failure.message.split('\n')) console.log(`      ${line}`);
  }
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
