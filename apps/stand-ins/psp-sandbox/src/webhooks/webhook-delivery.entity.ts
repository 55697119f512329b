import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One delivery of an event to the webhook endpoint, retried until the endpoint answers 2xx or
 * the attempts run out. Pending while neither `delivered_at` nor `failed_at` is set.
 */
@Entity({ schema: 'psp', name: 'webhook_deliveries' })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('text', { name: 'event_id' })
  eventId!: string;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;

  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt!: Date | null;

  /** The endpoint's HTTP status on the last attempt; null when it could not be reached. */
  @Column('integer', { name: 'last_status', nullable: true })
  lastStatus!: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;
}
