import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CheckoutTransitionEntity } from './checkout-transition.entity';
import type { CheckoutEntity } from './checkout.entity';

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

  /**
   * Locks the sagas of a batch for its transaction, in id order: two batches that share sagas
   * take their locks in the same order, so they wait for each other and never deadlock.
   */
  async lockAll(tx: EntityManager, checkoutIds: readonly string[]): Promise<Map<string, CheckoutEntity>> {
    const rows: CheckoutEntity[] = await tx.query(
      `SELECT ${CHECKOUT_COLUMNS} FROM checkout.checkouts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [checkoutIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Writes the new state and data of sagas locked by `lockAll`, each having taken `steps` steps, in one statement. */
  async saveAll(tx: EntityManager, sagas: readonly { id: string; state: string; data: object; steps: number }[]): Promise<void> {
    await tx.query(
      `UPDATE checkout.checkouts c SET state = s.state, data = s.data, version = c.version + s.steps, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::int[]) AS s(id, state, data, steps) WHERE c.id = s.id`,
      [sagas.map((s) => s.id), sagas.map((s) => s.state), sagas.map((s) => JSON.stringify(s.data)), sagas.map((s) => s.steps)],
    );
  }

  /** Appends history steps, in the order given, in one statement. */
  async recordTransitions(
    tx: EntityManager,
    steps: readonly Pick<CheckoutTransitionEntity, 'checkoutId' | 'fromState' | 'toState' | 'event' | 'messageId' | 'compensation'>[],
  ): Promise<void> {
    // `at` is the column's default, clock_timestamp(): the database's clock orders the history
    // (and ids, taken in the order of the rows, order the steps of one statement).
    await tx.query(
      `INSERT INTO checkout.checkout_transitions (checkout_id, from_state, to_state, event, message_id, compensation)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::boolean[])`,
      [
        steps.map((s) => s.checkoutId),
        steps.map((s) => s.fromState),
        steps.map((s) => s.toState),
        steps.map((s) => s.event),
        steps.map((s) => s.messageId),
        steps.map((s) => s.compensation),
      ],
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
