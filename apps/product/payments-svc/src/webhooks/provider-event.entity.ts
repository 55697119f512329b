import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A provider event we have accepted; its id is stored once, so a redelivery has no second effect. */
@Entity({ schema: 'payments', name: 'provider_events' })
export class ProviderEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
