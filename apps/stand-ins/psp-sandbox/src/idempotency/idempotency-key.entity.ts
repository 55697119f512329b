import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Idempotency-Key seen on a POST, with the request it was first used for and its answer. */
@Entity({ schema: 'psp', name: 'idempotency_keys' })
export class IdempotencyKeyRecord {
  @PrimaryColumn('text')
  key!: string;

  /** sha256 of method, path and parameters: what "the same request" means. */
  @Column('text')
  fingerprint!: string;

  /** The response first sent; `json` (not `jsonb`) so a replay repeats it byte for byte. */
  @Column('json', { name: 'response_body', nullable: true })
  responseBody!: object | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
