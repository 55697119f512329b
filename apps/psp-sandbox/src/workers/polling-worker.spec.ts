import type { DatabaseService } from '@checkout/platform';
import { sleep } from '@checkout/platform/testing';
import { PollingWorker } from './polling-worker';

class CountingWorker extends PollingWorker {
  ticks = 0;
  busy = 0;
  mostAtOnce = 0;

  constructor(ready: Promise<void>, lanes = 1, private readonly passMs = 0) {
    super({ ready } as DatabaseService, 'CountingWorker', lanes);
  }

  protected async tick(): Promise<boolean> {
    this.ticks++;
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.busy);
    await sleep(this.passMs);
    this.busy--;
    return this.passMs > 0; // "found work": go again at once
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

  it('runs its lanes side by side, and no more', async () => {
    const worker = new CountingWorker(Promise.resolve(), 3, 20);
    worker.onApplicationBootstrap();
    await sleep(100);
    await worker.beforeApplicationShutdown();
    expect(worker.mostAtOnce).toBe(3);
  });

  it('stops every lane at shutdown', async () => {
    const worker = new CountingWorker(Promise.resolve(), 4);
    worker.onApplicationBootstrap();
    await sleep(20);
    const started = Date.now();
    await worker.beforeApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('stops promptly, even when the database never came up', async () => {
    const worker = new CountingWorker(new Promise(() => undefined));
    worker.onApplicationBootstrap();
    const started = Date.now();
    await worker.beforeApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
