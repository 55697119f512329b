import type { CheckContext, Queryable } from '../invariant.types';
import { deadLettersAsInjected } from './messaging.checks';

const noDatabase = {} as Queryable;
const context = (poisonInjected: number, counts?: Record<string, number>): CheckContext => ({
  quietBefore: new Date(),
  terminalBefore: new Date(),
  horizon: null,
  poisonInjected,
  deadLetters: counts ? async () => counts : undefined,
});

describe('the dead-letter invariant', () => {
  it('passes when the dead-letter queues hold exactly the poison injected', async () => {
    await expect(deadLettersAsInjected.run(noDatabase, context(2, { 'catalog-svc': 2, 'payments-svc': 0 }))).resolves.toEqual([]);
  });

  it('fails when a message the cluster should have handled was dead-lettered', async () => {
    const findings = await deadLettersAsInjected.run(noDatabase, context(1, { 'catalog-svc': 1, 'payments-svc': 1 }));
    expect(findings).toEqual([{ subject: 'dead letters', detail: '2 dead-lettered (catalog-svc: 1, payments-svc: 1), 1 injected' }]);
  });

  it('fails when injected poison is missing from the dead letters (lost, not parked)', async () => {
    const findings = await deadLettersAsInjected.run(noDatabase, context(1, { 'catalog-svc': 0 }));
    expect(findings).toEqual([{ subject: 'dead letters', detail: '0 dead-lettered (none), 1 injected' }]);
  });

  it('is skipped, not passed, when nobody can ask the broker', async () => {
    await expect(deadLettersAsInjected.run(noDatabase, context(0))).resolves.toBeNull();
  });
});
