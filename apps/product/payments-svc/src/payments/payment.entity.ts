import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * session_created → succeeded → refunded, session_created → failed, or session_created →
 * expired (closed unpaid at the checkout's timeout). failed → succeeded and expired →
 * succeeded are allowed too: see `canSucceed` in payment.repository.ts.
 */
export type PaymentStatus = 'session_created' | 'succeeded' | 'failed' | 'refunded' | 'expired';

/** One checkout's payment at the provider: what we asked for and what the provider told us. */
@Entity({ schema: 'payments', name: 'payments' })
export class PaymentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'checkout_id', type: 'uuid' })
  checkoutId!: string;

  /** Minor units, as priced by the catalog: the only amount this service ever charges or refunds. */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'payment_method', type: 'text' })
  paymentMethod!: string;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'provider_session_id', type: 'text' })
  providerSessionId!: string;

  /** Kept so that a repeated request can be answered without asking the provider again. */
  @Column({ name: 'session_expires_at', type: 'timestamptz' })
  sessionExpiresAt!: Date;

  @Column({ name: 'provider_payment_id', type: 'text', nullable: true })
  providerPaymentId!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  /** A visitor follows the checkout live: its provider calls are recorded for the edge to draw. */
  @Column({ type: 'boolean', default: false })
  watched!: boolean;

  /** Optimistic concurrency: every change is `UPDATE … WHERE version = <read>`. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
