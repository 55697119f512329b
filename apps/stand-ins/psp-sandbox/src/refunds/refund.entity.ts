import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

/** Money given back on a succeeded payment intent; the sandbox's refunds succeed at once. */
@Entity({ schema: 'psp', name: 'refunds' })
export class Refund {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'payment_intent_id' })
  paymentIntentId!: string;

  @Column('integer')
  amount!: number;

  @Column('text')
  currency!: string;

  @Column('text')
  status!: 'succeeded';

  @Column('text', { nullable: true })
  reason!: RefundReason | null;

  @Column('jsonb')
  metadata!: Record<string, string>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
