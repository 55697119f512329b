import amqplib from 'amqplib';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool, type PoolClient } from 'pg';

/**
 * The machine's bound for one checkout: the database transactions and confirmed publishes the
 * happy path makes, in batches of the size the services reach, replayed in a tight loop with no service in between (no HTTP, no Nest, no
 * JSON validation, no waiting for a consumer to pick a message up). Each stage is one
 * transaction shaped like the handler it stands for (inbox row, state change, history row,
 * outbox rows), then its messages published persistent and confirmed, then marked sent, as
 * the relay does. Everyone buys one product, so the hot row is contended here too.
 */
/** One statement of a stage, for the checkouts of a batch (one statement for all, or one each, as the services do). */
type Statement = (db: PoolClient, checkoutIds: readonly string[]) => Promise<unknown>;

const ENVELOPE = JSON.stringify({
  messageId: randomUUID(), type: 'StockReservationRequested', correlationId: randomUUID(), causationId: randomUUID(),
  occurredAt: new Date().toISOString(), schemaVersion: 1, producer: 'checkout-orchestrator',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  payload: { checkoutId: randomUUID(), items: [{ sku: 'DEMO-WIDGET', qty: 1 }], amount: 3999, currency: 'GBP' },
});

/** Runs `query` once per checkout of the batch: an effect the services make message by message. */
const each = (query: (db: PoolClient, checkoutId: string) => Promise<unknown>): Statement => async (db, ids) => {
  for (const id of ids) await query(db, id);
};

// A batch's inbox rows and outbox rows: one statement each, as the batched consumers write them.
const inbox: Statement = (db, ids) =>
  db.query('INSERT INTO bound.inbox (message_id, consumer) SELECT m, $2 FROM unnest($1::uuid[]) AS m ORDER BY m', [ids.map(() => randomUUID()), 'bench']);
const outbox: Statement = (db, ids) => db.query('INSERT INTO bound.outbox (envelope) SELECT $2::jsonb FROM unnest($1::uuid[]) RETURNING id', [ids, ENVELOPE]);
const row = each((db, checkoutId) => db.query('INSERT INTO bound.rows (checkout_id, data) VALUES ($1, $2)', [checkoutId, ENVELOPE]));
const newCheckout = each((db, checkoutId) =>
  db.query(`INSERT INTO bound.checkouts (id, state, version, data, idempotency_key) VALUES ($1::uuid, 'Initiated', 1, $2, $1::text)`, [checkoutId, ENVELOPE]));
