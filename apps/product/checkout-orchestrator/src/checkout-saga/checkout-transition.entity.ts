import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a checkout's history: which event moved it from where to where. */
@Entity({ schema: 'checkout', name: 'checkout_transitions' })
export class CheckoutTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'checkout_id', type: 'uuid' })
  checkoutId!: string;

  /** Null for the first step (Initial → Initiated). */
  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'text' })
  toState!: string;

  @Column('text')
  event!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column('boolean')
  compensation!: boolean;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
