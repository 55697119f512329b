import { sleep } from '../testing/eventually';
import { PollingLoop, type PollingLoopOptions } from './polling-loop';

/** A pass that counts itself, takes `passMs`, and reports work (or throws) as told. */
class CountingPass {
  passes = 0;
  busy = 0;
  mostAtOnce = 0;
  found = false;
  failing = false;
  passMs = 0;
  sawStop = false;

  readonly run = async (stopping: AbortSignal): Promise<boolean> => {
    this.passes++;
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.busy);
    try {
      await sleep(this.passMs);
      this.sawStop ||= stopping.aborted;
      if (this.failing) throw new Error('database away');
      return this.found;
    } finally {
      this.busy--;
    }
  };
}

const options = (overrides: Partial<PollingLoopOptions> = {}): PollingLoopOptions => ({
  name: 'TestLoop',
  intervalMs: 10_000,
  errorBackoffMs: 10_000,
  ...overrides,
});

describe('a polling loop', () => {
  let loop: PollingLoop;
  afterEach(() => loop?.stop());

  it('does no pass until it is ready, then one at once', async () => {
    const pass = new CountingPass();
    let markReady!: () => void;
    loop = new PollingLoop(pass.run, options());
    loop.start(new Promise<void>((resolve) => (markReady = resolve)));
    await sleep(100);
    expect(pass.passes).toBe(0);

    markReady();
    await sleep(20);
    expect(pass.passes).toBe(1);
  });

  it('runs a pass as soon as it is woken, instead of at the next interval', async () => {
    const pass = new CountingPass();
    loop = new PollingLoop(pass.run, options());
    loop.start();
    await sleep(20);
    loop.wake();
    await sleep(10);
    expect(pass.passes).toBe(2);
  });

  it('remembers a wake-up that arrived during a pass', async () => {
    const pass = new CountingPass();
    pass.passMs = 40;
    loop = new PollingLoop(pass.run, options());
    loop.start();
    await sleep(10);
    loop.wake(); // the first pass is still running
    await sleep(100);
    expect(pass.passes).toBe(2);
  });

  it('looks again every interval when nothing wakes it', async () => {
    const pass = new CountingPass();
    loop = new PollingLoop(pass.run, options({ intervalMs: 30 }));
    loop.start();
    await sleep(160);
    // At 0, 30, 60, 90, 120, 150 ms, give or take a busy machine's timers.
    expect(pass.passes).toBeGreaterThanOrEqual(3);
    expect(pass.passes).toBeLessThanOrEqual(7);
  });

  it('goes again at once while passes find work', async () => {
    const pass = new CountingPass();
    pass.found = true;
    pass.passMs = 5;
    loop = new PollingLoop(pass.run, options());
    loop.start();
    await sleep(100);
    expect(pass.passes).toBeGreaterThan(5);
  });

  it('backs off after a failed pass, for its back-off rather than its interval', async () => {
    const pass = new CountingPass();
    pass.failing = true;
    loop = new PollingLoop(pass.run, options({ intervalMs: 10, errorBackoffMs: 150 }));
    loop.start();
    await sleep(100);
    expect(pass.passes).toBe(1);

    pass.failing = false;
    await sleep(100); // the back-off ends at 150 ms; from then on the 10 ms interval
    expect(pass.passes).toBeGreaterThan(3);
  });

  it('runs its lanes side by side, and no more', async () => {
    const pass = new CountingPass();
    pass.found = true;
    pass.passMs = 20;
    loop = new PollingLoop(pass.run, options({ lanes: 3 }));
    loop.start();
    await sleep(100);
    await loop.stop();
    expect(pass.mostAtOnce).toBe(3);
  });

  it('lets the passes in flight finish at stop, tells them it is stopping, and runs no more', async () => {
    const pass = new CountingPass();
    pass.found = true;
    pass.passMs = 50;
    loop = new PollingLoop(pass.run, options({ lanes: 2 }));
    loop.start();
    await sleep(10);
    expect(pass.busy).toBe(2);
    await loop.stop();
    expect(pass.busy).toBe(0);
    expect(pass.sawStop).toBe(true);
    const passes = pass.passes;
    await sleep(100);
    expect(pass.passes).toBe(passes);
  });

  it('stops every idle lane at once', async () => {
    const pass = new CountingPass();
    loop = new PollingLoop(pass.run, options({ lanes: 4 }));
    loop.start();
    await sleep(20);
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('stops promptly, and never starts, when it was never ready', async () => {
    const pass = new CountingPass();
    loop = new PollingLoop(pass.run, options());
    loop.start(new Promise(() => undefined));
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(50);
    expect(pass.passes).toBe(0);
  });

  it('can be started again after a stop', async () => {
    const pass = new CountingPass();
    loop = new PollingLoop(pass.run, options());
    loop.start();
    await sleep(10);
    await loop.stop();
    loop.start();
    await sleep(10);
    expect(pass.passes).toBe(2);
  });
});
