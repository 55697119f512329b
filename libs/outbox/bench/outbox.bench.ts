/**
 * npm run bench:outbox — the outbox's cost, measured against the broker it sits on.
 *
 *   (a) raw amqplib: persistent publishes on a confirm channel, 256 in flight      → msg/s
 *   (b) the relay: rows already committed in the outbox → all confirmed by broker  → msg/s
 *   (c) latency from a business transaction's COMMIT to a consumer receiving it,
 *       at a steady rate, one message per transaction                              → p50, p99
 *
 * All three run in one process against the same Postgres and RabbitMQ, into the same kind
 * of durable queue, so (b)/(a) is the price of the outbox's guarantee.
 * Settings: BENCH_MESSAGES (default 20000), BENCH_RATE (500/s), BENCH_SECONDS (10),
 * BENCH_BATCH and BENCH_CONCURRENCY (the relay's batch size and parallel passes).
 */
import 'reflect-metadata';
import { StockReservationRequested } from '@checkout/contracts';
import { DatabaseService } from '@checkout/platform';
import { createVhost, deleteVhost, dropTestDatabase, testAdminUrl, uniqueName } from '@checkout/platform/testing';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import amqplib from 'amqplib';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Outbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/relay/outbox-relay';
import { countRows, startOutboxApp, TEST_SCHEMA } from '../src/testing/outbox-test-app';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const IN_FLIGHT = 256;
const routingKey = StockReservationRequested.routingKey;

function sampleBody(): Buffer {
  const checkoutId = randomUUID();
  return Buffer.from(JSON.stringify({
    messageId: randomUUID(), type: 'StockReservationRequested', correlationId: checkoutId, causationId: null,
    occurredAt: new Date().toISOString(), schemaVersion: 1, producer: 'checkout-orchestrator',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    payload: { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] },
  }));
}

async function benchQueue(amqpUrl: string, exchange: string) {
  const connection = await amqplib.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  const queue = uniqueName('bench.sink');
  await channel.assertExchange(exchange, 'topic', { durable: true });
  await channel.assertQueue(queue, { durable: true });
  await channel.bindQueue(queue, exchange, '#');
  return { connection, channel, queue };
}

