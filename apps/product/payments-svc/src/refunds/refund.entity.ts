import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A refund the provider accepted; at most one per payment (we refund in full). */
@Entity({ schema: 'payments', name: 'refunds' })
export class RefundEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ name: 'provider_refund_id', type: 'text' })
  providerRefundId!: string;

  @Column({ type: 'integer' })
  amount!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
