import { z } from 'zod';
import { WebhookEventInvalidError } from './webhook.errors';

const reference = z.string().min(1).max(255);

/**
 * The ids we put in the metadata, as the event states them. Read as plain text, not as UUIDs:
 * a value that is not ours must be compared (and refused), never quietly treated as absent.
 */
const ourMetadata = z
  .object({ checkoutId: reference.optional().catch(undefined), paymentId: reference.optional().catch(undefined) })
  .nullish()
  .transform((metadata) => metadata ?? {});

const eventShape = z.object({ id: reference, type: reference, data: z.object({ object: z.unknown() }) });

const sessionShape = z.object({
  id: reference,
  payment_status: z.string(),
  payment_intent: reference.nullish(),
  amount_total: z.int().nullish(),
  currency: z.string().nullish(),
  metadata: ourMetadata,
});

const failedIntentShape = z.object({
  id: reference,
  metadata: ourMetadata,
  last_payment_error: z
    .object({ decline_code: z.string().nullish(), code: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
});

export type PaymentMetadata = z.output<typeof ourMetadata>;

export interface PaidSession {
  readonly sessionId: string;
  readonly providerPaymentId: string;
  /** What the event claims was paid; checked against our record, never used as the amount. */
  readonly amount: number | null;
  readonly currency: string | null;
  readonly metadata: PaymentMetadata;
}

export interface FailedPayment {
  readonly providerPaymentId: string;
  readonly metadata: PaymentMetadata;
  readonly declineCode: string | null;
  readonly message: string | null;
}

/** A provider event reduced to what this service acts on. */
export type ProviderEvent =
  | { readonly id: string; readonly type: string; readonly kind: 'session_paid'; readonly session: PaidSession }
  | { readonly id: string; readonly type: string; readonly kind: 'payment_failed'; readonly payment: FailedPayment }
  | { readonly id: string; readonly type: string; readonly kind: 'ignored' };

// Hosted Checkout pays cards at completion; slower methods complete unpaid and pay later.
const SESSION_PAID_TYPES = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

/** Reads the event whose signature was checked; throws WebhookEventInvalidError. */
export function parseProviderEvent(body: unknown): ProviderEvent {
  const event = check(eventShape, body);
  const { id, type } = event;
  if (SESSION_PAID_TYPES.has(type)) {
    const session = check(sessionShape, event.data.object, 'data.object');
    if (session.payment_status !== 'paid') return { id, type, kind: 'ignored' };
    if (!session.payment_intent) throw new WebhookEventInvalidError(['data.object.payment_intent: required when paid']);
    const paid = {
      sessionId: session.id,
      providerPaymentId: session.payment_intent,
      amount: session.amount_total ?? null,
      currency: session.currency ?? null,
      metadata: session.metadata,
    };
    return { id, type, kind: 'session_paid', session: paid };
  }
  if (type === 'payment_intent.payment_failed') {
    const intent = check(failedIntentShape, event.data.object, 'data.object');
    const error = intent.last_payment_error;
    const payment = {
      providerPaymentId: intent.id,
      metadata: intent.metadata,
      declineCode: error?.decline_code ?? error?.code ?? null,
      message: error?.message ?? null,
    };
    return { id, type, kind: 'payment_failed', payment };
  }
  return { id, type, kind: 'ignored' };
}

function check<S extends z.ZodType>(schema: S, input: unknown, at = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new WebhookEventInvalidError(
    result.error.issues.map((issue) => `${[at, ...issue.path].filter(Boolean).join('.') || '(body)'}: ${issue.message}`),
  );
}
