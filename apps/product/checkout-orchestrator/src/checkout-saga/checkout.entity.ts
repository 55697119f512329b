import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CheckoutData } from './checkout-data';
import type { CheckoutState } from './checkout-saga.definition';

/** One saga instance. The truth about a checkout is this row, never an in-memory stream. */
@Entity({ schema: 'checkout', name: 'checkouts' })
export class CheckoutEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  state!: CheckoutState;

  /** Optimistic concurrency: every save requires the version it read. */
  @Column('integer')
  version!: number;

  @Column('jsonb')
  data!: CheckoutData;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
