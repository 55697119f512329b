import type { DatabaseService } from '@checkout/platform';
import { PollingWorker } from './polling-worker';

/** A worker that finds no work and counts its passes. */
class CountingWorker extends PollingWorker {
  passes = 0;

  constructor() {
    super({ ready: Promise.resolve() } as unknown as DatabaseService, 'CountingWorker');
  }

  protected async tick(): Promise<boolean> {
    this.passes++;
    return false;
  }
}

/** Lets the loop's promises settle between timer steps. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('a sandbox worker with work falling due later', () => {
  let worker: CountingWorker;

  beforeEach(async () => {
    jest.useFakeTimers();
    worker = new CountingWorker();
    worker.onApplicationBootstrap();
    await settle();
    expect(worker.passes).toBe(1); // the first pass runs at start
  });

  afterEach(async () => {
    const stopped = worker.beforeApplicationShutdown();
    await jest.runOnlyPendingTimersAsync();
    await stopped;
    jest.useRealTimers();
  });

  it('runs a pass when the work falls due, not at its next poll', async () => {
    worker.wakeAt(new Date(Date.now() + 40));
    await jest.advanceTimersByTimeAsync(39);
    expect(worker.passes).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(worker.passes).toBe(2);
  });

  it('runs a pass at once for work already due', async () => {
    worker.wakeAt(new Date(Date.now() - 5));
    await settle();
    expect(worker.passes).toBe(2);
  });

  it('still polls without being woken, for work another sandbox made due, but no more often than every 30 s', async () => {
    await jest.advanceTimersByTimeAsync(29_999);
    expect(worker.passes).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(worker.passes).toBe(2);
  });
});
