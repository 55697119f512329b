import { ConcurrencyConflictError } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CheckoutTransitionEntity } from './checkout-transition.entity';
import { CheckoutEntity } from './checkout.entity';
import type { Outcome } from './checkout-state-machine';

/** Loads and saves saga rows; every write goes through the caller's transaction. */
@Injectable()
export class CheckoutRepository {
  load(tx: EntityManager, checkoutId: string): Promise<CheckoutEntity | null> {
    return tx.findOneBy(CheckoutEntity, { id: checkoutId });
  }

  /** The checkout a request with this Idempotency-Key started, if any. */
  findByIdempotencyKey(tx: EntityManager, idempotencyKey: string): Promise<CheckoutEntity | null> {
    return tx.findOneBy(CheckoutEntity, { idempotencyKey });
  }

  /** Inserts a new saga row; a second row with the same Idempotency-Key violates its unique constraint. */
  async create(tx: EntityManager, saga: Omit<CheckoutEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await tx.insert(CheckoutEntity, saga);
  }

  /** Saves an outcome if nobody saved this checkout since `saga` was read; else throws to retry. */
  async save(tx: EntityManager, saga: CheckoutEntity, outcome: Outcome): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(CheckoutEntity)
      .set({ state: outcome.to, data: outcome.data, version: saga.version + 1 })
      .where('id = :id AND version = :version', { id: saga.id, version: saga.version })
      .execute();
    if (result.affected !== 1) {
      throw new ConcurrencyConflictError(`checkout ${saga.id} changed since version ${saga.version}`);
    }
  }

  async recordTransition(
    tx: EntityManager,
    step: Pick<CheckoutTransitionEntity, 'checkoutId' | 'fromState' | 'toState' | 'event' | 'messageId' | 'compensation'>,
  ): Promise<void> {
    await tx.insert(CheckoutTransitionEntity, { ...step, at: new Date() });
  }

  history(tx: EntityManager, checkoutId: string): Promise<CheckoutTransitionEntity[]> {
    return tx.find(CheckoutTransitionEntity, { where: { checkoutId }, order: { id: 'ASC' } });
  }
}
