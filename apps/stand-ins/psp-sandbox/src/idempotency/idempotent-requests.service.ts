import { DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotencyError } from '../stripe-api/stripe-api.error';

export interface IdempotentResult<T> {
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Stripe's Idempotency-Key semantics: the first request with a key runs; a repeat with the
 * same parameters gets the stored response and changes nothing; a repeat with other
 * parameters is refused. A request that fails stores nothing, so it may be retried.
 */
@Injectable()
export class IdempotentRequests {
  constructor(private readonly database: DatabaseService) {}

  /** Runs `operation` in a transaction, at most once per key. */
  run<T extends object>(
    key: string | undefined,
    fingerprint: string,
    operation: (tx: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    return this.database.dataSource.transaction(async (tx) => {
      if (key === undefined) return { body: await operation(tx), replayed: false };
      // Claim the key before doing the work, in the same transaction. A concurrent twin's
      // INSERT waits on our uncommitted row; when we commit it finds the key taken and replays
      // our answer, and if we roll back it claims the key and does the work itself.
      const claimed: unknown[] = await tx.query(
        `INSERT INTO psp.idempotency_keys (key, fingerprint) VALUES ($1, $2)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, fingerprint],
      );
      if (claimed.length === 0) {
        const stored = await this.stored<T>(key, fingerprint, tx);
        // Taken by a request that committed: gone again only if retention deleted it in between.
        if (!stored) throw new Error(`idempotency key ${key} was deleted while it was replayed`);
        return { body: stored, replayed: true };
      }
      const body = await operation(tx);
      await tx.query('UPDATE psp.idempotency_keys SET response_body = $2 WHERE key = $1', [key, JSON.stringify(body)]);
      return { body, replayed: false };
    });
  }

  /**
   * The answer stored for an earlier request with `key`, or undefined when the key was never
   * used. A key used before with other parameters is refused with Stripe's idempotency_error.
   */
  async stored<T>(key: string, fingerprint: string, db: Pick<EntityManager, 'query'> = this.database.dataSource): Promise<T | undefined> {
    const rows: { fingerprint: string; response_body: T }[] = await db.query(
      'SELECT fingerprint, response_body FROM psp.idempotency_keys WHERE key = $1',
      [key],
    );
    if (rows.length === 0) return undefined;
    if (rows[0].fingerprint !== fingerprint) {
      throw new IdempotencyError(
        'Keys for idempotent requests can only be used with the same parameters they were first used with. ' +
          `Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return rows[0].response_body;
  }
}
