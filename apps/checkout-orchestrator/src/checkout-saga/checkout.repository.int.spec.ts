import { ConcurrencyConflictError, DatabaseService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';
import { CheckoutRepository } from './checkout.repository';
import type { Outcome } from './checkout-state-machine';

describe('the saga rows, as the repository reads and writes them', () => {
  const database = uniqueName('orchestrator_repo');
  const vhost = uniqueName('orchestrator_repo');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOrchestrator(database, vhost);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  const repository = () => app.get(CheckoutRepository);
  const inTransaction = <T>(work: (tx: EntityManager) => Promise<T>) => app.get(DatabaseService).dataSource.transaction(work);
  const loaded = async (checkoutId: string) => {
    const saga = await repository().load(app.get(DatabaseService).dataSource.manager, checkoutId);
    if (!saga) throw new Error(`checkout ${checkoutId} not found`);
    return saga;
  };
  const outcome = (to: Outcome['to'], data: Outcome['data']) => ({ to, data }) as Outcome;

  it('saves a new state and data over the version it read, and refuses a save over a version it did not', async () => {
    const checkoutId = await seedCheckout(app, 'Initiated');
    const read = await loaded(checkoutId);
    const data = { ...read.data, reservationId: randomUUID() };

    await inTransaction((tx) => repository().save(tx, read, outcome('StockReserved', data)));
    const stale = inTransaction((tx) => repository().save(tx, read, outcome('Cancelled', read.data)));

    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    const saved = await loaded(checkoutId);
    expect(saved).toMatchObject({ id: checkoutId, state: 'StockReserved', version: read.version + 1, data });
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(read.updatedAt.getTime());
  });

  it("returns a checkout's history in the order it happened, past its ninth step", async () => {
    const checkoutId = await seedCheckout(app, 'Initiated');
    const events = Array.from({ length: 12 }, (_, i) => `Step${i + 1}`);
    await inTransaction(async (tx) => {
      for (const event of events) {
        await repository().recordTransition(tx, { checkoutId, fromState: 'Initiated', toState: 'Initiated', event, messageId: randomUUID(), compensation: false });
      }
    });

    const history = await repository().history(app.get(DatabaseService).dataSource.manager, checkoutId);

    expect(history.map((step) => step.event)).toEqual(events);
  });
});
