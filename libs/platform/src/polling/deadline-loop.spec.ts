import { sleep } from '../testing/eventually';
import { DeadlineLoop, type DeadlineLoopOptions } from './deadline-loop';

/** A pass that records when it ran and answers the next deadline it is told to. */
class DeadlinePassLog {
  readonly at: number[] = [];
  next: number | null = null;
  failing = false;

  readonly run = async (): Promise<number | null> => {
    this.at.push(Date.now());
    if (this.failing) throw new Error('database away');
    return this.next;
  };

  get passes(): number {
    return this.at.length;
  }
}

const options = (overrides: Partial<DeadlineLoopOptions> = {}): DeadlineLoopOptions => ({
  name: 'TestDeadlines',
  fallbackMs: 10_000,
  errorBackoffMs: 10_000,
  ...overrides,
});

describe('a deadline loop', () => {
  let loop: DeadlineLoop;
  afterEach(() => loop?.stop());

  it('sleeps until the deadline its last pass found, not the fallback', async () => {
    const pass = new DeadlinePassLog();
    pass.next = Date.now() + 80;
    loop = new DeadlineLoop(pass.run, options());
    loop.start();
    await sleep(40);
    pass.next = null;
    expect(pass.passes).toBe(1);

    await sleep(100);
    expect(pass.passes).toBe(2);
    await sleep(100);
    expect(pass.passes).toBe(2); // nothing pending: only the fallback would look again
  });

  it('wakes at a deadline made known in this process, and a later one does not push it back', async () => {
    const pass = new DeadlinePassLog();
    loop = new DeadlineLoop(pass.run, options());
    loop.start();
    await sleep(20);
    const soon = Date.now() + 60;
    loop.wakeAt(soon);
    loop.wakeAt(soon + 5_000);
    await sleep(100);
    expect(pass.passes).toBe(2);
    expect(pass.at[1]).toBeGreaterThanOrEqual(soon - 2);
  });

  it('keeps the minimum gap when the deadline found has already passed', async () => {
    const pass = new DeadlinePassLog();
    pass.next = 0; // a timer whose firing failed: due since long ago
    loop = new DeadlineLoop(pass.run, options({ minGapMs: 50 }));
    loop.start();
    await sleep(130);
    // At once, then after 50 and 100 ms: not a spin.
    expect(pass.passes).toBeGreaterThanOrEqual(2);
    expect(pass.passes).toBeLessThanOrEqual(3);
  });

  it('tries a failed pass again after the back-off, not the fallback', async () => {
    const pass = new DeadlinePassLog();
    pass.failing = true;
    loop = new DeadlineLoop(pass.run, options({ errorBackoffMs: 40 }));
    loop.start();
    await sleep(60);
    expect(pass.passes).toBe(2);
  });

  it('runs nothing after stop, even at a deadline armed before it', async () => {
    const pass = new DeadlinePassLog();
    loop = new DeadlineLoop(pass.run, options());
    loop.start();
    await sleep(20);
    loop.wakeAt(Date.now() + 30);
    await loop.stop();
    loop.wakeAt(Date.now());
    await sleep(60);
    expect(pass.passes).toBe(1);
  });
});
