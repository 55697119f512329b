// Runs N replicas of one service on one port, as pm2's cluster mode does, for the e2e tests:
//   node replica-primary.js <path/to/main.js> <replicas>
// It is node's cluster module, which pm2 itself uses: the primary accepts the connections and
// hands them to the workers in turn, and a worker that closes its server gets none any more.
// Like pm2, it replaces a replica that exits (unless it is shutting down), and it reports
// each replica's life as one JSON line on stdout so a test can follow and signal them:
//   {"replica":1,"pid":4242,"event":"started" | "ready" | "exited","code":0}
// "ready" is the worker's own announcement (process.send('ready'), what pm2's wait_ready hears).
// SIGTERM to the primary drains every replica at once and exits when all have gone.
const cluster = require('node:cluster');

const [script, count] = process.argv.slice(2);
const replicas = Number(count);
if (!script || !(replicas >= 1)) {
  process.stderr.write('usage: replica-primary.js <main.js> <replicas>\n');
  process.exit(64);
}

let stopping = false;
const report = (replica, pid, event, extra = {}) =>
  process.stdout.write(`${JSON.stringify({ replica, pid, event, ...extra })}\n`);

// The replicas run with the primary's own node flags (cluster's default execArgv).
cluster.setupPrimary({ exec: script });

function fork(replica) {
  const worker = cluster.fork({ NODE_APP_INSTANCE: String(replica) });
  const pid = worker.process.pid;
  report(replica, pid, 'started');
  worker.on('message', (message) => {
    if (message === 'ready') report(replica, pid, 'ready');
  });
  worker.on('exit', (code, signal) => {
    report(replica, pid, 'exited', { code, signal });
    if (!stopping && code !== 78) fork(replica); // 78: bad configuration, a restart cannot help
    else if (Object.keys(cluster.workers).length === 0) process.exit(0);
  });
}

for (let replica = 0; replica < replicas; replica++) fork(replica);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    const workers = Object.values(cluster.workers);
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker.process.kill('SIGTERM');
  });
}
