import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A live dynamic database credential: its Postgres role exists until the row is deleted. */
@Entity({ schema: 'vault', name: 'leases' })
export class Lease {
  @PrimaryColumn('text', { name: 'lease_id' })
  leaseId!: string;

  /** The database secrets engine role it was issued for (the service's name). */
  @Column('text')
  role!: string;

  @Column('text')
  username!: string;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt!: Date;

  /** When it ends unless renewed; never later than `maxExpiresAt`. */
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  /** issued_at + max_ttl: no renewal reaches past it. */
  @Column('timestamptz', { name: 'max_expires_at' })
  maxExpiresAt!: Date;
}
