import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of a KV v2 secret; the highest version of a path is the current one. */
@Entity({ schema: 'vault', name: 'kv_versions' })
export class KvVersion {
  @PrimaryColumn('text')
  path!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('jsonb')
  data!: Record<string, string>;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
