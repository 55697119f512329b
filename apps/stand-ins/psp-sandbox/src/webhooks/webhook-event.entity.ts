import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.expired'
  | 'payment_intent.payment_failed';

/** A Stripe event: something that happened, with a snapshot of the object it happened to. */
@Entity({ schema: 'psp', name: 'events' })
export class WebhookEvent {
  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  type!: EventType;

  /** `data.object`: the session or payment intent as it was when the event happened. */
  @Column('json', { name: 'data_object' })
  dataObject!: object;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** The trace of the API call that caused this; null when it was not traced. */
  @Column('text', { nullable: true })
  traceparent!: string | null;
}
