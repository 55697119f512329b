import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A product we sell: its price, and how much of it is on the shelf and already promised. */
@Entity({ schema: 'catalog', name: 'products' })
export class Product {
  @PrimaryColumn('text')
  sku!: string;

  @Column('text')
  name!: string;

  /** The price of one, in the currency's minor unit (3999 for £39.99). */
  @Column('integer', { name: 'unit_amount' })
  unitAmount!: number;

  @Column('char', { length: 3 })
  currency!: string;

  /** Units physically in stock, sold or not yet. */
  @Column('integer', { name: 'on_hand' })
  onHand!: number;

  /** Units held for checkouts that have not paid yet; never more than on hand. */
  @Column('integer')
  reserved!: number;

  /** Raised by every stock change; a write that read an older version is refused. */
  @Column('integer')
  version!: number;
}
