import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SessionStatus = 'open' | 'complete' | 'expired';
export type SessionPaymentStatus = 'unpaid' | 'paid';

export interface SessionLineItem {
  quantity: number;
  currency: string;
  unitAmount: number;
  name: string;
}

/** A Stripe Checkout Session: what the shop asks the customer to pay, and whether they did. */
@Entity({ schema: 'psp', name: 'checkout_sessions' })
export class CheckoutSession {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  status!: SessionStatus;

  @Column('text', { name: 'payment_status' })
  paymentStatus!: SessionPaymentStatus;

  /** Σ quantity × unit_amount, in the currency's minor unit (pence). */
  @Column('integer', { name: 'amount_total' })
  amountTotal!: number;

  @Column('text')
  currency!: string;

  @Column('jsonb', { name: 'line_items' })
  lineItems!: SessionLineItem[];

  /** Set when the simulated customer pays. */
  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId!: string | null;

  /** `metadata[payment_method]`: which simulated customer this session gets. */
  @Column('text', { name: 'payment_method', nullable: true })
  paymentMethod!: string | null;

  @Column('text', { name: 'client_reference_id', nullable: true })
  clientReferenceId!: string | null;

  @Column('jsonb')
  metadata!: Record<string, string>;

  /** `payment_intent_data[metadata]`: copied onto the payment intent, over `metadata`. */
  @Column('jsonb', { name: 'payment_intent_metadata' })
  paymentIntentMetadata!: Record<string, string>;

  @Column('text', { name: 'success_url', nullable: true })
  successUrl!: string | null;

  @Column('text', { name: 'cancel_url', nullable: true })
  cancelUrl!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;
}
