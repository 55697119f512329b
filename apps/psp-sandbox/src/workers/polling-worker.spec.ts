import type { DatabaseService } from '@checkout/platform';
import { sleep } from '@checkout/platform/testing';
import { PollingWorker } from './polling-worker';

class CountingWorker extends PollingWorker {
  ticks = 0;

  constructor(ready: Promise<void>) {
    super({ ready } as DatabaseService, 'CountingWorker');
  }

  protected async tick(): Promise<boolean> {
    this.ticks++;
    return false;
  }
}

describe('a polling worker', () => {
  it('does no work until the database is ready', async () => {
    let markReady!: () => void;
    const worker = new CountingWorker(new Promise((resolve) => (markReady = resolve)));
    worker.onApplicationBootstrap();
    await sleep(150);
    expect(worker.ticks).toBe(0);

    markReady();
    await sleep(20);
    expect(worker.ticks).toBe(1);
    await worker.beforeApplicationShutdown();
  });

  it('runs a pass at once when woken, instead of waiting for the next poll', async () => {
    const worker = new CountingWorker(Promise.resolve());
    worker.onApplicationBootstrap();
    await sleep(20);
    const before = worker.ticks;
    worker.wake();
    await sleep(5);
    expect(worker.ticks).toBe(before + 1);
    await worker.beforeApplicationShutdown();
  });

  it('stops promptly, even when the database never came up', async () => {
    const worker = new CountingWorker(new Promise(() => undefined));
    worker.onApplicationBootstrap();
    const started = Date.now();
    await worker.beforeApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
