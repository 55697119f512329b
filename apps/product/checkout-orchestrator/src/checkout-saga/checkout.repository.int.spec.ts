import { DatabaseService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';
import { CheckoutRepository } from './checkout.repository';

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
    const saga = (await inTransaction((tx) => repository().lockAll(tx, [checkoutId]))).get(checkoutId);
    if (!saga) throw new Error(`checkout ${checkoutId} not found`);
    return saga;
  };

  it('saves the new states of a batch of sagas in one statement, each version moved by its steps', async () => {
    const [one, two] = [await seedCheckout(app, 'Initiated'), await seedCheckout(app, 'Initiated')];
    const read = await loaded(one);
    const data = { ...read.data, reservationId: randomUUID() };

    await inTransaction((tx) => repository().saveAll(tx, [
      { id: one, state: 'StockReserved', data, steps: 1 },
      { id: two, state: 'AwaitingPayment', data: (read.data), steps: 2 },
    ]));

    const saved = await loaded(one);
    expect(saved).toMatchObject({ id: one, state: 'StockReserved', version: read.version + 1, data });
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(read.updatedAt.getTime());
    expect(await loaded(two)).toMatchObject({ state: 'AwaitingPayment', version: 3 });
  });

  it('makes a second batch that shares a saga wait for the first to commit (the rows are locked)', async () => {
    const checkoutId = await seedCheckout(app, 'Initiated');
    const order: string[] = [];
    let releaseFirst = (): void => undefined;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = inTransaction(async (tx) => {
      await repository().lockAll(tx, [checkoutId, randomUUID()]);
      order.push('first locked');
      await firstHolds;
      order.push('first commits');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = inTransaction(async (tx) => {
      await repository().lockAll(tx, [checkoutId]);
      order.push('second locked');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseFirst();
    await Promise.all([first, second]);

    expect(order).toEqual(['first locked', 'first commits', 'second locked']);
  });

  it("returns a checkout's history in the order it happened, past its ninth step", async () => {
    const checkoutId = await seedCheckout(app, 'Initiated');
    const events = Array.from({ length: 12 }, (_, i) => `Step${i + 1}`);
    await inTransaction((tx) =>
      repository().recordTransitions(tx, events.map((event) => ({ checkoutId, fromState: 'Initiated', toState: 'Initiated', event, messageId: randomUUID(), compensation: false }))),
    );

    const history = await repository().history(app.get(DatabaseService).dataSource.manager, checkoutId);

    expect(history.map((step) => step.event)).toEqual(events);
  });
});
