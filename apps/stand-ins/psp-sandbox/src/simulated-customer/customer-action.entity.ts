import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `pay` and `decline` are a card's instant outcome. A delayed method (a bank debit, say) takes
 * two steps: `start_delayed_payment` completes the session unpaid, and
 * `settle_delayed_payment` is the money arriving later.
 */
export type CustomerActionKind = 'pay' | 'decline' | 'start_delayed_payment' | 'settle_delayed_payment';

/**
 * Something the simulated customer will do to a session at `due_at`. A row, not a timer: a
 * sandbox restart in between loses nothing, and several sandboxes never act on it twice.
 */
@Entity({ schema: 'psp', name: 'customer_actions' })
export class CustomerAction {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('text', { name: 'session_id' })
  sessionId!: string;

  @Column('text')
  kind!: CustomerActionKind;

  /** How many times the resulting event is delivered (2 simulates a duplicate webhook). */
  @Column('integer', { name: 'webhook_copies' })
  webhookCopies!: number;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt!: Date | null;

  /** The trace of the API call that caused this; null when it was not traced. */
  @Column('text', { nullable: true })
  traceparent!: string | null;
}
