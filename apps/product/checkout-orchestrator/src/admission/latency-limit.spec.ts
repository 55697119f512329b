import { LatencyLimit, type LatencyLimitSettings } from './latency-limit';

const SETTINGS: LatencyLimitSettings = { targetMs: 500, min: 4, max: 300, initial: 32, windowMs: 250 };

/** A limit on a hand-driven clock: `window()` ends the current window and returns the new limit. */
function limitAt(settings: Partial<LatencyLimitSettings> = {}) {
  let now = 1_000;
  const limit = new LatencyLimit({ ...SETTINGS, ...settings }, now);
  return {
    limit,
    /** Checkouts admitted now that will each take these latencies. */
    admittedNow: () => now,
    window(samples: number[], underWay: number, admittedAt = now) {
      limit.underWay(underWay);
      samples.forEach((latency) => limit.observe(admittedAt, latency));
      now += settings.windowMs ?? SETTINGS.windowMs;
      return limit.current(now);
    },
  };
}

describe('the adaptive limit on checkouts in their first steps', () => {
  it('starts at its initial value', () => {
    expect(new LatencyLimit(SETTINGS, 0).current(0)).toBe(32);
  });

  it('shrinks in proportion when checkouts admitted under it are slower than the target', () => {
    const { window } = limitAt();
    expect(window([900, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 32)).toBe(16); // 500/1000: halved
  });

  it('shrinks to a quarter at most in one window, however slow one checkout was', () => {
    const { window } = limitAt();
    expect(window([60_000], 32)).toBe(8);
  });

  it('grows while it is in use and checkouts are faster than the target, by at most a quarter a window', () => {
    const { window } = limitAt();
    expect(window([100, 120], 32)).toBe(40);
    expect(window([100, 120], 40)).toBe(50);
  });

  it('grows only towards the target: a latency just under it grows the limit a little', () => {
    const { window } = limitAt();
    expect(window([450], 32)).toBe(35); // 32 × 500/450
  });

  it('does not grow while it is not in use, so an idle cluster does not let the next burst in unchecked', () => {
    const { window } = limitAt();
    expect(window([100], 3)).toBe(32);
    expect(window([100], 3)).toBe(32);
  });

  it('ignores checkouts admitted before it last moved: one backlog shrinks it once, not every window while it drains', () => {
    const { window, admittedNow } = limitAt();
    const beforeTheMove = admittedNow();
    expect(window([1000], 32)).toBe(16);
    expect(window([1000, 1000, 1000], 16, beforeTheMove)).toBe(16);
    expect(window([1000], 16)).toBe(8); // admitted under the new limit, and still slow
  });

  it('stays put through a window in which nothing admitted under it finished', () => {
    const { window } = limitAt();
    expect(window([], 32)).toBe(32);
  });

  it('never goes below its floor nor above its ceiling', () => {
    const low = limitAt({ initial: 5 });
    expect(low.window([5000], 5)).toBe(4);
    expect(low.window([5000], 4)).toBe(4);
    const high = limitAt({ initial: 280 });
    expect(high.window([10], 280)).toBe(300);
  });
});
