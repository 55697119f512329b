import { activeTraceparent, contextOfTraceparent, DatabaseService } from '@checkout/platform';
import { ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PspMetrics } from '../psp.metrics';
import { EventRecorder, type NewEvent } from '../webhooks/event-recorder.service';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.worker';
import { PollingWorker } from '../workers/polling-worker';
import { type ClaimedActionWithSession, claimDueActions, nextActionDue } from './claimed-action';
import { type ActionOutcome, CustomerActionPerformer } from './customer-action.performer';

/** Actions claimed per transaction: a checkout's payment is a handful of rows, so many share one commit. */
const BATCH_SIZE = 64;
/** Two claims in flight: one lane commits its batch while the other claims the next. */
const CUSTOMER_LANES = 2;

const tracer = trace.getTracer('@checkout/psp-sandbox');

/**
 * Carries out simulated customers' actions when they fall due, a batch per transaction: claim
 * the due actions and lock their sessions (one statement), decide every outcome in memory, then
 * write each kind of row for the whole batch in one statement, those sent together. A batch
 * commits completely or not at all, so every action still happens exactly once with all its
 * effects (its `done_at` mark included).
 */
@Injectable()
export class CustomerActionWorker extends PollingWorker {
  constructor(
    database: DatabaseService,
    private readonly performer: CustomerActionPerformer,
    private readonly events: EventRecorder,
    private readonly dispatcher: WebhookDispatcher,
    private readonly metrics: PspMetrics,
  ) {
    super(database, 'CustomerActionWorker', CUSTOMER_LANES);
  }

  protected async tick(): Promise<boolean> {
    const now = new Date();
    const result = await this.database.dataSource.transaction(async (tx) => {
      const claimed = await claimDueActions(tx, now, BATCH_SIZE);
      if (claimed.length === 0) return { claimed, events: [], nextDue: await nextActionDue(tx, now) };
      return { claimed, events: await this.carryOut(tx, claimed, now), nextDue: null };
    });
    if (result.nextDue) this.wakeAt(result.nextDue);
    for (const event of result.events) this.metrics.eventsCreated.inc({ type: event.type });
    if (result.events.length > 0) this.dispatcher.wake(); // committed: deliver now rather than at the next poll
    return result.claimed.length === BATCH_SIZE;
  }

  /**
   * Decides every outcome in memory, then sends the batch's writes (new intents, settled
   * intents, changed sessions, events with their deliveries) together: one round trip, since
   * none depends on another's result.
   */
  private async carryOut(tx: EntityManager, claimed: readonly ClaimedActionWithSession[], now: Date): Promise<NewEvent[]> {
    // One span per action, in the trace of the API call that planned it (the checkout's): the
    // webhook is posted under it. An unsampled trace makes a span that records nothing.
    const spans = claimed.map(({ action }) => tracer.startSpan(`customer ${action.kind}`, { attributes: { 'batch.size': claimed.length } }, contextOfTraceparent(action.traceparent)));
    try {
      const outcomes = claimed.map(({ action, session }) => (session ? this.performer.perform(session, action, now) : {}));
      const events = outcomes.flatMap((outcome, i) => (outcome.event ? [{ ...outcome.event, traceparent: traceparentOf(spans[i]) }] : []));
      await Promise.all([...writeOutcomes(tx, outcomes), this.events.recordAll(tx, events)]);
      return events;
    } finally {
      spans.forEach((span) => span.end());
    }
  }
}

/** New intents, settled intents and changed sessions of a batch: one statement each, issued together. */
function writeOutcomes(tx: EntityManager, outcomes: readonly ActionOutcome[]): Promise<unknown>[] {
  const writes: Promise<unknown>[] = [];
  const intents = outcomes.flatMap((outcome) => (outcome.intent ? [outcome.intent] : []));
  if (intents.length > 0) {
    writes.push(tx.query(
      `INSERT INTO psp.payment_intents (id, session_id, amount, currency, status, metadata, last_payment_error, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::timestamptz[])`,
      [
        intents.map((intent) => intent.id),
        intents.map((intent) => intent.sessionId),
        intents.map((intent) => intent.amount),
        intents.map((intent) => intent.currency),
        intents.map((intent) => intent.status),
        intents.map((intent) => JSON.stringify(intent.metadata)),
        intents.map((intent) => (intent.lastPaymentError ? JSON.stringify(intent.lastPaymentError) : null)),
        intents.map((intent) => intent.createdAt),
      ],
    ));
  }
  const settled = outcomes.flatMap((outcome) => (outcome.settledIntentId ? [outcome.settledIntentId] : []));
  if (settled.length > 0) {
    writes.push(tx.query(`UPDATE psp.payment_intents SET status = 'succeeded' WHERE id = ANY($1::text[]) AND status = 'processing'`, [settled]));
  }
  // A session changed twice in the batch is one object, changed in place: written once, as it ended.
  const changed = [...new Set(outcomes.flatMap((outcome) => (outcome.session ? [outcome.session] : [])))];
  if (changed.length > 0) {
    writes.push(tx.query(
      `UPDATE psp.checkout_sessions s
       SET status = c.status, payment_status = c.payment_status, payment_intent_id = c.payment_intent_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(id, status, payment_status, payment_intent_id)
       WHERE s.id = c.id`,
      [changed.map((s) => s.id), changed.map((s) => s.status), changed.map((s) => s.paymentStatus), changed.map((s) => s.paymentIntentId)],
    ));
  }
  return writes;
}

function traceparentOf(span: Span): string | null {
  return activeTraceparent(trace.setSpan(ROOT_CONTEXT, span)) ?? null;
}
