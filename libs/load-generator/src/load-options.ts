import { CHECKOUT_EXCHANGE } from '@checkout/contracts';
import { z } from 'zod';

/** One kind of order the generator sends, picked in proportion to its weight. */
const OrderSpec = z.strictObject({
  sku: z.string().min(1),
  qty: z.number().int().min(1).max(99).default(1),
  paymentMethod: z.string().min(1).default('pm_card_visa'),
  weight: z.number().positive().default(1),
});

/**
 * How checkouts arrive. Closed loop: `inFlight` checkouts are kept open, a new one starts when
 * one ends (throughput follows the system's pace); with `rampMs` the slots join one after
 * another over that time instead of all at once. Open loop: `perSecond` arrive whatever the
 * system does (the way real visitors behave, and the only honest way to measure latency and
 * shedding under a given offered load).
 */
const Arrivals = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('closed'), inFlight: z.number().int().min(1).max(10_000), rampMs: z.number().int().min(0).max(600_000).default(0) }),
  z.strictObject({ kind: z.literal('open'), perSecond: z.number().positive().max(20_000) }),
]);

export const LoadOptionsSchema = z.strictObject({
  /** Base URL of the checkout orchestrator (POST /api/checkouts). */
  orchestratorUrl: z.url(),
  /** RabbitMQ, where the checkouts' terminal events are observed. */
  amqpUrl: z.string().regex(/^amqps?:\/\//, 'expected an amqp:// URL'),
  exchange: z.string().min(1).default(CHECKOUT_EXCHANGE),
  arrivals: Arrivals,
  orders: z.array(OrderSpec).min(1).default([{ sku: 'DEMO-WIDGET', qty: 1, paymentMethod: 'pm_card_visa', weight: 1 }]),
  /** Hard bounds: no more checkouts are started after either is reached. */
  maxCheckouts: z.number().int().min(1).max(10_000_000),
  maxDurationMs: z.number().int().min(1).max(3_600_000),
  /** Optional third bound: no more checkouts are started once this many were accepted (shed ones retried). */
  maxAccepted: z.number().int().min(1).optional(),
  /** After arrivals stop, how long checkouts still in flight are followed before the report. */
  drainMs: z.number().int().min(0).max(600_000).default(10_000),
  /** Closed loop: a checkout followed this long without an end frees its slot (it stays counted in flight). */
  followTimeoutMs: z.number().int().min(100).default(60_000),
  /** Closed loop: a slot whose POST failed (or was shed without a Retry-After) waits this long before trying again. */
  retryPauseMs: z.number().int().min(0).default(100),
  /** Open loop: arrivals beyond this many unanswered POSTs are not sent (counted as notSent). */
  maxPendingPosts: z.number().int().min(1).default(2_000),
  requestTimeoutMs: z.number().int().min(1).default(10_000),
  progressEveryMs: z.number().int().min(50).default(1_000),
});

export type LoadOptions = z.input<typeof LoadOptionsSchema>;
export type ResolvedLoadOptions = z.output<typeof LoadOptionsSchema>;
export type OrderSpec = z.output<typeof OrderSpec>;
