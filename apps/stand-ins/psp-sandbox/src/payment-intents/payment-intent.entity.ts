import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PaymentIntentStatus = 'succeeded' | 'requires_payment_method' | 'processing';

export interface LastPaymentError {
  type: 'card_error';
  code: string;
  decline_code: string;
  message: string;
}

/**
 * One attempt of the simulated customer to pay a session: `succeeded` (refundable), after a
 * decline `requires_payment_method` with the card error that caused it, or `processing` while
 * a delayed method has not settled yet.
 */
@Entity({ schema: 'psp', name: 'payment_intents' })
export class PaymentIntent {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'session_id' })
  sessionId!: string;

  @Column('integer')
  amount!: number;

  @Column('text')
  currency!: string;

  @Column('text')
  status!: PaymentIntentStatus;

  /** The session's metadata with `payment_intent_data[metadata]` merged over it. */
  @Column('jsonb')
  metadata!: Record<string, string>;

  @Column('jsonb', { name: 'last_payment_error', nullable: true })
  lastPaymentError!: LastPaymentError | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
