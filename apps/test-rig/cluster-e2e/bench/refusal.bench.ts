/**
 * npm run bench:refusals — what a refused checkout start costs the orchestrator (issue 22 asks
 * ≤ 0.2 ms of CPU for a shed request).
 *
 * Only the orchestrator runs, as `npm start` runs it, with its ceiling on checkouts under way
 * set to 1 and one checkout under way: every POST /api/checkouts is then refused by admission
 * control before its body is read, as under overload. The requests are real starts (a JSON
 * order, an Idempotency-Key each) sent over keep-alive connections, 32 in flight. Each round
 * reads the orchestrator's CPU (user + system, /proc) before and after; the median round is
 * printed, beside the sender's own CPU per request. Every answer must be a 503 with
 * Retry-After, or the run stops: a figure from another path would measure something else.
 *
 * CLUSTER_BUILD_ROOT=<another checkout> runs that checkout's build: run the two in turn, in the
 * same minutes, and compare them. Settings: BENCH_REQUESTS (per round, 3,000), BENCH_ROUNDS (5).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { TestCluster } from '../src/support/test-cluster';
import { withAdmin } from './bench-cluster';
import { cpuSeconds } from './process-usage';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IN_FLIGHT = 32;
const ORDER = JSON.stringify({ items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' });

interface Round {
  serverUs: number;
  senderUs: number;
  perSecond: number;
}

async function main(): Promise<void> {
  console.log(`bench:refusals — ${ROUNDS} rounds of ${REQUESTS} refused starts, ${IN_FLIGHT} in flight`);
  const cluster = await TestCluster.create();
  process.once('SIGINT', () => void cluster.stop().finally(() => process.exit(130)));
  try {
    const orchestrator = cluster.start('checkout-orchestrator', { LOG_LEVEL: 'warn', OTEL_BSP_SCHEDULE_DELAY: '5000', ADMISSION_MAX_ACTIVE_CHECKOUTS: '1' });
    await orchestrator.waitReady();
    await oneCheckoutUnderWay(cluster);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const url = new URL('/api/checkouts', orchestrator.url);
    await sendRound(url, agent, 500); // connections open, code warm
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const serverBefore = cpuSeconds(orchestrator.pid ?? 0);
      const senderBefore = process.cpuUsage();
      const startedAt = performance.now();
      await sendRound(url, agent, REQUESTS);
      const seconds = (performance.now() - startedAt) / 1000;
      const sender = process.cpuUsage(senderBefore);
      const serverUs = ((cpuSeconds(orchestrator.pid ?? 0) - serverBefore) * 1e6) / REQUESTS;
      rounds.push({ serverUs, senderUs: (sender.user + sender.system) / REQUESTS, perSecond: REQUESTS / seconds });
      console.log(`    round ${round}: orchestrator ${serverUs.toFixed(0)} µs a refusal, sender ${rounds[round - 1].senderUs.toFixed(0)} µs, ${(REQUESTS / seconds).toFixed(0)} refusals/s`);
    }
    agent.destroy();
    const median = (pick: (round: Round) => number) => rounds.map(pick).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
    const range = (pick: (round: Round) => number) => `${Math.min(...rounds.map(pick)).toFixed(0)}–${Math.max(...rounds.map(pick)).toFixed(0)}`;
    console.log('');
    console.log('| measure | median | rounds |');
    console.log('| --- | --- | --- |');
    console.log(`| orchestrator CPU per refused start | ${median((r) => r.serverUs).toFixed(0)} µs | ${range((r) => r.serverUs)} µs |`);
    console.log(`| sender CPU per request | ${median((r) => r.senderUs).toFixed(0)} µs | ${range((r) => r.senderUs)} µs |`);
    console.log(`| refusals a second, ${IN_FLIGHT} in flight | ${median((r) => r.perSecond).toFixed(0)} | ${range((r) => r.perSecond)} |`);
    console.log(`\ncpu per refused start (orchestrator): ${median((r) => r.serverUs).toFixed(0)} µs`);
  } finally {
    await cluster.stop();
  }
}

/** A checkout in its first step, written as the saga would: with the ceiling at 1, nothing more is admitted. */
async function oneCheckoutUnderWay(cluster: TestCluster): Promise<void> {
  await withAdmin(cluster, (db) =>
    db.query(
      `INSERT INTO checkout.checkouts (id, state, version, data, idempotency_key, request_hash)
       VALUES ($1, 'Initiated', 1, '{}', $2, 'bench')`,
      [randomUUID(), `bench-refusals-${randomUUID()}`],
    ),
  );
}

/** `count` starts, IN_FLIGHT at a time; throws unless every one is a 503 with Retry-After. */
async function sendRound(url: URL, agent: Agent, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const { status, retryAfter } = await post(url, agent);
      if (status !== 503 || !retryAfter) throw new Error(`a start was answered ${status}${retryAfter ? '' : ' without Retry-After'}, not refused: this would measure another path`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

function post(url: URL, agent: Agent): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ORDER), 'idempotency-key': randomUUID() },
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end(ORDER);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
