import { type DatabaseService, MetricsService } from '@checkout/platform';
import { AdmissionControl, CLUSTER_DRIVEN_STATES } from './admission-control';
import { CheckoutsOverloadedError } from './checkouts-overloaded.error';

/** A database whose saga table holds `active` checkouts under way; counts how often it was asked. */
function sagaTable(active: number, waited = 0, firstSteps = 0) {
  const table = { active, waited, firstSteps, counts: 0, states: [] as string[], firstStep: '' };
  const database = {
    dataSource: {
      query: async (_sql: string, [states, firstStep]: [string[], string]) => {
        table.counts++;
        table.states = states;
        table.firstStep = firstStep;
        return [{ active: table.active, waited: table.waited, first_steps: table.firstSteps }];
      },
    },
  } as unknown as DatabaseService;
  return { table, database };
}

describe('admission control for new checkouts', () => {
  it('admits while fewer than the bound are under way, then sheds with a 503 that says when to retry', async () => {
    const { database } = sagaTable(8);
    const admission = new AdmissionControl(database, { maxActiveCheckouts: 10, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 60_000, targetLatencyMs: 500 }, new MetricsService('test'));
    await admission.admit();
    await admission.admit();
    const shed = await admission.admit().catch((error: unknown) => error);
    expect(shed).toBeInstanceOf(CheckoutsOverloadedError);
    expect(shed).toMatchObject({ status: 503, code: 'CHECKOUT.OVERLOADED', retryAfterSeconds: 1 });
  });

  it('sheds while the oldest checkout has waited too long for its stock, whatever the count', async () => {
    const { table, database } = sagaTable(2, 450);
    const admission = new AdmissionControl(database, { maxActiveCheckouts: 1_000, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 20, targetLatencyMs: 500 }, new MetricsService('test'));
    await expect(admission.admit()).rejects.toMatchObject({ code: 'CHECKOUT.OVERLOADED', status: 503 });
    expect(table.firstStep).toBe('Initiated');
    table.waited = 40;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(admission.admit()).resolves.toBeUndefined();
  });

  it('admits while the broker is away, however long the first steps wait, up to the ceiling on checkouts under way', async () => {
    const { table, database } = sagaTable(2, 60_000, 500);
    let connected = false;
    const limits = { maxActiveCheckouts: 4, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 60_000, targetLatencyMs: 500 };
    const admission = new AdmissionControl(database, limits, new MetricsService('test'), () => connected);
    await admission.admit();
    await admission.admit();
    await expect(admission.admit()).rejects.toMatchObject({ code: 'CHECKOUT.OVERLOADED', status: 503 });

    // Back: the latency rules apply again (the first steps have waited a minute).
    connected = true;
    table.active = 0;
    const again = new AdmissionControl(database, limits, new MetricsService('test'), () => connected);
    await expect(again.admit()).rejects.toMatchObject({ code: 'CHECKOUT.OVERLOADED' });
  });

  it('sheds a start beyond the ones this instance is already handling, and admits again when one ends', async () => {
    const { database } = sagaTable(0);
    const admission = new AdmissionControl(database, { maxActiveCheckouts: 1_000, maxFirstStepWaitMs: 300, maxConcurrentStarts: 2, sampleMs: 100, targetLatencyMs: 500 }, new MetricsService('test'));
    let finish!: () => void;
    const slow = () => new Promise<string>((resolve) => (finish = () => resolve('started')));
    const first = admission.bounded(slow);
    const second = admission.bounded(() => new Promise<string>(() => undefined));
    await expect(admission.bounded(async () => 'third')).rejects.toMatchObject({ code: 'CHECKOUT.OVERLOADED', status: 503 });
    finish();
    await expect(first).resolves.toBe('started');
    await expect(admission.bounded(async () => 'again')).resolves.toBe('again');
    void second;
  });

  it('counts only checkouts under way: not final ones, not those waiting for an operator', async () => {
    const { table, database } = sagaTable(0);
    await new AdmissionControl(database, { maxActiveCheckouts: 10, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 100, targetLatencyMs: 500 }, new MetricsService('test')).admit();
    expect(table.states).toEqual(expect.arrayContaining(['Initiated', 'StockReserved', 'AwaitingPayment', 'Compensating']));
    expect(table.states).not.toEqual(expect.arrayContaining(['Completed']));
    expect(table.states).not.toContain('Cancelled');
    expect(table.states).not.toContain('Failed');
  });

  it('admits again once a fresh count shows checkouts finished', async () => {
    const { table, database } = sagaTable(10);
    const admission = new AdmissionControl(database, { maxActiveCheckouts: 10, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 20, targetLatencyMs: 500 }, new MetricsService('test'));
    await expect(admission.admit()).rejects.toBeInstanceOf(CheckoutsOverloadedError);
    table.active = 3;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(admission.admit()).resolves.toBeUndefined();
  });

  it('reads the count once for a burst of concurrent requests', async () => {
    const { table, database } = sagaTable(0);
    const admission = new AdmissionControl(database, { maxActiveCheckouts: 1_000, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 60_000, targetLatencyMs: 500 }, new MetricsService('test'));
    await Promise.all(Array.from({ length: 10 }, () => admission.admit()));
    expect(table.counts).toBe(1);
  });

  it('sheds once as many checkouts are in their first steps as the adaptive limit allows', async () => {
    const { table, database } = sagaTable(40, 0, 16);
    const admission = new AdmissionControl(database, { maxActiveCheckouts: 300, maxFirstStepWaitMs: 300, maxConcurrentStarts: 8, sampleMs: 20, targetLatencyMs: 500 }, new MetricsService('test'));
    await expect(admission.admit()).rejects.toMatchObject({ code: 'CHECKOUT.OVERLOADED', status: 503, retryAfterSeconds: 1 });
    table.firstSteps = 10;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(admission.admit()).resolves.toBeUndefined();
  });

  it('steers the limit only by the first steps: a customer taking long to pay does not count', async () => {
    expect(CLUSTER_DRIVEN_STATES).toEqual(['Initiated', 'StockReserved']);
  });
});