// The orchestrator locks a batch's sagas in one statement and saves them in one.
const advance: Statement = async (db, ids) => {
  await db.query('SELECT id FROM bound.checkouts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
  await db.query('UPDATE bound.checkouts SET state = $2, version = version + 1, data = $3 WHERE id = ANY($1::uuid[])', [ids, 'Next', ENVELOPE]);
};
const hold = each((db) => db.query(`UPDATE bound.products SET reserved = reserved + 1 WHERE sku = 'HOT' AND on_hand - reserved >= 1`));
const sell = each((db) => db.query(`UPDATE bound.products SET on_hand = on_hand - 1, reserved = reserved - 1 WHERE sku = 'HOT' AND reserved >= 1`));
const updateRow = each((db, checkoutId) => db.query('UPDATE bound.rows SET data = $2 WHERE checkout_id = $1', [checkoutId, ENVELOPE]));

/** The happy path, stage by stage: what each handler writes in its transaction, and what it publishes. */
export const CHECKOUT_STAGES: readonly { stage: string; statements: Statement[]; publishes: number }[] = [
  { stage: 'orchestrator: POST /api/checkouts', statements: [newCheckout, row, outbox], publishes: 1 },
  { stage: 'catalog: reserve', statements: [inbox, hold, row, outbox], publishes: 1 },
  { stage: 'orchestrator: StockReserved', statements: [inbox, advance, row, outbox], publishes: 1 },
  { stage: 'payments: create session', statements: [inbox, row, outbox], publishes: 1 },
  { stage: 'psp-sandbox: session and customer', statements: [row, row, row], publishes: 0 },
  { stage: 'orchestrator: PaymentSessionCreated', statements: [inbox, advance, row, row], publishes: 0 },
  { stage: 'psp-sandbox: customer pays, webhook queued', statements: [updateRow, row, row], publishes: 0 },
  { stage: 'psp-sandbox: webhook delivered', statements: [updateRow], publishes: 0 },
  { stage: 'payments: webhook', statements: [row, updateRow, outbox], publishes: 1 },
  { stage: 'orchestrator: PaymentCompleted', statements: [inbox, advance, row, updateRow, outbox, outbox], publishes: 2 },
  { stage: 'catalog: commit', statements: [inbox, updateRow, sell], publishes: 0 },
];

const SCHEMA = `
  DROP SCHEMA IF EXISTS bound CASCADE; CREATE SCHEMA bound;
  CREATE TABLE bound.checkouts (id uuid PRIMARY KEY, state text NOT NULL, version int NOT NULL, data jsonb NOT NULL, idempotency_key text UNIQUE);
  CREATE TABLE bound.rows (id bigserial PRIMARY KEY, checkout_id uuid NOT NULL, data jsonb NOT NULL);
  CREATE INDEX ON bound.rows (checkout_id);
  CREATE TABLE bound.outbox (id bigserial PRIMARY KEY, envelope jsonb NOT NULL, sent_at timestamptz);
  CREATE INDEX ON bound.outbox (id) WHERE sent_at IS NULL;
  CREATE TABLE bound.inbox (message_id uuid, consumer text, PRIMARY KEY (message_id, consumer));
  CREATE TABLE bound.products (sku text PRIMARY KEY, on_hand int NOT NULL CHECK (on_hand >= 0), reserved int NOT NULL CHECK (reserved >= 0));
  INSERT INTO bound.products VALUES ('HOT', 1000000000, 0);`;

export interface BoundResult {
  checkoutsPerSecond: number;
  transactionsPerCheckout: number;
  messagesPerCheckout: number;
}

/**
 * Replays whole checkouts for `seconds`, `concurrency` batches at a time, `batchSize`
 * checkouts per batch (the batch size the services reached: each stage is one transaction
 * and one confirm wait for the whole batch, as they run it); checkouts/s.
 */
export async function measureBound(adminUrl: string, amqpUrl: string, concurrency: number, seconds: number, batchSize = 1): Promise<BoundResult> {
  const pool = new Pool({ connectionString: adminUrl, max: concurrency });
  const connection = await amqplib.connect(amqpUrl);
  const publisher = await connection.createConfirmChannel();
  const consumer = await connection.createChannel();
  const queue = `bench.bound.${randomUUID()}`;
  // A channel error surfaces through the publish that caused it; never as an unheard event.
  publisher.on('error', () => undefined);
  consumer.on('error', () => undefined);
  try {
    await pool.query(SCHEMA);
    await publisher.assertExchange('bench.bound', 'topic', { durable: true });
    await publisher.assertQueue(queue, { durable: true });
    await publisher.bindQueue(queue, 'bench.bound', '#');
    await consumer.prefetch(512);
    await consumer.consume(queue, (message) => message && consumer.ack(message));

    let completed = 0;
    let failure: unknown;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        // The first failure stops every worker, and is the one reported.
        while (performance.now() < deadline && failure === undefined) {
          await replayBatch(pool, publisher, batchSize).then(() => (completed += batchSize), (error: unknown) => (failure ??= error));
        }
      }),
    );
    if (failure !== undefined) throw failure;
    const elapsed = (performance.now() - started) / 1000;
    return {
      checkoutsPerSecond: completed / elapsed,
      transactionsPerCheckout: CHECKOUT_STAGES.length,
      messagesPerCheckout: CHECKOUT_STAGES.reduce((sum, stage) => sum + stage.publishes, 0),
    };
  } finally {
    await consumer.deleteQueue(queue).catch(() => undefined);
    await publisher.deleteExchange('bench.bound').catch(() => undefined);
    await connection.close().catch(() => undefined);
    await pool.query('DROP SCHEMA IF EXISTS bound CASCADE').catch(() => undefined);
    await pool.end();
  }
}

async function replayBatch(pool: Pool, channel: amqplib.ConfirmChannel, batchSize: number): Promise<void> {
  const checkoutIds = Array.from({ length: batchSize }, () => randomUUID());
  for (const { statements, publishes: perCheckout } of CHECKOUT_STAGES) {
    const db = await pool.connect();
    const publishes = perCheckout * batchSize;
    // The relay claims from the lowest id a commit announced, not from the first row ever written.
    let floor: bigint | undefined;
    try {
      await db.query('BEGIN');
      for (const statement of statements) {
        const result = await statement(db, checkoutIds);
        if (statement === outbox) floor = lowest(floor, (result as { rows: { id: string }[] }).rows.map(({ id }) => BigInt(id)));
      }
      await db.query('COMMIT');
      if (publishes > 0) {
        await Promise.all(
          Array.from({ length: publishes }, () =>
            new Promise<void>((resolve, reject) =>
              channel.publish('bench.bound', 'checkout.bench', Buffer.from(ENVELOPE), { persistent: true }, (error) => (error ? reject(error) : resolve())),
            ),
          ),
        );
        // The relay marks what the broker confirmed.
        await db.query(
          'UPDATE bound.outbox SET sent_at = now() WHERE id IN (SELECT id FROM bound.outbox WHERE sent_at IS NULL AND id >= $2 ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)',
          [publishes, String(floor ?? 0n)],
        );
      }
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
  }
}

/** The lowest of `ids` and `floor` (when there is one). */
function lowest(floor: bigint | undefined, ids: readonly bigint[]): bigint | undefined {
  return ids.reduce((low, id) => (low === undefined || id < low ? id : low), floor);
}
