// Waits until every service's /health/ready answers 200, printing each as it becomes ready.
// Usage: node scripts/wait-ready.js [timeoutSeconds]
const { services } = require('./pm2.config.js');

const timeoutMs = Number(process.argv[2] ?? 90) * 1000;
const started = Date.now();

async function isReady(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function main() {
  const pending = new Map(services);
  while (pending.size > 0) {
    for (const [name, port] of [...pending]) {
      if (await isReady(port)) {
        console.log(`ready: ${name} on :${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        pending.delete(name);
      }
    }
    if (pending.size === 0) break;
    if (Date.now() - started > timeoutMs) {
      console.error(`not ready after ${timeoutMs / 1000} s: ${[...pending.keys()].join(', ')} (logs in tmp/logs/)`);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

void main();
