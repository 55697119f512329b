// Summarises the V8 CPU profiles `BENCH_CPU_PROF=<dir> npm run bench:checkout` writes, one per
// service: where each one's busy time went, by package (or file of our own) and by function.
//
//   node scripts/profiling/summarize-cpu-profile.mjs <dir or .cpuprofile> [--from s] [--to s] [--top n]
//
// --from/--to keep the samples of one window (seconds from the process's start; the
// per-second busy line printed first shows where the benchmark's phases were).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string', default: '0' }, to: { type: 'string', default: 'Infinity' }, top: { type: 'string', default: '20' } },
});
if (positionals.length !== 1) {
  console.error('usage: summarize-cpu-profile.mjs <dir or .cpuprofile> [--from s] [--to s] [--top n]');
  process.exit(64);
}
const target = positionals[0];
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(target, name))
  : [target];
for (const file of files) summarize(file, Number(values.from) * 1e6, Number(values.to) * 1e6, Number(values.top));

function summarize(file, fromUs, toUs, top) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

  // Sample i lasts until sample i+1: its time is the next delta.
  const selfUs = new Map();
  const busyPerSecond = [];
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (nodes.get(id).callFrame.functionName === '(idle)') return;
    const second = Math.floor(at / 1e6);
    busyPerSecond[second] = (busyPerSecond[second] ?? 0) + duration;
    if (at >= fromUs && at <= toUs) selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
  });

  const selfByModule = new Map();
  const selfByFunction = new Map();
  const totalByFunction = new Map();
  let busy = 0;
  for (const [id, us] of selfUs) {
    busy += us;
    const frame = nodes.get(id).callFrame;
    add(selfByModule, frame.url ? moduleOf(frame.url) : frame.functionName, us);
    add(selfByFunction, label(frame), us);
    // Inclusive time: each function once per sample, however often it recurs on the stack.
    const seen = new Set();
    for (let cursor = id; cursor !== undefined; cursor = parents.get(cursor)) seen.add(label(nodes.get(cursor).callFrame));
    for (const name of seen) add(totalByFunction, name, us);
  }

  const service = profile.nodes.map((node) => node.callFrame.url).find((url) => url.includes('/dist/apps/'))?.match(/dist\/apps\/([^/]+)/)?.[1];
  console.log(`\n${service ?? file}: ${(busy / 1e6).toFixed(1)} s busy in the window`);
  console.log(`busy ms per second: ${Array.from(busyPerSecond, (us) => Math.round((us ?? 0) / 1000)).join(' ')}`);
  for (const [title, table] of [['self, by package', selfByModule], ['self, by function', selfByFunction], ['total, by function', totalByFunction]]) {
    console.log(`-- ${title}`);
    for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`);
    }
  }
}

function add(table, key, us) {
  table.set(key, (table.get(key) ?? 0) + us);
}

function moduleOf(url) {
  return url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (url.startsWith('node:') ? url : `ours: ${url.split('/').pop()}`);
}

function label(frame) {
  return `${frame.functionName || '(anonymous)'} ${frame.url ? moduleOf(frame.url) : '(native)'}:${frame.lineNumber + 1}`;
}
