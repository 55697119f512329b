import { pollWhileVisible } from './poll-while-visible';

/** Just enough of a browser tab for the poller: its visibility, its listeners and its timers. */
class FakeTab {
  visibilityState: 'visible' | 'hidden' = 'visible';
  readonly listeners = new Set<() => void>();
  addEventListener(_type: string, listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: string, listener: () => void): void {
    this.listeners.delete(listener);
  }
  show(visible: boolean): void {
    this.visibilityState = visible ? 'visible' : 'hidden';
    for (const listener of this.listeners) listener();
  }
}

const globals = globalThis as unknown as { document?: unknown; window?: unknown };

describe('pollWhileVisible', () => {
  let tab: FakeTab;

  beforeEach(() => {
    jest.useFakeTimers();
    tab = new FakeTab();
    globals.document = tab;
    globals.window = globalThis;
  });

  afterEach(() => {
    jest.useRealTimers();
    delete globals.document;
    delete globals.window;
  });

  /** A tick that stays under way until the test settles it. */
  function pendingTicks() {
    const settle: (() => void)[] = [];
    const tick = jest.fn(() => new Promise<void>((resolve) => settle.push(resolve)));
    const settleLast = async () => {
      settle.at(-1)?.();
      await Promise.resolve();
      await Promise.resolve();
    };
    return { tick, settleLast };
  }

  it('runs at once, and again only once the previous run settled and the interval passed', async () => {
    const { tick, settleLast } = pendingTicks();
    const stop = pollWhileVisible(tick, 1_000, new AbortController().signal);
    expect(tick).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(5_000); // a hung request: nothing piles up behind it
    expect(tick).toHaveBeenCalledTimes(1);

    await settleLast();
    jest.advanceTimersByTime(999);
    expect(tick).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(tick).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops while the tab is hidden and runs at once when it is shown again', async () => {
    const { tick, settleLast } = pendingTicks();
    const stop = pollWhileVisible(tick, 1_000, new AbortController().signal);
    await settleLast();
    tab.show(false);
    jest.advanceTimersByTime(10_000);
    expect(tick).toHaveBeenCalledTimes(1);

    tab.show(true);
    expect(tick).toHaveBeenCalledTimes(2);
    stop();
  });

  it('does not start a second run when the tab is shown while one is under way', () => {
    const { tick } = pendingTicks();
    const stop = pollWhileVisible(tick, 1_000, new AbortController().signal);
    tab.show(true);
    expect(tick).toHaveBeenCalledTimes(1);
    stop();
  });

  it('schedules nothing after the signal is aborted, and stop removes its listener and timer', async () => {
    const controller = new AbortController();
    const { tick, settleLast } = pendingTicks();
    const stop = pollWhileVisible(tick, 1_000, controller.signal);
    controller.abort();
    await settleLast();
    jest.advanceTimersByTime(10_000);
    expect(tick).toHaveBeenCalledTimes(1);

    stop();
    expect(tab.listeners.size).toBe(0);
  });

  it('stop cancels the next run already scheduled', async () => {
    const { tick, settleLast } = pendingTicks();
    const stop = pollWhileVisible(tick, 1_000, new AbortController().signal);
    await settleLast();
    stop();
    jest.advanceTimersByTime(10_000);
    expect(tick).toHaveBeenCalledTimes(1);
  });
});
