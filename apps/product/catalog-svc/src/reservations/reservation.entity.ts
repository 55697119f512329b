import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** held: the stock is promised; then exactly one of released (given back) or committed (sold). */
export type ReservationStatus = 'held' | 'released' | 'committed';

/** One line as the catalog priced it when the stock was reserved. */
export interface ReservedLine {
  readonly sku: string;
  readonly name: string;
  readonly qty: number;
  readonly unitAmount: number;
}

/** The stock held for one checkout, and the price quoted for it. */
@Entity({ schema: 'catalog', name: 'reservations' })
export class Reservation {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'checkout_id' })
  checkoutId!: string;

  @Column('text')
  status!: ReservationStatus;

  /** Empty only for a release that arrived before anything was held (see ReleaseStockHandler). */
  @Column('jsonb')
  lines!: ReservedLine[];

  /** Σ qty × unitAmount, in the currency's minor unit. */
  @Column('integer')
  amount!: number;

  /** Null exactly when there are no lines. */
  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