/** (a) */
async function rawPublishRate(exchange: string, channel: amqplib.ConfirmChannel): Promise<number> {
  const bodies = Array.from({ length: MESSAGES }, sampleBody);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let confirmed = 0;
    const pump = () => {
      while (sent - confirmed < IN_FLIGHT && sent < MESSAGES) {
        const body = bodies[sent++];
        channel.publish(exchange, routingKey, body, { persistent: true, contentType: 'application/json' }, (error) => {
          if (error) return reject(error);
          if (++confirmed === MESSAGES) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  return MESSAGES / ((performance.now() - started) / 1000);
}

async function enqueue(app: INestApplication, count: number): Promise<void> {
  const outbox = app.get(Outbox);
  for (let done = 0; done < count; done += 500) {
    await app.get(DatabaseService).dataSource.transaction(async (tx) => {
      for (let i = 0; i < Math.min(500, count - done); i++) {
        const checkoutId = randomUUID();
        await outbox.enqueue(tx, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
      }
    });
  }
}

/** (b): the rows are committed already; the relay runs until none is pending. */
async function relayRate(app: INestApplication): Promise<number> {
  const relay = app.get(OutboxRelay);
  const started = performance.now();
  void relay.start();
  while ((await countRows(app, `${TEST_SCHEMA}.outbox WHERE sent_at IS NULL`)) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const rate = MESSAGES / ((performance.now() - started) / 1000);
  await relay.stop();
  return rate;
}

/** (c) */
async function commitToReceipt(app: INestApplication, amqpUrl: string, exchange: string): Promise<number[]> {
  const { connection, channel, queue } = await benchQueue(amqpUrl, exchange);
  const committedAt = new Map<string, number>();
  // A message can arrive before its transaction's promise has resolved here (the relay is woken
  // by the commit itself): arrivals are kept by id and matched afterwards, such a one at 0 ms.
  const receivedAt = new Map<string, number>();
  await channel.consume(queue, (message) => {
    if (message) receivedAt.set(message.properties.messageId as string, performance.now());
  }, { noAck: true });

  const total = RATE * SECONDS;
  const outbox = app.get(Outbox);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = await app.get(DatabaseService).dataSource.transaction(async (tx) => {
      const checkoutId = randomUUID();
      const envelope = await outbox.enqueue(tx, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
      return envelope.messageId;
    });
    committedAt.set(id, performance.now());
  }
  const deadline = Date.now() + 10_000;
  const arrived = () => [...committedAt.keys()].filter((id) => receivedAt.has(id)).length;
  while (arrived() < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const latencies = [...committedAt].flatMap(([id, at]) => (receivedAt.has(id) ? [Math.max(0, (receivedAt.get(id) as number) - at)] : []));
  await channel.deleteQueue(queue);
  await connection.close();
  return latencies.sort((a, b) => a - b);
}

/** BENCH_BATCH / BENCH_CONCURRENCY override the relay's defaults, for exploring. */
function relayTuning() {
  const tuning: { batchSize?: number; concurrency?: number } = {};
  if (process.env.BENCH_BATCH) tuning.batchSize = Number(process.env.BENCH_BATCH);
  if (process.env.BENCH_CONCURRENCY) tuning.concurrency = Number(process.env.BENCH_CONCURRENCY);
  return tuning;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Lets the database settle after bulk writes, as autovacuum would between bursts. */
async function vacuum(database: string): Promise<void> {
  const client = new Client({ connectionString: testAdminUrl(database) });
  await client.connect();
  await client.query(`VACUUM ANALYZE ${TEST_SCHEMA}.outbox`);
  await client.end();
}

/**
 * Everything the benchmark creates lives in a virtual host and two databases of its own,
 * removed at the end however the run ends (a failed round, an interrupted broker).
 */
async function main() {
  const vhost = uniqueName('bench_outbox');
  const databases = { throughput: uniqueName('bench_outbox'), latency: uniqueName('bench_latency') };
  try {
    await measure(await createVhost(vhost), databases.throughput, databases.latency);
  } finally {
    await deleteVhost(vhost);
    await Promise.all(Object.values(databases).map((database) => dropTestDatabase(database).catch(() => undefined)));
  }
}

async function measure(amqpUrl: string, throughputDb: string, latencyDb: string) {
  const exchange = uniqueName('bench.outbox');
  const sink = await benchQueue(amqpUrl, exchange);
  console.log(`outbox benchmark: ${MESSAGES} messages x ${ROUNDS} rounds for (a) and (b) (median shown); ${RATE}/s for ${SECONDS} s for (c)\n`);

  const throughputApp = await startOutboxApp({ database: throughputDb, exchange, amqpUrl, outbox: { relay: false, ...relayTuning() } });
  const raws: number[] = [];
  const relays: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    raws.push(await rawPublishRate(exchange, sink.channel));
    await sink.channel.purgeQueue(sink.queue);
    await enqueue(throughputApp, MESSAGES);
    await vacuum(throughputDb);
    relays.push(await relayRate(throughputApp));
    await sink.channel.purgeQueue(sink.queue);
    console.log(`  round ${round}: raw ${raws.at(-1)?.toFixed(0)} msg/s, relay ${relays.at(-1)?.toFixed(0)} msg/s`);
  }
  await throughputApp.close();
  await sink.channel.deleteQueue(sink.queue);
  await sink.connection.close();
  await dropTestDatabase(throughputDb);
  const raw = median(raws);
  const relay = median(relays);
  console.log(`(a) raw amqplib, confirms, ${IN_FLIGHT} in flight:   ${raw.toFixed(0)} msg/s`);
  console.log(`(b) outbox relay, committed rows -> confirmed:   ${relay.toFixed(0)} msg/s`);

  const latencyApp = await startOutboxApp({ database: latencyDb, exchange, amqpUrl, outbox: { pollIntervalMs: 1000 } });
  const latencies = await commitToReceipt(latencyApp, amqpUrl, exchange);
  await latencyApp.close();
  await dropTestDatabase(latencyDb);

  const ratio = relay / raw;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(`(c) commit -> consumer receipt at ${RATE}/s:        p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (${latencies.length} messages)`);
  console.log(`\nratio (b)/(a): ${ratio.toFixed(2)}   target >= 0.60  ${ratio >= 0.6 ? 'met' : 'MISSED'}`);
  console.log(`latency p50:   ${p50.toFixed(2)} ms  target <= 5 ms  ${p50 <= 5 ? 'met' : 'MISSED'}`);
  console.log(`latency p99:   ${p99.toFixed(2)} ms  target <= 25 ms ${p99 <= 25 ? 'met' : 'MISSED'}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
