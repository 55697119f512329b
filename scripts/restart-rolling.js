// `npm run restart:rolling`: replaces every replica of every service, one at a time, each
// only once the previous one is ready again; the cluster keeps serving throughout.
//
// For each replica (pm2 process id), in the order the services start: `pm2 reload <id>`
// starts the replacement, waits for its 'ready' (sent once its own /health/ready checks pass,
// `wait_ready` in pm2.config.js), then signals the old process, which drains (readiness 503,
// requests in flight answered, consumers cancelled, handlers committed) and exits. Then the
// service's /health/ready must answer 200 before the next replica is touched.
// With one replica per service this is still a zero-downtime restart: pm2's cluster mode
// holds the port while the replacement starts.
//   RESTART_READY_TIMEOUT_S   how long a replica may take to be ready again (default 60)
const pm2 = require('pm2');
const { services } = require('./pm2.config.js');

const readyTimeoutMs = Number(process.env.RESTART_READY_TIMEOUT_S || 60) * 1000;
const call = (method, ...args) =>
  new Promise((resolve, reject) => pm2[method](...args, (error, result) => (error ? reject(error) : resolve(result))));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Checks that report a backlog rather than a dependency: a cluster that is behind under load
// answers 503 for them, and holding the restart back would not help it catch up.
const BACKLOG_CHECKS = new Set(['outbox']);

async function isReady(port) {
  try {
    // Each check is bounded at 2 s by the service itself; a busy one answers a little later.
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5000) });
    if (response.status === 200) return true;
    const failing = Object.keys((await response.json()).error ?? {});
    return response.status === 503 && failing.length > 0 && failing.every((name) => BACKLOG_CHECKS.has(name));
  } catch {
    return false;
  }
}

/** Ready several times in a row: each answer may come from a different replica. */
async function waitReady(name, port) {
  const deadline = Date.now() + readyTimeoutMs;
  for (let streak = 0; streak < 3; ) {
    if (Date.now() > deadline) throw new Error(`${name} not ready on :${port} within ${readyTimeoutMs / 1000} s`);
    streak = (await isReady(port)) ? streak + 1 : 0;
    await sleep(200);
  }
}

async function main() {
  await call('connect');
  try {
    const running = await call('list');
    let restarted = 0;
    for (const [name, port] of services) {
      const replicas = running.filter((proc) => proc.name === name).sort((a, b) => a.pm_id - b.pm_id);
      for (const replica of replicas) {
        const started = Date.now();
        await call('reload', replica.pm_id);
        await waitReady(name, replica.pm2_env.PORT || port);
        const now = (await call('describe', replica.pm_id))[0];
        console.log(`restarted ${name} #${replica.pm_id} (pid ${replica.pid} → ${now?.pid}), ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        restarted++;
      }
    }
    if (restarted === 0) throw new Error('no replica of the cluster runs under pm2 (npm start first)');
    console.log(`rolling restart done: ${restarted} replicas`);
  } finally {
    pm2.disconnect();
  }
}

main().catch((error) => {
  console.error(`rolling restart stopped: ${error.message}`);
  process.exit(1);
});
