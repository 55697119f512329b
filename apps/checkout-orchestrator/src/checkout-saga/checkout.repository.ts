import { ConcurrencyConflictError } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckoutTransitionEntity } from './checkout-transition.entity';
import type { CheckoutEntity } from './checkout.entity';
import type { Outcome } from './checkout-state-machine';

/** The saga row's columns under the entity's property names. */
const CHECKOUT_COLUMNS = `id, state, version, data, idempotency_key AS "idempotencyKey", request_hash AS "requestHash",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Loads and saves saga rows; every write goes through the caller's transaction.
 *
 * Plain parameterised SQL rather than the entity manager: every checkout message runs these
 * (a dozen times per checkout), and building the query from entity metadata cost more CPU
 * than the round trip itself. The entities still describe the tables for reads elsewhere.
 */
@Injectable()
export class CheckoutRepository {
  async load(tx: EntityManager, checkoutId: string): Promise<CheckoutEntity | null> {
    const rows: CheckoutEntity[] = await tx.query(`SELECT ${CHECKOUT_COLUMNS} FROM checkout.checkouts WHERE id = $1`, [checkoutId]);
    return rows[0] ?? null;
  }

  /** The checkout a request with this Idempotency-Key started, if any. */
  async findByIdempotencyKey(db: EntityManager, idempotencyKey: string): Promise<CheckoutEntity | null> {
    const rows: CheckoutEntity[] = await db.query(`SELECT ${CHECKOUT_COLUMNS} FROM checkout.checkouts WHERE idempotency_key = $1`, [idempotencyKey]);
    return rows[0] ?? null;
  }

  /** Inserts a new saga row; a second row with the same Idempotency-Key fails on its unique key. */
  async create(tx: EntityManager, saga: Pick<CheckoutEntity, 'id' | 'state' | 'version' | 'data' | 'idempotencyKey' | 'requestHash'>): Promise<void> {
    await tx.query(
      `INSERT INTO checkout.checkouts (id, state, version, data, idempotency_key, request_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
      [saga.id, saga.state, saga.version, JSON.stringify(saga.data), saga.idempotencyKey, saga.requestHash],
    );
  }

  /** Saves an outcome if nobody saved this checkout since `saga` was read; else throws to retry. */
  async save(tx: EntityManager, saga: CheckoutEntity, outcome: Outcome): Promise<void> {
    // A CTE ending in SELECT, so the driver returns the rows that changed (none: a lost race).
    const saved: unknown[] = await tx.query(
      `WITH saved AS (
         UPDATE checkout.checkouts SET state = $3, data = $4, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING id)
       SELECT id FROM saved`,
      [saga.id, saga.version, outcome.to, JSON.stringify(outcome.data)],
    );
    if (saved.length !== 1) {
      throw new ConcurrencyConflictError(`checkout ${saga.id} changed since version ${saga.version}`);
    }
  }

  async recordTransition(
    tx: EntityManager,
    step: Pick<CheckoutTransitionEntity, 'checkoutId' | 'fromState' | 'toState' | 'event' | 'messageId' | 'compensation'>,
  ): Promise<void> {
    // `at` is the column's default, clock_timestamp(): the database's clock orders the history.
    await tx.query(
      `INSERT INTO checkout.checkout_transitions (checkout_id, from_state, to_state, event, message_id, compensation)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [step.checkoutId, step.fromState, step.toState, step.event, step.messageId, step.compensation],
    );
  }

  history(tx: EntityManager, checkoutId: string): Promise<CheckoutTransitionEntity[]> {
    return tx.query(
      // Ordered by the bigint column, not by the text it is returned as (which would put 10 before 9).
      `SELECT step.id::text AS id, checkout_id AS "checkoutId", from_state AS "fromState", to_state AS "toState", event,
              message_id AS "messageId", compensation, at
       FROM checkout.checkout_transitions step WHERE checkout_id = $1 ORDER BY step.id`,
      [checkoutId],
    );
  }
}
